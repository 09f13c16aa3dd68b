import pg from "pg";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { templateUrl } from "./template-db";

/** With DATABASE_URL, build the migrated template once; each test file copies it. */
export default async function setup() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return;
  const template = templateUrl(databaseUrl);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${template.name}" with (force)`);
  await admin.query(`create database "${template.name}"`);
  const handle = openDatabase({ DATABASE_URL: template.url });
  await migrate(handle.db, "postgres");
  await handle.close();
  return async () => {
    await admin.query(`drop database if exists "${template.name}" with (force)`);
    await admin.end();
  };
}
