import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db/client";
import { metaFrom } from "@/lib/request";
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
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(credentials, request) {
        const { login, password } = credentials;
        if (typeof login !== "string" || typeof password !== "string" || !login || !password) return null;
        const opened = await openSession(db, login, password, metaFrom(request.headers));
        return opened ? { id: opened.userId, sid: opened.sessionId } : null;
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
