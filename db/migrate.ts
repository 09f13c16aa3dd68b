import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Db } from "./client";

export const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");

/** drizzle-kit migrate fails silently on PGlite: both drivers use the runtime migrator. */
export async function migrate(db: Db, driver: "postgres" | "pglite") {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (driver === "pglite") await migratePglite(db as unknown as PgliteDatabase, config);
  else await migratePostgres(db, config);
}
