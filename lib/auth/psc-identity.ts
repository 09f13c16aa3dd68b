import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { PscSettings } from "./psc-settings";

/** Why a Pro Santé Connect login is refused after the provider answered (audit reasons, lib/errors.ts). */
export type PscRefusal = "psc_id_token" | "psc_acr" | "psc_userinfo" | "psc_no_rpps";

export type PscIdentity = { sub: string; rpps: string; idToken: string };

/** eIDAS levels in order: PSC clients only ever get eidas1, and anything lower or missing is refused. */
const ACR_LEVELS = ["eidas1", "eidas2", "eidas3"];

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
/** One key set per JWKS address, fetched again by jose when a token names a key it has not seen. */
const keysOf = (url: string) => keySets.get(url) ?? keySets.set(url, createRemoteJWKSet(new URL(url))).get(url)!;

type PscClaims = JWTPayload & {
  acr?: string;
  SubjectNameID?: string;
  otherIds?: { identifiant?: string; origine?: string }[];
};

/** The RPPS a PSC identity carries: `SubjectNameID` is "8" + RPPS, else `otherIds` names it. */
export function rppsOf(claims: PscClaims): string | null {
  if (typeof claims.SubjectNameID === "string" && /^8\d{11}$/.test(claims.SubjectNameID)) return claims.SubjectNameID.slice(1);
  const other = Array.isArray(claims.otherIds) ? claims.otherIds.find((o) => o?.origine === "RPPS") : undefined;
  return typeof other?.identifiant === "string" && /^\d{11}$/.test(other.identifiant) ? other.identifiant : null;
}

/**
 * What the provider said, checked here rather than trusted: the ID token's signature against the JWKS, its
 * issuer, audience, expiry and eIDAS level; then the userinfo, a JSON answer or a JWT whose signature is
 * verified too (Auth.js would decode one unchecked), for the same subject.
 */
export async function verifyPscLogin(
  settings: PscSettings,
  tokens: { idToken: string | undefined; accessToken: string | undefined },
  fetcher: typeof fetch = fetch,
): Promise<{ ok: true; identity: PscIdentity } | { ok: false; reason: PscRefusal }> {
  const expected = { issuer: settings.issuer, audience: settings.clientId };
  let idClaims: PscClaims;
  try {
    if (!tokens.idToken || !tokens.accessToken) return { ok: false, reason: "psc_id_token" };
    idClaims = (await jwtVerify<PscClaims>(tokens.idToken, keysOf(settings.jwksUrl), expected)).payload;
  } catch {
    return { ok: false, reason: "psc_id_token" };
  }
  if (!idClaims.sub) return { ok: false, reason: "psc_id_token" };
  if (!ACR_LEVELS.includes(idClaims.acr ?? "")) return { ok: false, reason: "psc_acr" };

  let info: PscClaims;
  try {
    const response = await fetcher(settings.userinfoUrl, {
      headers: { authorization: `Bearer ${tokens.accessToken}`, accept: "application/jwt, application/json" },
    });
    if (!response.ok) return { ok: false, reason: "psc_userinfo" };
    const type = response.headers.get("content-type") ?? "";
    info = type.startsWith("application/jwt")
      ? (await jwtVerify<PscClaims>((await response.text()).trim(), keysOf(settings.jwksUrl), expected)).payload
      : ((await response.json()) as PscClaims);
  } catch {
    return { ok: false, reason: "psc_userinfo" };
  }
  if (info.sub !== idClaims.sub) return { ok: false, reason: "psc_userinfo" };
  const rpps = rppsOf(info) ?? rppsOf(idClaims);
  if (!rpps) return { ok: false, reason: "psc_no_rpps" };
  return { ok: true, identity: { sub: idClaims.sub, rpps, idToken: tokens.idToken } };
}
