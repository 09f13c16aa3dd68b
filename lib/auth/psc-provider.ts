import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { verifyPscLogin, type PscIdentity, type PscRefusal } from "./psc-identity";
import type { PscSettings } from "./psc-settings";
import { tokenFetch } from "./psc-token-fetch";

export type PscProfile = { id: string; psc?: PscIdentity; pscRefusal?: PscRefusal };

/**
 * Pro Santé Connect as an Auth.js OIDC provider: explicit endpoints, `openid scope_all`, `acr_values=eidas1`,
 * PKCE, state and nonce. Auth.js checks the answer's state and the ID token's claims and nonce; the profile
 * then verifies what Auth.js does not (signatures of the ID token and of a JWT userinfo, the eIDAS level) and
 * carries the verdict to the signIn callback, which opens the session or refuses.
 */
export function pscProvider(settings: PscSettings): OIDCConfig<Record<string, unknown>> {
  return {
    id: "psc",
    name: "Pro Santé Connect",
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { url: settings.authorizationUrl, params: { scope: "openid scope_all", acr_values: "eidas1" } },
    token: { url: settings.tokenUrl },
    userinfo: { url: settings.userinfoUrl },
    checks: ["pkce", "state", "nonce"],
    [customFetch]: tokenFetch(settings),
    async profile(claims, tokens): Promise<PscProfile> {
      const verified = await verifyPscLogin(settings, { idToken: tokens.id_token, accessToken: tokens.access_token });
      return verified.ok
        ? { id: verified.identity.sub, psc: verified.identity }
        : { id: String(claims.sub ?? "psc"), pscRefusal: verified.reason };
    },
  };
}
