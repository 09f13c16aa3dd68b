import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db/client";
import { metaFrom } from "@/lib/request";
import { readCredentials } from "./credentials";
import { LoginLocked } from "./login-locked";
import { authLogger } from "./logger";
import { openSession } from "./sessions";

declare module "next-auth" {
  interface User {
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

/**
 * The JWT cookie only carries our session id; everything else is re-read from
 * the `sessions` table on each request (lib/auth/session.ts), so logout,
 * idle expiry and disabling a user bite at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  logger: authLogger,
  providers: [
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
  ],
  callbacks: {
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
