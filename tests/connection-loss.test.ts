import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DbHandle } from "@/db/client";
import { messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { loadAccess } from "@/lib/authz/access";
import type { Principal } from "@/lib/auth/principal";
import { saveDraftSpec } from "@/lib/mail/compose-specs";
import { driver, seededHandle } from "./db";
import { demo, meta, principalOf } from "./fixtures";

// A PostgreSQL restart, failover or idle-connection killer ends the app's
// server connections under its feet; PGlite runs inside this process and has
// no server connection that could be cut, so there is nothing to test there.
describe.skipIf(driver === "pglite")("PostgreSQL backends terminated mid-transaction", () => {
  let handle: DbHandle;
  let admin: pg.Client;
  let database: string;
  let marie: Principal;
  let cardio: string;

  beforeAll(async () => {
    handle = await seededHandle();
    const d = await demo(handle.db);
    marie = await principalOf(handle.db, d.marie);
    cardio = d.cardio.id;
    [{ database }] = rowsOf<{ database: string }>(await handle.db.execute(sql`select current_database() as database`));
    // Connected to the base database, not the app's copy: terminating every backend of the copy spares it.
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });
  afterAll(() => admin?.end());

  const saveDraft = (draftId: string) =>
    runAction(handle.db, marie, meta, saveDraftSpec, { mailboxId: cardio, draftId, to: "", subject: "", body: "" });
  const backends = async (where: string) =>
    (await admin.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and ${where}`, [database]))
      .rows[0].n;
  const until = async (condition: () => Promise<boolean>) => {
    while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
  };

  it("fails the calls in flight without crashing the process, and the next actions succeed within a second", async () => {
    const crashes: unknown[] = [];
    const crash = (error: unknown) => crashes.push(error);
    process.on("uncaughtException", crash);
    process.on("unhandledRejection", crash);
    try {
      // An open transaction holds the box's row, so three draft saves stop inside theirs: their draft's insert
      // checks its foreign key to the box, a share lock the holder's FOR UPDATE does not grant.
      let resume!: () => void;
      const held = new Promise<void>((resolve) => (resume = resolve));
      let holding = false;
      const holder = handle.db.transaction(async (tx) => {
        await tx.execute(sql`select id from mailboxes where id = ${cardio} for update`);
        holding = true;
        await held;
        await tx.execute(sql`select 1`);
      });
      await until(async () => holding);
      const lost = [randomUUID(), randomUUID(), randomUUID()];
      const inFlight = lost.map(saveDraft);
      await until(async () => (await backends("wait_event_type = 'Lock'")) === lost.length);

      // Signal them all at once (waiting on each would let the next one commit meanwhile), then wait until they are gone.
      // The call sits in the select list: in the where clause the planner may run it before filtering on the database.
      const { rows: killed } = await admin.query<{ pid: number; terminated: boolean }>(
        "select pid, pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = $1",
        [database],
      );
      expect(killed.length).toBeGreaterThanOrEqual(1 + lost.length);
      expect(killed.every((k) => k.terminated)).toBe(true);
      const pids = killed.map((k) => k.pid);
      await until(async () => (await backends(`pid = any(array[${pids.join(",")}])`)) === 0);
      resume();

      await expect(holder).rejects.toBeInstanceOf(Error);
      expect(await Promise.all(inFlight)).toEqual(lost.map(() => ({ ok: false, code: "unexpected", error: expect.any(String) })));

      // The next requests, one more than the pool holds so every slot serves again: each re-reads the
      // person's rights (as every request does), and one saves a draft (a transaction and an audit row).
      const started = performance.now();
      const next = randomUUID();
      const [rights, saved] = await Promise.all([
        Promise.all(Array.from({ length: 5 }, () => loadAccess(handle.db, marie.userId, cardio))),
        saveDraft(next),
      ]);
      const elapsed = performance.now() - started;
      expect(rights.every((access) => access?.mailbox.id === cardio)).toBe(true);
      expect(saved.ok).toBe(true);
      expect(elapsed).toBeLessThan(1000);

      // Nothing of the cut transactions reached the database; the save after did.
      const drafts = await handle.db
        .select({ draftId: messages.draftId })
        .from(messages)
        .where(inArray(messages.draftId, [...lost, next]));
      expect(drafts.map((m) => m.draftId)).toEqual([next]);
    } finally {
      process.off("uncaughtException", crash);
      process.off("unhandledRejection", crash);
    }
    expect(crashes).toEqual([]);
  });
});
