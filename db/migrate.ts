import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrateQueue } from "@/lib/queue";
import type { Db } from "./client";

export const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");

/**
 * drizzle-kit migrate fails silently on PGlite: both drivers use the runtime migrator; then pg-boss sets up its own schema.
 * Another folder only for tests that replay an older state of this one.
 */
export async function migrate(db: Db, driver: "postgres" | "pglite", migrationsFolder = MIGRATIONS_DIR) {
  const config = { migrationsFolder };
  if (driver === "pglite") await migratePglite(db as unknown as PgliteDatabase, config);
  else await migratePostgres(db, config);
  await migrateQueue(db);
}
