import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import { isUuid } from "@/lib/ids";
import { personName } from "@/lib/people";
import { countFailure, forgetFailures, lockedFor, throttleKeys } from "./login-throttle";
import { verifyPassword } from "./password";
import type { Principal } from "./principal";

/** Inactivity after which a session ends (docs/domain.md §6: at most 2 hours). */
export function idleTimeoutSeconds(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.SESSION_IDLE_MINUTES ?? 120);
  return Math.round((Number.isFinite(minutes) && minutes > 0 ? Math.min(minutes, 120) : 120) * 60);
}

// last_seen_at is written at most this often, not on every request.
const TOUCH_EVERY_SECONDS = 30;

export type LoginOutcome = { ok: true; userId: string; sessionId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Check a login and open a server-side session; every outcome is traced. A
 * login or IP locked after too many failures is refused before its password
 * is looked at, alike whether the login exists: `retryAfterSeconds` says for
 * how long (0 for an ordinary refusal).
 */
export async function openSession(db: Db, login: string, password: string, meta: RequestMeta): Promise<LoginOutcome> {
  const normalised = login.trim().toLowerCase();
  const keys = throttleKeys(normalised, meta.ip);
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.login, normalised));
  const locked = await lockedFor(db, keys);
  if (locked > 0) {
    await writeAudit(db, meta, { actorUserId: user?.id ?? null, action: "session.login", result: "refused", reason: "login_locked" });
    return { ok: false, retryAfterSeconds: locked };
  }
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || user.disabledAt) {
    return db.transaction(async (tx) => {
      await writeAudit(tx, meta, {
        actorUserId: user?.id ?? null,
        action: "session.login",
        result: "refused",
        reason: !user ? "unknown_login" : user.disabledAt ? "account_disabled" : "bad_password",
      });
      const locks = await countFailure(tx, keys);
      for (const lock of locks)
        await writeAudit(tx, meta, {
          actorUserId: user?.id ?? null,
          action: "session.lock",
          result: "refused",
          reason: "too_many_failures",
          metadata: { scope: lock.scope, seconds: lock.seconds },
        });
      return { ok: false as const, retryAfterSeconds: Math.max(0, ...locks.map((l) => l.seconds)) };
    });
  }
  return db.transaction(async (tx) => {
    await forgetFailures(tx, keys);
    const [session] = await tx
      .insert(sessions)
      .values({ userId: user.id, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) })
      .returning({ id: sessions.id });
    await writeAudit(tx, meta, { actorUserId: user.id, action: "session.login", target: session.id, result: "success" });
    return { ok: true as const, userId: user.id, sessionId: session.id };
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
): Promise<{ pscIdToken: string | null }> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ endedAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id, pscIdToken: sessions.pscIdToken });
    if (ended.length > 0) await writeAudit(tx, meta, { actorUserId: userId, action, target: sessionId, result: "success" });
    // A PSC login's ID token, still sealed: the logout at PSC names the session it ends with it.
    return { pscIdToken: ended[0]?.pscIdToken ?? null };
  });
}
