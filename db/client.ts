import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** Both drivers expose the same query builder; we type against postgres.js. */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type Queryable = Db | Tx;

/** `raw` is the driver's own client, for what Drizzle does not cover (COPY). */
type Handle =
  | { db: Db; close: () => Promise<void>; driver: "postgres"; raw: postgres.Sql }
  | { db: Db; close: () => Promise<void>; driver: "pglite"; raw: PGlite };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

type DbEnv = Record<string, string | undefined>;

export function openDatabase(env: DbEnv = process.env): Handle {
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { max: Number(env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
    return { db: drizzlePostgres(sql, { schema }), close: () => sql.end(), driver: "postgres", raw: sql };
  }
  const client = new PGlite(env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, close: () => client.close(), driver: "pglite", raw: client };
}

// Opened on first use, not at import: `next build` imports route modules in
// several workers, and a PGlite folder must only ever be opened by one process.
const holder = globalThis as { __mssanteDb?: Handle };

export type DbHandle = Handle;

export function dbHandle(): Handle {
  return (holder.__mssanteDb ??= openDatabase());
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = dbHandle().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** Rows of a raw `execute`: postgres.js returns them as an array, PGlite under `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
