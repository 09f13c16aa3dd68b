/**
 * Auth.js's logger: a refused login is an expected event, already audited by openSession(), so it is one
 * line in the server log rather than Auth.js's stack of ten; anything else is logged whole.
 */
export const authLogger = {
  error(error: Error) {
    // Auth.js's errors carry their kind in `type` (the class is Auth.js's own, CredentialsSignin).
    if ((error as { type?: string }).type === "CredentialsSignin") console.warn("[auth] sign-in refused (CredentialsSignin)");
    else console.error(error);
  },
};
