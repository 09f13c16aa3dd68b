import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { migrate } from "@/db/migrate";
import { seed } from "@/db/seed";
import { expectAuditFreeOfUserText } from "./audit-hygiene";
import { templateUrl } from "./template-db";

export const driver = process.env.DATABASE_URL ? "postgres" : "pglite";

// What closes the databases this test file opened. The hook is registered here, while the file is
// collected: vitest never runs an afterAll registered from inside a beforeAll, where databases are opened.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => errors.push(error));
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors, "test databases failed their checks");
});

/**
 * A fresh, migrated and seeded database for one test file: a copy of the
 * template on Postgres, an in-memory PGlite otherwise. Dropped after the file.
 */
export async function seededDatabase(): Promise<Db> {
  return (await seededHandle()).db;
}

/** The same, with its driver and raw client (bulk loads). */
export async function seededHandle(): Promise<DbHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  const template = databaseUrl ? templateUrl(databaseUrl).name : undefined;
  const handle = await throwawayHandle({ template, beforeDrop: expectAuditFreeOfUserText });
  if (!template) await migrate(handle.db, "pglite");
  await seed(handle.db);
  return handle;
}

/** An empty database, not even migrated, dropped after the test file. */
export function emptyHandle(): Promise<DbHandle> {
  return throwawayHandle({});
}

/** A new database on Postgres (a copy of `template` when given), an in-memory PGlite otherwise. */
async function throwawayHandle({ template, beforeDrop }: { template?: string; beforeDrop?: (db: Db) => Promise<void> }): Promise<DbHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const handle = openDatabase({ PGLITE_DIR: "memory://" });
    cleanups.push(async () => {
      try {
        await beforeDrop?.(handle.db);
      } finally {
        await handle.close();
      }
    });
    return handle;
  }
  const name = `vitest_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}" ${template ? ` template "${template}"` : ""}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "5" });
  cleanups.push(async () => {
    try {
      await beforeDrop?.(handle.db);
    } finally {
      await handle.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
  return handle;
}
