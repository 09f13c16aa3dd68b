import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { guardForwarding, installForwardingGuard, trustedProxies } from "@/lib/http/forwarded";
import { refuseFromHeaders } from "@/lib/http/refusals";
import { isSameOrigin, metaFrom } from "@/lib/request";

/** What the app reads of a request that went through a real Node server with the forwarding guard installed. */
async function seenByApp(trust: string | undefined, headers: Record<string, string>) {
  const uninstall = installForwardingGuard(trust);
  const server = http.createServer((request, response) => {
    const h = new Headers(request.headers as Record<string, string>);
    response.end(JSON.stringify({ meta: metaFrom(h), sameOrigin: isSameOrigin(h), headers: request.headers }));
  });
  try {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const request = http.request({ host: "127.0.0.1", port, path: "/", headers: { host: "webmail.ch-x.fr", ...headers } });
    request.end();
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    let body = "";
    for await (const chunk of response) body += chunk;
    return JSON.parse(body) as { meta: { ip: string | null }; sameOrigin: boolean; headers: Record<string, string> };
  } finally {
    uninstall();
    server.close();
  }
}

describe("TRUSTED_PROXIES", () => {
  it("trusts no one when unset or empty", () => {
    for (const value of [undefined, "", " , "]) expect(trustedProxies(value)("127.0.0.1", 0)).toBe(false);
  });

  it("reads addresses, CIDR ranges and named ranges, IPv4 seen through IPv6 included", () => {
    const trust = trustedProxies("loopback, 10.0.0.0/8, 2001:db8::/32, 192.0.2.7");
    const cases: [string, boolean][] = [
      ["127.0.0.1", true],
      ["::1", true],
      ["10.20.30.40", true],
      ["::ffff:10.20.30.40", true],
      ["11.0.0.1", false],
      ["2001:db8::5", true],
      ["2001:db9::5", false],
      ["192.0.2.7", true],
      ["192.0.2.8", false],
    ];
    expect(cases.map(([address]) => [address, trust(address, 0)])).toEqual(cases);
  });

  it("refuses to start on a value that is not an address or a range, naming the setting", () => {
    expect(() => trustedProxies("10.0.0.0/8, proxy.interne")).toThrow(/TRUSTED_PROXIES/);
    expect(() => trustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("the forwarding guard", () => {
  const forged = {
    "x-forwarded-for": "203.0.113.9",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-real-ip": "203.0.113.10",
    forwarded: "for=203.0.113.11;host=evil.example",
  };

  it("from a peer that is not a trusted proxy, removes every forwarding header and reports the socket", () => {
    const request = { headers: { host: "webmail.ch-x.fr", ...forged } };
    guardForwarding(request, { remoteAddress: "198.51.100.4" }, trustedProxies("10.0.0.0/8"), "t");
    expect(request.headers).toEqual({ host: "webmail.ch-x.fr", "x-forwarded-for": "198.51.100.4", "x-mssante-forwarded": "t" });
  });

  it("from a trusted proxy, keeps its host and scheme and reports the first address that is not a trusted proxy", () => {
    // The client forged a first hop; the proxy appended the address it saw.
    const request = { headers: { ...forged, "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" } };
    guardForwarding(request, { remoteAddress: "10.0.0.1" }, trustedProxies("10.0.0.0/8"), "t");
    expect(request.headers).toEqual({
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-mssante-forwarded": "t",
    });
  });

  it("on a real server, with no trusted proxy: the audit gets the socket address and a forged forwarded host never matches the Origin", async () => {
    const seen = await seenByApp(undefined, { ...forged, origin: "http://evil.example" });
    expect(seen.meta.ip).toBe("127.0.0.1");
    expect(seen.sameOrigin).toBe(false);
    expect(seen.headers["x-forwarded-host"]).toBeUndefined();
    expect((await seenByApp(undefined, { origin: "http://webmail.ch-x.fr" })).sameOrigin).toBe(true);
  });

  it("on a real server behind a trusted proxy: the client it reports, and the host it forwards", async () => {
    const seen = await seenByApp("loopback", {
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "mail.ch-x.fr",
      origin: "https://mail.ch-x.fr",
    });
    expect(seen.meta.ip).toBe("203.0.113.9");
    expect(seen.sameOrigin).toBe(true);
  });

  it("a forwarded address that is not an address is never recorded (the sessions' ip column is inet)", async () => {
    expect((await seenByApp("loopback", { "x-forwarded-for": "<script>" })).meta.ip).toBeNull();
  });
});

describe("headers the guard did not see are not believed", () => {
  // A request that reached the app before the guard was installed (the server listens before loading the app).
  const bag = (headers: Record<string, string>) => new Headers(headers);

  it.each([
    [{ host: "webmail.ch-x.fr", origin: "https://webmail.ch-x.fr" }, true],
    [{ host: "localhost:3000", origin: "http://localhost:3000" }, true],
    [{ host: "app:3000", "x-forwarded-host": "evil.example", origin: "https://evil.example" }, false],
    [{ host: "webmail.ch-x.fr" }, false],
    [{ host: "webmail.ch-x.fr", origin: "https://evil.example" }, false],
    [{ host: "webmail.ch-x.fr", origin: "https://webmail.ch-x.fr.evil.example" }, false],
    [{ host: "webmail.ch-x.fr", origin: "null" }, false],
  ])("same origin %j → %s", (headers, expected) => {
    expect(isSameOrigin(bag(headers))).toBe(expected);
  });

  it("no address rather than a forwarded one", () => {
    expect(metaFrom(bag({ "x-forwarded-for": "10.1.2.3", "user-agent": "Firefox" }))).toEqual({ ip: null, userAgent: "Firefox" });
  });
});

describe("requests refused from their headers", () => {
  const ours = { host: "webmail.ch-x.fr", origin: "http://webmail.ch-x.fr" };
  const multipart = "multipart/form-data; boundary=----x";

  it.each([
    ["a body of unannounced length", { ...ours, "transfer-encoding": "chunked", "content-type": multipart }, "length_required"],
    ["more than the limit", { ...ours, "content-length": "1001", "content-type": multipart }, "too_large"],
    ["a multipart body without its boundary", { ...ours, "content-length": "10", "content-type": "multipart/form-data" }, "bad_request"],
    ["an empty boundary", { ...ours, "content-length": "10", "content-type": "multipart/form-data; boundary=" }, "bad_request"],
    ["a foreign Origin", { ...ours, "content-length": "10", "content-type": multipart, origin: "https://evil.example" }, "bad_origin"],
    ["a null Origin", { ...ours, "content-length": "10", "content-type": multipart, origin: "null" }, "bad_origin"],
    ["no Origin", { host: "webmail.ch-x.fr", "content-length": "10", "content-type": multipart }, "bad_origin"],
  ])("%s → %s", (_label, headers, code) => {
    expect(refuseFromHeaders(new Headers(headers), 1000)).toMatchObject({ code, error: expect.any(String) });
  });

  it("lets a readable form post of ours through, as well as a body-less one", () => {
    expect(refuseFromHeaders(new Headers({ ...ours, "content-length": "1000", "content-type": multipart }), 1000)).toBeNull();
    expect(refuseFromHeaders(new Headers(ours), 1000)).toBeNull();
  });
});
