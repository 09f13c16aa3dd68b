import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll } from "vitest";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { migrate } from "@/db/migrate";
import { seed } from "@/db/seed";
import { templateUrl } from "./template-db";

export const driver = process.env.DATABASE_URL ? "postgres" : "pglite";

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
  if (!databaseUrl) {
    const handle = openDatabase({ PGLITE_DIR: "memory://" });
    afterAll(() => handle.close());
    await migrate(handle.db, "pglite");
    await seed(handle.db);
    return handle;
  }
  const name = `vitest_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${templateUrl(databaseUrl).name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "5" });
  afterAll(async () => {
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  await seed(handle.db);
  return handle;
}
