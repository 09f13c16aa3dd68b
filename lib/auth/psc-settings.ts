/**
 * Pro Santé Connect, configured only from the environment (docs/domain.md §6). Every endpoint is given
 * explicitly: PSC's discovery document is not at the standard path, and its authorisation host differs from
 * the issuer's. Null when PSC_CLIENT_ID is unset: the login page then offers passwords only.
 */
export function pscSettings(env: Record<string, string | undefined> = process.env) {
  if (!env.PSC_CLIENT_ID) return null;
  const issuer = required(env, "PSC_ISSUER");
  const endpoint = (name: string, path: string) => env[name] ?? `${issuer}/protocol/openid-connect/${path}`;
  return {
    issuer,
    authorizationUrl: required(env, "PSC_AUTHORIZATION_URL"),
    tokenUrl: endpoint("PSC_TOKEN_URL", "token"),
    userinfoUrl: endpoint("PSC_USERINFO_URL", "userinfo"),
    jwksUrl: endpoint("PSC_JWKS_URL", "certs"),
    logoutUrl: endpoint("PSC_LOGOUT_URL", "logout"),
    clientId: env.PSC_CLIENT_ID,
    clientSecret: required(env, "PSC_CLIENT_SECRET"),
    /** Mutual TLS on the token call, as PSC requires in production: the structure's certificate and key (PEM files). */
    clientCertificate: env.PSC_CLIENT_CERT && env.PSC_CLIENT_KEY ? { cert: env.PSC_CLIENT_CERT, key: env.PSC_CLIENT_KEY } : null,
    /** The authority of that endpoint's own certificate, when it is not a public one (an IGC Santé platform). */
    tokenCa: env.PSC_TOKEN_CA_FILE ?? null,
  };
}

export type PscSettings = NonNullable<ReturnType<typeof pscSettings>>;

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when PSC_CLIENT_ID is set`);
  return value.replace(/\/$/, "");
}

/** The password form: for the demo and accounts that have a password; LOGIN_PASSWORD=off leaves PSC alone. */
export const passwordLoginEnabled = (env: Record<string, string | undefined> = process.env) => env.LOGIN_PASSWORD !== "off";
