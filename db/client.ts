import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema";

/** Both drivers expose the same query builder; we type against node-postgres. */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type Queryable = Db | Tx;

/** What a process holds once: the pool, or the one PGlite its folder allows. `raw` is the driver's own client, for what Drizzle does not cover (COPY). */
type Connection = { driver: "postgres"; raw: pg.Pool } | { driver: "pglite"; raw: PGlite };
type Handle = Connection & { db: Db; close: () => Promise<void> };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/** A request waiting longer than this for a connection fails instead of hanging (server down, pool exhausted). */
const CONNECT_TIMEOUT_MS = 5_000;

type DbEnv = Record<string, string | undefined>;

/** Beyond this many parameters a statement is a long IN list of one bulk change: not worth a prepared statement per length. */
const MAX_PREPARED_PARAMS = 64;

/**
 * A parameterised statement under a name derived from its text: each connection prepares it once and then
 * only binds and executes it, so PostgreSQL no longer parses and plans a page's statements on every request.
 * PostgreSQL's default plan_cache_mode keeps planning for the values given while a generic plan would cost
 * more (a rare word searched against a common one); forcing custom plans on the session instead made the
 * triggers' own statements re-plan on every row. Statements without parameters keep the simple protocol,
 * which also runs scripts of several statements.
 */
function named(config: unknown, values: unknown): unknown {
  if (!config || typeof config !== "object" || !("text" in config) || typeof config.text !== "string") return config;
  if (("name" in config && config.name) || !Array.isArray(values) || values.length === 0 || values.length > MAX_PREPARED_PARAMS)
    return config;
  return { ...config, name: statementName(config.text) };
}

/** Names already derived, by statement text: the code holds a bounded set of them, hashed once each. */
const names = new Map<string, string>();
const MAX_NAMES = 5_000;

function statementName(text: string) {
  let name = names.get(text);
  if (name === undefined) {
    name = createHash("sha1").update(text).digest("base64url");
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

function prepareStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, ...rest: unknown[]) => query(named(config, rest[0]), ...rest)) as typeof client.query;
}

/**
 * A pool that survives a backend going away (restart, failover, idle killer):
 * a connection that fails is discarded and the next request opens a fresh one.
 * node-postgres reports such a failure as an `error` event; with no listener
 * Node would treat it as an uncaught exception and stop the process.
 */
function openPool(url: string, max: number) {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // Every connection keeps a listener for its whole life. Idle, the pool has already dropped it;
  // checked out (an open transaction), its next query rejects and release() drops it.
  pool.on("connect", (client) => {
    client.on("error", (error) => console.warn(`[db] connection lost: ${error.message}`));
    prepareStatements(client);
  });
  // The pool repeats an idle connection's error, already logged above.
  pool.on("error", () => {});
  return pool;
}

function connect(env: DbEnv): Connection {
  if (env.DATABASE_URL) return { driver: "postgres", raw: openPool(env.DATABASE_URL, Number(env.DATABASE_POOL_SIZE ?? 10)) };
  // PGlite loads an extension only when given it here (btree_gin: the box-and-words search index).
  return { driver: "pglite", raw: new PGlite(env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR, { extensions: { btree_gin } }) };
}

/** Drizzle, as this module's copy of it, over a connection. */
function wrap(connection: Connection): Handle {
  if (connection.driver === "postgres") {
    const pool = connection.raw;
    return { db: drizzleNodePg({ client: pool, schema }), close: () => pool.end(), driver: "postgres", raw: pool };
  }
  const client = connection.raw;
  return { db: drizzlePglite(client, { schema }) as unknown as Db, close: () => client.close(), driver: "pglite", raw: client };
}

export function openDatabase(env: DbEnv = process.env): Handle {
  return wrap(connect(env));
}

/**
 * Next bundles this module apart into the instrumentation (the mail workers) and the pages and routes, each with
 * its own copy of Drizzle. The connection is shared on globalThis, opened on first use, not at import: `next build`
 * imports route modules in several workers, and a PGlite folder must only ever be opened by one process. Each
 * copy wraps it with its own Drizzle: a query built with one copy's tables and operators and run by another's fails
 * every `instanceof` and falls back to Drizzle's prototype walk (about 1.8 ms of server CPU per inbox page).
 */
const holder = globalThis as { __mssanteConnection?: Connection; __mssanteReplicaPool?: pg.Pool | null };
let handle: Handle | undefined;
let replica: Db | undefined;

export type DbHandle = Handle;

export function dbHandle(): Handle {
  return (handle ??= wrap((holder.__mssanteConnection ??= connect(process.env))));
}

/** The pool of the streaming replica of DATABASE_REPLICA_URL, beside a DATABASE_URL only (PGlite has none), or null. */
export function openReplicaPool(env: DbEnv = process.env): pg.Pool | null {
  if (!env.DATABASE_URL || !env.DATABASE_REPLICA_URL) return null;
  return openPool(env.DATABASE_REPLICA_URL, Number(env.DATABASE_POOL_SIZE ?? 10));
}

/** The replica, if any: only list and search reads go there, chosen per request by lib/read-your-writes.ts. */
export function replicaDb(): Db | null {
  if (holder.__mssanteReplicaPool === undefined) holder.__mssanteReplicaPool = openReplicaPool();
  const pool = holder.__mssanteReplicaPool;
  return pool && (replica ??= drizzleNodePg({ client: pool, schema }));
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = dbHandle().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/**
 * Runs `read` with PostgreSQL planning each statement for the values it is given. A prepared statement otherwise
 * takes a generic plan after five runs on a connection when that plan looks no dearer; a full-text search's cost
 * depends on its words, and the generic plan of a search's pass past its window took 27–33 ms where the plan for
 * the words given took 0.2 (statement log, 1M-message bench database). One transaction: `set local` ends with it
 * (given a transaction, with that one).
 */
export function withCustomPlans<T>(db: Queryable, read: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return read(tx);
  });
}

/** Rows of a raw `execute` (both drivers return them under `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
