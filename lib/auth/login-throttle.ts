import { createHash } from "node:crypto";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { loginThrottle } from "@/db/schema";

type Scope = "login" | "ip";

/**
 * Password guessing, slowed down: past its free failures a key is locked for
 * a delay that doubles with each further failure, up to a ceiling. An IP is
 * allowed more failures than a login, since a whole hospital may share one.
 * Failures older than `forgetSeconds` no longer count.
 */
export function throttleSettings(env: Record<string, string | undefined> = process.env) {
  const number = (value: string | undefined, fallback: number) =>
    Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback;
  return {
    free: { login: number(env.LOGIN_FREE_FAILURES, 5), ip: number(env.LOGIN_FREE_FAILURES_IP, 30) } satisfies Record<Scope, number>,
    /** The first delay, in seconds. */
    delaySeconds: number(env.LOGIN_DELAY_SECONDS, 30),
    maxDelaySeconds: 15 * 60,
    forgetSeconds: 60 * 60,
  };
}

/** The keys an attempt is counted under: what was typed is hashed, so the table never holds a mistyped password. */
export function throttleKeys(login: string, ip: string | null): { scope: Scope; key: string }[] {
  const hashed = (scope: Scope, value: string) => ({ scope, key: `${scope}:${createHash("sha256").update(value).digest("hex")}` });
  return [hashed("login", login), ...(ip ? [hashed("ip", ip)] : [])];
}

/** Seconds until the first of these keys may try again, or 0 when none is locked. */
export async function lockedFor(db: Queryable, keys: { key: string }[]): Promise<number> {
  const [row] = await db
    .select({ seconds: sql<number | null>`ceil(extract(epoch from max(${loginThrottle.lockedUntil}) - now()))::int` })
    .from(loginThrottle)
    .where(
      and(
        inArray(
          loginThrottle.key,
          keys.map((k) => k.key),
        ),
        gt(loginThrottle.lockedUntil, sql`now()`),
      ),
    );
  return row?.seconds ?? 0;
}

/**
 * Count one failure under each key, in one statement per key (two instances counting at once both count),
 * and return the locks it set: the scope and its delay in seconds.
 */
export async function countFailure(db: Queryable, keys: { scope: Scope; key: string }[], settings = throttleSettings()) {
  const locks: { scope: Scope; seconds: number }[] = [];
  for (const { scope, key } of keys) {
    const free = settings.free[scope];
    const failures = sql`case when ${loginThrottle.lastFailureAt} < now() - make_interval(secs => ${settings.forgetSeconds}) then 1 else ${loginThrottle.failures} + 1 end`;
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: sql`now()`, lockedUntil: null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures,
          lastFailureAt: sql`now()`,
          // Past the free failures: the first delay, doubled for each failure beyond, up to the ceiling.
          lockedUntil: sql`case when ${failures} > ${free} then now() + make_interval(secs => least(${settings.delaySeconds} * power(2, least(${failures} - ${free} - 1, 20)), ${settings.maxDelaySeconds})) end`,
        },
      })
      .returning({
        lockedUntil: loginThrottle.lockedUntil,
        seconds: sql<number>`ceil(extract(epoch from ${loginThrottle.lockedUntil} - now()))::int`,
      });
    if (row.lockedUntil) locks.push({ scope, seconds: row.seconds });
  }
  return locks;
}

/** A successful login forgets its login's failures (never the IP's: one good account must not reset a guesser's count). */
export async function forgetFailures(db: Queryable, keys: { scope: Scope; key: string }[]) {
  const login = keys.find((k) => k.scope === "login");
  if (login) await db.delete(loginThrottle).where(eq(loginThrottle.key, login.key));
}
