import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db/client";
import { writeAudit } from "@/lib/audit/write";
import { metaFrom } from "@/lib/request";
import { authRequest } from "./auth-request";
import { readCredentials } from "./credentials";
import { LoginLocked } from "./login-locked";
import { authLogger } from "./logger";
import { pscProvider, type PscProfile } from "./psc-provider";
import { openPscSession } from "./psc-session";
import { passwordLoginEnabled, pscSettings } from "./psc-settings";
import { openSession } from "./sessions";

declare module "next-auth" {
  interface User extends Partial<Omit<PscProfile, "id">> {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

const psc = pscSettings();

/** Where a refused Pro Santé Connect login lands, saying why in French. */
export const PSC_REFUSED_PAGE = "/connexion-refusee";

/** The key of the session cookie. */
export const authSecret = () => process.env.AUTH_SECRET;

/**
 * The JWT cookie only carries our session id; everything else is re-read from
 * the `sessions` table on each request (lib/auth/session.ts), so logout,
 * idle expiry and disabling a user bite at once. PSC's tokens stay in that
 * row too, sealed, never in the cookie.
 */
export const { handlers, signIn, signOut } = NextAuth({
  trustHost: true,
  // The one key (README), named here because lib/auth/session.ts decodes the cookie with it too.
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: PSC_REFUSED_PAGE },
  logger: authLogger,
  providers: [
    ...(passwordLoginEnabled()
      ? [
          Credentials({
            credentials: { login: {}, password: {} },
            async authorize(credentials, request) {
              // next-auth's own callback route is reachable without the login action: the same bounds apply.
              const read = readCredentials({ login: credentials.login, password: credentials.password });
              if (!read.ok) return null;
              const opened = await openSession(db, read.credentials.login, read.credentials.password, metaFrom(request.headers));
              if (opened.ok) return { id: opened.userId, sid: opened.sessionId };
              if (opened.retryAfterSeconds > 0) throw new LoginLocked(opened.retryAfterSeconds);
              return null;
            },
          }),
        ]
      : []),
    ...(psc ? [pscProvider(psc)] : []),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "psc") return true;
      const meta = authRequest()?.meta ?? { ip: null, userAgent: null };
      if (!user.psc) {
        const reason = user.pscRefusal ?? "psc_invalid_response";
        await writeAudit(db, meta, { actorUserId: null, action: "session.login", result: "refused", reason, metadata: { method: "psc" } });
        return `${PSC_REFUSED_PAGE}?motif=${reason}`;
      }
      const opened = await openPscSession(db, user.psc, meta);
      if (!opened.ok) return `${PSC_REFUSED_PAGE}?motif=${opened.reason}`;
      // Only our session id goes on: the identity and its tokens never reach the cookie.
      user.sid = opened.sessionId;
      delete user.psc;
      return true;
    },
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
});
