import { authRequest } from "./auth-request";

/**
 * Auth.js's logger: a refused login is an expected event, already audited by openSession(), so it is one
 * line in the server log rather than Auth.js's stack of ten; anything else is logged whole. The error is
 * also handed to the request being handled, which traces a refused Pro Santé Connect answer
 * (app/api/auth/[...nextauth]/route.ts).
 */
export const authLogger = {
  error(error: Error) {
    const request = authRequest();
    if (request) request.error = error;
    // Auth.js's errors carry their kind in `type` (the class is Auth.js's own, CredentialsSignin).
    const type = (error as { type?: string }).type;
    if (type === "CredentialsSignin") console.warn("[auth] sign-in refused (CredentialsSignin)");
    else if (request && type) {
      const cause = (error.cause as { err?: Error } | undefined)?.err?.message ?? error.message.split(". Read more")[0];
      console.warn(`[auth] sign-in refused (${type}): ${cause}`);
    } else console.error(error);
  },
};
