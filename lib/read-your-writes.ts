import { sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { cache } from "react";
import { db, replicaDb, rowsOf, type Queryable } from "@/db/client";

/**
 * Which database serves a request's list and search reads (a folder's page, its summary, search): the
 * streaming replica of DATABASE_REPLICA_URL when there is one, unless it has not yet replayed this
 * browser's last write, the primary otherwise. Everything else (sessions, rights, writes, a thread) stays
 * on the primary, so a revocation holds on the very next request whatever the replica's lag.
 */

/** The primary's WAL position after this browser's last write. */
const WAL_COOKIE = "mssante-wal";

/** A pg_lsn as Postgres prints it; anything else in the cookie is ignored rather than cast. */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** After a failure the replica is left alone this long: a host that does not answer would otherwise hold every list for the connection timeout. */
const REST_MS = 10_000;

// On globalThis, like the pools (db/client.ts): Next bundles this module into pages and routes apart.
const health = globalThis as { __mssanteReplicaFailedAt?: number | null };

function replicaFailed(error: unknown) {
  if (health.__mssanteReplicaFailedAt == null)
    console.warn(`[db] replica unavailable, lists and search read from the primary: ${(error as Error).message}`);
  health.__mssanteReplicaFailedAt = Date.now();
}

function replicaAnswered() {
  if (health.__mssanteReplicaFailedAt != null) console.info("[db] replica answers again");
  health.__mssanteReplicaFailedAt = null;
}

const resting = () => health.__mssanteReplicaFailedAt != null && Date.now() - health.__mssanteReplicaFailedAt < REST_MS;

/** Whether the replica may serve a reader whose last write is at `seen`: it has replayed at least that far (always, without a write). */
export async function replicaServes(replica: Queryable, seen: string | undefined): Promise<boolean> {
  if (!seen || !LSN.test(seen)) return true;
  const [row] = rowsOf<{ replayed: boolean | null }>(
    await replica.execute(sql`select pg_last_wal_replay_lsn() >= ${seen}::pg_lsn as replayed`),
  );
  // Null when it is not replaying at all (no standby): nothing says it holds the write.
  return row.replayed === true;
}

/** Decided once per request (React cache), so a page's list, count and summary come from the same database. */
const listDatabase = cache(async (): Promise<Queryable> => {
  const replica = replicaDb();
  if (!replica || resting()) return db;
  try {
    return (await replicaServes(replica, (await cookies()).get(WAL_COOKIE)?.value)) ? replica : db;
  } catch (error) {
    replicaFailed(error);
    return db;
  }
});

/** A list or search read, on the database chosen for this request; on the primary again if the replica fails it. */
export async function listRead<T>(read: (reads: Queryable) => Promise<T>): Promise<T> {
  const reads = await listDatabase();
  if (reads === db) return read(db);
  try {
    const result = await read(reads);
    replicaAnswered();
    return result;
  } catch (error) {
    replicaFailed(error);
    return read(db);
  }
}

/**
 * After a person's write committed (server action or API route): the position the replica must have
 * replayed before it serves this browser's lists again, in a cookie. Nothing to remember without a
 * replica; whether a cookie was written is returned.
 */
export async function rememberWrite(): Promise<boolean> {
  if (!replicaDb()) return false;
  const [{ lsn }] = rowsOf<{ lsn: string }>(await db.execute(sql`select pg_current_wal_lsn()::text as lsn`));
  (await cookies()).set(WAL_COOKIE, lsn, { httpOnly: true, sameSite: "lax", path: "/" });
  return true;
}
