import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

/**
 * A real OpenID Connect provider (node-oidc-provider) playing Pro Santé Connect in tests: PSC's endpoint
 * paths, `scope_all`, `acr=eidas1`, PSC-shaped claims (SubjectNameID = "8" + RPPS, otherIds, SubjectRefPro)
 * and a userinfo answered as a signed JWT. Its login page stands for the e-CPS app: a login named in
 * PSC_PEOPLE signs in as that person, at eIDAS 1, through the provider's interaction API. The authorisation
 * and logout are served on `localhost` and everything else on 127.0.0.1, as PSC's authorisation host
 * differs from its issuer's.
 */
export const PSC_PEOPLE: Record<string, { rpps: string; given: string; family: string; viaOtherIds?: boolean }> = {
  // Dr Jean Dupont of the demo (db/seed.ts), known by his RPPS.
  jean: { rpps: "10003456789", given: "Jean", family: "Dupont" },
  // Dr Claire Martin, whose RPPS PSC gives in otherIds only.
  claire: { rpps: "10009876543", given: "Claire", family: "Martin", viaOtherIds: true },
  // A professional with no account in this webmail.
  inconnu: { rpps: "10999999999", given: "Inès", family: "Connue" },
};

export const PSC_CLIENT = { id: "mssante-webmail-test", secret: "psc-test-secret-0123456789" };

/** The login page: one field, then the login finishes at eIDAS 1, as e-CPS logins do. */
async function login(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (req.method !== "POST") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    return void res.end(
      `<!doctype html><html lang="fr"><title>Pro Santé Connect (test)</title><main><h1>Pro Santé Connect</h1><form method="post"><label>Identifiant e-CPS <input name="login" required></label><button>Valider</button></form></main></html>`,
    );
  }
  const body = new URLSearchParams(
    await new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (chunk) => (data += chunk));
      req.on("end", () => resolve(data));
    }),
  );
  const accountId = body.get("login") ?? "";
  const result = PSC_PEOPLE[accountId]
    ? { login: { accountId, acr: "eidas1", amr: ["mfa"] } }
    : { error: "access_denied", error_description: "unknown e-CPS" };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  void details;
}

const prefix = "/auth/realms/esante-wallet";

/** The webmail's PSC settings for a provider on this port (what an operator would put in its environment). */
export function pscEnv(port: number) {
  const base = `http://127.0.0.1:${port}${prefix}`;
  return {
    PSC_ISSUER: base,
    PSC_AUTHORIZATION_URL: `http://localhost:${port}${prefix}/auth`,
    PSC_TOKEN_URL: `${base}/protocol/openid-connect/token`,
    PSC_USERINFO_URL: `${base}/protocol/openid-connect/userinfo`,
    PSC_JWKS_URL: `${base}/protocol/openid-connect/certs`,
    // Where its login session lives, as PSC's SSO does: on the authorisation host.
    PSC_LOGOUT_URL: `http://localhost:${port}${prefix}/protocol/openid-connect/logout`,
    PSC_CLIENT_ID: PSC_CLIENT.id,
    PSC_CLIENT_SECRET: PSC_CLIENT.secret,
  };
}

export async function startPscProvider({
  port = 0,
  redirectUri,
  postLogoutRedirectUri,
}: {
  port?: number;
  redirectUri: string;
  postLogoutRedirectUri: string;
}) {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  const issuer = pscEnv(actual).PSC_ISSUER;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: PSC_CLIENT.id,
        client_secret: PSC_CLIENT.secret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "psc-test", alg: "RS256", use: "sig" }] },
    scopes: ["openid", "scope_all"],
    claims: {
      openid: ["sub"],
      scope_all: ["SubjectNameID", "otherIds", "SubjectRefPro", "given_name", "family_name", "preferred_username"],
    },
    acrValues: ["eidas1"],
    features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // PSC asks no consent of its own: the grant covers what the webmail asks for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid scope_all");
      await grant.save();
      return grant;
    },
    routes: {
      authorization: "/auth",
      token: "/protocol/openid-connect/token",
      userinfo: "/protocol/openid-connect/userinfo",
      jwks: "/protocol/openid-connect/certs",
      end_session: "/protocol/openid-connect/logout",
    },
    pkce: { required: () => true },
    cookies: { keys: ["psc-test-cookie-key"] },
    async findAccount(_ctx, id) {
      const person = PSC_PEOPLE[id];
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: `psc-${id}`,
            preferred_username: `8${person.rpps}`,
            given_name: person.given,
            family_name: person.family,
            ...(person.viaOtherIds ? {} : { SubjectNameID: `8${person.rpps}` }),
            otherIds: [{ identifiant: person.rpps, origine: "RPPS", qualite: 1 }],
            SubjectRefPro: {
              codeCivilite: "DR",
              exercices: [{ codeProfession: "10", nomDexercice: person.family, prenomDexercice: person.given }],
            },
          };
        },
      };
    },
  });
  // What the provider refused, in the test's log: a failing login says why.
  const said = (event: string) => (_ctx: unknown, error: Error & { error_detail?: string }) =>
    console.warn(`[psc] ${event}: ${error.message} ${error.error_detail ?? ""}`);
  provider.on("grant.error", said("grant.error"));
  provider.on("authorization.error", said("authorization.error"));
  provider.on("end_session.error", said("end_session.error"));
  const mounted = provider.callback();
  // PSC's realm path in front of every endpoint: the provider itself serves them at its root.
  server.on("request", (req, res) => {
    if (req.url?.startsWith("/interaction/")) return void login(provider, req, res).catch(() => res.writeHead(400).end());
    if (req.url?.startsWith(prefix)) req.url = req.url.slice(prefix.length) || "/";
    mounted(req, res);
  });
  return {
    issuer,
    env: pscEnv(actual),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
