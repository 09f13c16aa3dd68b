import { describe, expect, it } from "vitest";
import { isSameOrigin, metaFrom } from "@/lib/request";

const bag = (headers: Record<string, string>) => new Headers(headers);

describe("server action origin check", () => {
  it.each([
    [{ host: "webmail.ch-x.fr", origin: "https://webmail.ch-x.fr" }, true],
    [{ host: "localhost:3000", origin: "http://localhost:3000" }, true],
    [{ host: "app:3000", "x-forwarded-host": "webmail.ch-x.fr", origin: "https://webmail.ch-x.fr" }, true],
    [{ host: "webmail.ch-x.fr" }, false],
    [{ host: "webmail.ch-x.fr", origin: "https://evil.example" }, false],
    [{ host: "webmail.ch-x.fr", origin: "https://webmail.ch-x.fr.evil.example" }, false],
    [{ host: "webmail.ch-x.fr", origin: "null" }, false],
  ])("%j → %s", (headers, expected) => {
    expect(isSameOrigin(bag(headers))).toBe(expected);
  });
});

describe("request metadata", () => {
  it("takes the first forwarded address and drops the IPv4-mapped prefix", () => {
    expect(metaFrom(bag({ "x-forwarded-for": "::ffff:10.1.2.3, 127.0.0.1", "user-agent": "Firefox" }))).toEqual({
      ip: "10.1.2.3",
      userAgent: "Firefox",
    });
  });
});
