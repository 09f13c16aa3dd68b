import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db, Tx } from "@/db/client";
import { retryingTransaction } from "@/db/transaction-retry";
import { driver, seededDatabase } from "./db";

// PGlite runs one transaction at a time: two can never deadlock there.
describe.skipIf(driver === "pglite")("a transaction PostgreSQL aborts to break a deadlock", () => {
  let db: Db;
  beforeAll(async () => {
    db = await seededDatabase();
    await db.execute(sql`create table deadlock_probe (id int primary key, n int not null default 0)`);
    await db.execute(sql`insert into deadlock_probe (id) values (1), (2)`);
  });

  /** Two writers taking rows 1 and 2 in opposite orders, each waiting until the other holds its first row. */
  async function crossed(transaction: (run: (tx: Tx) => Promise<void>) => Promise<void>) {
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const writer = (first: number, second: number) =>
      transaction(async (tx) => {
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${first}`);
        if (++arrived === 2) release();
        await bothHoldOne;
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${second}`);
      });
    return Promise.allSettled([writer(1, 2), writer(2, 1)]);
  }

  it("fails one of two crossed writers when run once", async () => {
    const outcomes = await crossed((run) => db.transaction(run));
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(1);
  });

  it("runs the aborted one again, so both writes land", async () => {
    const [before] = (await db.execute(sql`select sum(n)::int as n from deadlock_probe`)).rows as { n: number }[];
    const outcomes = await crossed((run) => retryingTransaction(db, run));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
    const [after] = (await db.execute(sql`select sum(n)::int as n from deadlock_probe`)).rows as { n: number }[];
    expect(after.n - before.n).toBe(4);
  });

  it("does not run again what failed for another reason", async () => {
    let runs = 0;
    await expect(
      retryingTransaction(db, async (tx) => {
        runs++;
        await tx.execute(sql`insert into deadlock_probe (id) values (1)`);
      }),
    ).rejects.toThrow();
    expect(runs).toBe(1);
  });
});
