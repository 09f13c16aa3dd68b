import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, sessions, users } from "@/db/schema";
import { pscFailureReason } from "@/lib/auth/psc-callback";
import { rppsOf, verifyPscLogin } from "@/lib/auth/psc-identity";
import { openPscSession } from "@/lib/auth/psc-session";
import { tokenFetch } from "@/lib/auth/psc-token-fetch";
import { passwordLoginEnabled, pscSettings } from "@/lib/auth/psc-settings";
import { seal, unseal } from "@/lib/auth/sealed";
import { driver, seededDatabase } from "./db";
import { demo, meta } from "./fixtures";
import { throwawayPki } from "./smtp-peer";

process.env.AUTH_SECRET ??= "vitest-secret-0123456789abcdef";

/** PSC's keys and userinfo for the test: the ID token and userinfo are signed here, as PSC would, or not. */
let pscKey: CryptoKey;
let otherKey: CryptoKey;
let userinfo: { type: string; body: string } = { type: "application/json", body: "{}" };
let server: ReturnType<typeof createServer>;
let settings: NonNullable<ReturnType<typeof pscSettings>>;

const sign = (claims: JWTPayload, key = pscKey, expires = "5m") =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "psc" })
    .setIssuer(settings.issuer)
    .setAudience(settings.clientId)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);

const jean = { sub: "psc-jean", SubjectNameID: "810003456789" };

beforeAll(async () => {
  ({ privateKey: pscKey } = await generateKeyPair("RS256", { extractable: true }));
  ({ privateKey: otherKey } = await generateKeyPair("RS256"));
  const { kty, n, e } = await exportJWK(pscKey);
  server = createServer((req, res) => {
    if (req.url === "/certs")
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ keys: [{ kty, n, e, kid: "psc", alg: "RS256", use: "sig" }] }));
    res.writeHead(200, { "content-type": userinfo.type }).end(userinfo.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  settings = pscSettings({
    PSC_CLIENT_ID: "webmail",
    PSC_CLIENT_SECRET: "secret",
    PSC_ISSUER: `${base}/auth/realms/esante-wallet`,
    PSC_AUTHORIZATION_URL: "http://localhost/auth",
    PSC_USERINFO_URL: `${base}/userinfo`,
    PSC_JWKS_URL: `${base}/certs`,
  })!;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("what Pro Santé Connect answers, verified", () => {
  const login = async (
    idClaims: JWTPayload,
    { info = jean as JWTPayload, jwt = true, key = pscKey, idKey = pscKey, expires = "5m" } = {},
  ) => {
    userinfo = jwt ? { type: "application/jwt", body: await sign(info, key) } : { type: "application/json", body: JSON.stringify(info) };
    return verifyPscLogin(settings, { idToken: await sign(idClaims, idKey, expires), accessToken: "at" });
  };

  it("accepts an eIDAS 1 login whose signed userinfo names an RPPS, as JWT or as JSON", async () => {
    expect(await login({ sub: "psc-jean", acr: "eidas1" })).toMatchObject({ ok: true, identity: { sub: "psc-jean", rpps: "10003456789" } });
    expect(
      await login(
        { sub: "psc-claire", acr: "eidas1" },
        { jwt: false, info: { sub: "psc-claire", otherIds: [{ identifiant: "10009876543", origine: "RPPS" }] } },
      ),
    ).toMatchObject({ ok: true, identity: { rpps: "10009876543" } });
  });

  it.each([
    ["a userinfo signed by another key", { acr: "eidas1" }, { key: "other" }, "psc_userinfo"],
    ["an ID token signed by another key", { acr: "eidas1" }, { idKey: "other" }, "psc_id_token"],
    ["an expired ID token", { acr: "eidas1" }, { expires: "-1s" }, "psc_id_token"],
    ["an ID token without acr", {}, {}, "psc_acr"],
    ["an acr below eidas1", { acr: "eidas0" }, {}, "psc_acr"],
    ["a userinfo for another subject", { acr: "eidas1" }, { info: { sub: "psc-autre", SubjectNameID: "810003456789" } }, "psc_userinfo"],
    ["an identity without RPPS", { acr: "eidas1" }, { info: { sub: "psc-jean", SubjectNameID: "3ADELI123" } }, "psc_no_rpps"],
  ] as const)("refuses %s", async (_label, idClaims, options, reason) => {
    const { key, idKey, ...rest } = options as { key?: string; idKey?: string };
    expect(
      await login({ sub: "psc-jean", ...idClaims }, { ...rest, key: key ? otherKey : pscKey, idKey: idKey ? otherKey : pscKey }),
    ).toEqual({ ok: false, reason });
  });

  it("reads the RPPS from SubjectNameID (8 + RPPS) or otherIds, nothing else", () => {
    expect(rppsOf({ SubjectNameID: "810003456789" })).toBe("10003456789");
    expect(
      rppsOf({
        otherIds: [
          { identifiant: "0012345", origine: "ADELI" },
          { identifiant: "10009876543", origine: "RPPS" },
        ],
      }),
    ).toBe("10009876543");
    expect(rppsOf({ SubjectNameID: "0B1234567" })).toBeNull();
  });

  it("names what Auth.js refused: the state, the nonce, an expired token, a login cancelled at PSC", () => {
    expect(pscFailureReason({ type: "InvalidCheck" })).toBe("psc_state");
    expect(
      pscFailureReason({ type: "CallbackRouteError", cause: { err: { message: 'unexpected "state" response parameter value' } } }),
    ).toBe("psc_state");
    expect(
      pscFailureReason({ type: "CallbackRouteError", cause: { claim: "nonce", err: { code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED" } } }),
    ).toBe("psc_nonce");
    expect(pscFailureReason({ type: "CallbackRouteError", cause: { err: { code: "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" } } })).toBe(
      "psc_expired",
    );
    expect(pscFailureReason({ type: "OAuthCallbackError" })).toBe("psc_cancelled");
    expect(pscFailureReason(new Error("autre"))).toBe("psc_invalid_response");
  });

  it("seals what the session keeps: opened only with the secret, never altered", () => {
    const sealed = seal("eyJ.jeton.id");
    expect(sealed).not.toContain("jeton");
    expect(unseal(sealed)).toBe("eyJ.jeton.id");
    const [v, iv, tag, body] = sealed.split(".");
    expect(unseal([v, iv, tag, `${body.slice(0, -2)}AA`].join("."))).toBeNull();
  });
});

describe(`a professional back from Pro Santé Connect (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const lastLogin = async () => (await db.select().from(auditLog).where(eq(auditLog.action, "session.login")).orderBy(auditLog.id)).at(-1);

  it("links the account known by the RPPS at the first login, then finds it by its PSC subject; the ID token sealed in the session row", async () => {
    const first = await openPscSession(db, { sub: "psc-jean", rpps: "10003456789", idToken: "id.token.jean" }, meta);
    expect(first).toMatchObject({ ok: true, userId: d.jean.id });
    expect((await db.select().from(users).where(eq(users.id, d.jean.id)))[0].oidcSubject).toBe("psc-jean");
    expect(await lastLogin()).toMatchObject({ result: "success", actorUserId: d.jean.id, metadata: { method: "psc", linked: true } });
    const [row] = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, d.jean.id), eq(sessions.id, first.ok ? first.sessionId : "")));
    expect(row.pscIdToken).not.toContain("id.token.jean");
    expect(unseal(row.pscIdToken!)).toBe("id.token.jean");

    // Later, by his subject, even if PSC no longer gave the RPPS the same way.
    expect(await openPscSession(db, { sub: "psc-jean", rpps: "10000000000", idToken: "t" }, meta)).toMatchObject({
      ok: true,
      userId: d.jean.id,
    });
    expect(await lastLogin()).toMatchObject({ metadata: { linked: false } });
  });

  it("refuses an unknown RPPS without creating any account, and a disabled account; both traced", async () => {
    const before = (await db.select().from(users)).length;
    expect(await openPscSession(db, { sub: "psc-inconnu", rpps: "10999999999", idToken: "t" }, meta)).toEqual({
      ok: false,
      reason: "unknown_rpps",
    });
    expect(await lastLogin()).toMatchObject({ result: "refused", reason: "unknown_rpps", actorUserId: null });
    expect((await db.select().from(users)).length).toBe(before);

    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, d.claire.id));
    expect(await openPscSession(db, { sub: "psc-claire", rpps: "10009876543", idToken: "t" }, meta)).toEqual({
      ok: false,
      reason: "account_disabled",
    });
    expect(await lastLogin()).toMatchObject({ result: "refused", reason: "account_disabled", actorUserId: d.claire.id });
    await db.update(users).set({ disabledAt: null }).where(eq(users.id, d.claire.id));
  });

  it("never takes over an RPPS already linked to another PSC subject", async () => {
    expect(await openPscSession(db, { sub: "psc-usurpateur", rpps: "10003456789", idToken: "t" }, meta)).toEqual({
      ok: false,
      reason: "unknown_rpps",
    });
  });
});

describe("the token call with the structure's certificate", () => {
  it("presents the client certificate to a token endpoint that requires one (mutual TLS)", async () => {
    const pki = await throwawayPki();
    const dir = mkdtempSync(path.join(tmpdir(), "psc-mtls-"));
    const file = (name: string, bytes: Buffer) => (writeFileSync(path.join(dir, name), bytes), path.join(dir, name));
    const seen: string[] = [];
    const token = createHttpsServer(
      { key: pki.key, cert: pki.cert, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        seen.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? ""));
        res.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"at"}');
      },
    );
    await new Promise<void>((resolve) => token.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(token.address() as AddressInfo).port}/token`;
    try {
      const withCertificate = tokenFetch({
        ...settings,
        clientCertificate: { cert: file("client.pem", pki.cert), key: file("client.key", pki.key) },
        tokenCa: file("ca.pem", pki.ca),
      });
      expect(await (await withCertificate(url, { method: "POST" })).json()).toEqual({ access_token: "at" });
      expect(seen).toEqual(["localhost"]);
      // Without the certificate, the endpoint does not answer.
      await expect(tokenFetch({ ...settings, clientCertificate: null })(url, { method: "POST" })).rejects.toThrow();
    } finally {
      await new Promise<void>((resolve) => token.close(() => resolve()));
    }
  });
});

describe("Pro Santé Connect's settings", () => {
  it("are off without a client id, demand what PSC cannot do without, and default the endpoints under the issuer", () => {
    expect(pscSettings({})).toBeNull();
    expect(() => pscSettings({ PSC_CLIENT_ID: "x", PSC_CLIENT_SECRET: "s", PSC_ISSUER: "https://auth.example/realms/r" })).toThrow(
      /PSC_AUTHORIZATION_URL/,
    );
    expect(
      pscSettings({
        PSC_CLIENT_ID: "x",
        PSC_CLIENT_SECRET: "s",
        PSC_ISSUER: "https://auth.example/realms/r/",
        PSC_AUTHORIZATION_URL: "https://wallet.example/auth",
      }),
    ).toMatchObject({
      tokenUrl: "https://auth.example/realms/r/protocol/openid-connect/token",
      logoutUrl: "https://auth.example/realms/r/protocol/openid-connect/logout",
    });
    expect(passwordLoginEnabled({})).toBe(true);
    expect(passwordLoginEnabled({ LOGIN_PASSWORD: "off" })).toBe(false);
  });
});
