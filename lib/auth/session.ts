import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { requestMeta } from "@/lib/request";
import { authSecret } from "./config";
import { decodedSessions } from "./decoded-sessions";
import type { Principal } from "./principal";
import { resumeSession } from "./sessions";

/** next-auth's session cookie, under https or not, and its chunks when it is split. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

// On globalThis, like the pools (db/client.ts): Next bundles this module into pages and routes apart.
const decoded = ((globalThis as { __mssanteDecodedSessions?: ReturnType<typeof decodedSessions> }).__mssanteDecodedSessions ??=
  decodedSessions());

/**
 * The session id the cookie carries: decoded (and its expiry checked) by next-auth's own reader, which,
 * unlike auth(), writes no new cookie. A cookie written during a server action makes Next refresh the
 * page in the browser, racing the page the action goes to next; the session's lifetime is the cookie's
 * twelve hours from login, and its idle expiry is the session row's (lib/auth/sessions.ts).
 */
function sessionId(cookie: string) {
  return decoded.sid(cookie, async () => {
    const token = await getToken({ req: { headers: { cookie } }, secret: authSecret(), secureCookie: cookie.startsWith("__Secure-") });
    return token?.sid;
  });
}

/** The signed-in person for this request, re-checked against the database once per request. */
export const getSession = cache(async () => {
  const cookie = (await cookies())
    .getAll()
    .filter((c) => SESSION_COOKIE.test(c.name))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  return resumeSession(db, cookie ? await sessionId(cookie) : undefined, await requestMeta());
});

export async function requirePrincipal(): Promise<Principal> {
  const check = await getSession();
  if (check && "principal" in check) return check.principal;
  redirect(check ? "/login?expired=1" : "/login");
}
