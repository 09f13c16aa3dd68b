import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import { isUuid } from "@/lib/ids";
import { personName } from "@/lib/people";
import { verifyPassword } from "./password";
import type { Principal } from "./principal";

/** Inactivity after which a session ends (docs/domain.md §6: at most 2 hours). */
export function idleTimeoutSeconds(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.SESSION_IDLE_MINUTES ?? 120);
  return Math.round((Number.isFinite(minutes) && minutes > 0 ? Math.min(minutes, 120) : 120) * 60);
}

// last_seen_at is written at most this often, not on every request.
const TOUCH_EVERY_SECONDS = 30;

/** Check a login and open a server-side session; both outcomes are traced. */
export async function openSession(db: Db, login: string, password: string, meta: RequestMeta) {
  const normalised = login.trim().toLowerCase();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.login, normalised));
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || user.disabledAt) {
    await writeAudit(db, meta, {
      actorUserId: user?.id ?? null,
      action: "session.login",
      result: "refused",
      reason: !user ? "unknown_login" : user.disabledAt ? "account_disabled" : "bad_password",
    });
    return null;
  }
  return db.transaction(async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({ userId: user.id, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) })
      .returning({ id: sessions.id });
    await writeAudit(tx, meta, { actorUserId: user.id, action: "session.login", target: session.id, result: "success" });
    return { userId: user.id, sessionId: session.id };
  });
}

export type SessionCheck = { principal: Principal } | { expired: true } | null;

/**
 * Re-read a session on every request: ended, idle past the limit, or whose
 * user was disabled, it is refused even with a valid cookie.
 */
export async function resumeSession(db: Db, sessionId: unknown, meta: RequestMeta): Promise<SessionCheck> {
  if (!isUuid(sessionId)) return null;
  const [row] = await db
    .select({
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      civility: users.civility,
      role: users.role,
      structureId: users.structureId,
      disabledAt: users.disabledAt,
      idleSeconds: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  if (!row || row.disabledAt) return null;
  if (row.idleSeconds > idleTimeoutSeconds()) {
    await endSession(db, { userId: row.userId, sessionId }, meta, "session.expired");
    return { expired: true };
  }
  if (row.idleSeconds > TOUCH_EVERY_SECONDS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, sessionId));
  }
  return {
    principal: {
      type: "person",
      userId: row.userId,
      sessionId,
      name: personName(row),
      role: row.role,
      structureId: row.structureId,
    },
  };
}

export async function endSession(
  db: Db,
  { userId, sessionId }: { userId: string; sessionId: string },
  meta: RequestMeta,
  action: "session.logout" | "session.expired" = "session.logout",
) {
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ endedAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    if (ended.length > 0) await writeAudit(tx, meta, { actorUserId: userId, action, target: sessionId, result: "success" });
  });
}
