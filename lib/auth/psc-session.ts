import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { LoginRefusal } from "@/lib/errors";
import type { PscIdentity } from "./psc-identity";
import { seal } from "./sealed";

/**
 * A professional back from Pro Santé Connect: the account already linked to her PSC subject, or, on her first
 * PSC login, the one known by her RPPS, linked now. No account is ever created here: an unknown RPPS is
 * refused, like a disabled account. The session row keeps the ID token sealed, for the logout.
 */
export async function openPscSession(
  db: Db,
  identity: PscIdentity,
  meta: RequestMeta,
): Promise<{ ok: true; userId: string; sessionId: string } | { ok: false; reason: LoginRefusal }> {
  // Her linked account first; else the one with her RPPS not yet linked to another PSC subject.
  const [user] = await db
    .select({ id: users.id, disabledAt: users.disabledAt, oidcSubject: users.oidcSubject })
    .from(users)
    .where(or(eq(users.oidcSubject, identity.sub), and(eq(users.rpps, identity.rpps), isNull(users.oidcSubject))))
    .orderBy(sql`${users.oidcSubject} is null`)
    .limit(1);
  if (!user || user.disabledAt) {
    const reason = user ? "account_disabled" : "unknown_rpps";
    await writeAudit(db, meta, {
      actorUserId: user?.id ?? null,
      action: "session.login",
      result: "refused",
      reason,
      metadata: { method: "psc" },
    });
    return { ok: false, reason };
  }
  return db.transaction(async (tx) => {
    const linking = user.oidcSubject === null;
    if (linking) await tx.update(users).set({ oidcSubject: identity.sub }).where(eq(users.id, user.id));
    const [session] = await tx
      .insert(sessions)
      .values({ userId: user.id, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512), pscIdToken: seal(identity.idToken) })
      .returning({ id: sessions.id });
    await writeAudit(tx, meta, {
      actorUserId: user.id,
      action: "session.login",
      target: session.id,
      result: "success",
      metadata: { method: "psc", linked: linking },
    });
    return { ok: true as const, userId: user.id, sessionId: session.id };
  });
}
