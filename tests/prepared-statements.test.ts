import { inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { driver, seededHandle } from "./db";

// node-postgres only: PGlite runs in this process, with nothing to parse over a connection.
describe.skipIf(driver === "pglite")("statements prepared once per connection (postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await seededHandle();
  });

  /** The statements this transaction's connection has prepared, by their text. */
  const prepared = async (run: (tx: DbHandle["db"]) => Promise<unknown>) =>
    handle.db.transaction(async (tx) => {
      await run(tx as unknown as DbHandle["db"]);
      return rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);
    });

  it("prepares a parameterised statement under one name and reuses it", async () => {
    const find = (tx: DbHandle["db"], login: string) =>
      tx
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.login} = ${login}`);
    const statements = await prepared(async (tx) => {
      expect(await find(tx, "marie.durand")).toHaveLength(1);
      expect(await find(tx, "personne")).toHaveLength(0);
    });
    expect(statements.filter((s) => s.includes('"login" = $1'))).toHaveLength(1);
  });

  it("leaves statements without parameters to the simple protocol (scripts of several), and long IN lists unprepared", async () => {
    const ids = Array.from({ length: 65 }, () => crypto.randomUUID());
    const statements = await prepared(async (tx) => {
      await tx.execute(sql.raw("select 1; select 2"));
      expect(await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids))).toEqual([]);
    });
    expect(statements.some((s) => s.includes("select 1"))).toBe(false);
    expect(statements.some((s) => s.includes("$65"))).toBe(false);
  });
});
