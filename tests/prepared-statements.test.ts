import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, withCustomPlans, type DbHandle } from "@/db/client";
import { messages, users } from "@/db/schema";
import { draftCopy, storeCopies } from "@/lib/mail/deliver";
import { driver, seededHandle } from "./db";
import { demo } from "./fixtures";

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

  it("plans each run for its values inside withCustomPlans, where a prepared statement takes a generic plan after five", async () => {
    const find = (tx: DbHandle["db"], login: string) =>
      tx
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.login} = ${login}`);
    const plans = async (tx: DbHandle["db"]) =>
      rowsOf<{ generic: number; custom: number }>(
        await tx.execute(
          sql`select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement like '%"login" = $1%'`,
        ),
      )[0];
    await handle.db.transaction(async (outer) => {
      const tx = outer as unknown as DbHandle["db"];
      for (let i = 0; i < 7; i++) await find(tx, "marie.durand");
      const before = await plans(tx);
      expect(before.generic).toBeGreaterThan(0);
      await withCustomPlans(tx, async (inner) => {
        for (let i = 0; i < 7; i++) await find(inner as unknown as DbHandle["db"], "marie.durand");
      });
      expect(await plans(tx)).toEqual({ generic: before.generic, custom: before.custom + 7 });
    });
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

  it("stores a message's copies in one statement whatever their number, prepared once, each box its own row", async () => {
    const d = await demo(handle.db);
    const author = { name: "Marie Durand", userId: d.marie.id };
    const copy = {
      ...draftCopy(d.cardio, author, { subject: "Copies", bodyText: "Le même texte pour chaque boîte." }),
      sentAt: new Date(),
    };
    const boxes = [d.jeanBox.id, d.claireBox.id, d.cardio.id];
    const statements = await prepared(async (tx) => {
      await storeCopies(tx, [{ mailboxId: boxes[0] }], "inbox", copy);
      const ids = await storeCopies(tx, [{ mailboxId: boxes[1] }, { mailboxId: boxes[2], via: d.app.address }], "inbox", copy);
      const stored = await tx
        .select({
          id: messages.id,
          mailboxId: messages.mailboxId,
          via: messages.viaAddress,
          body: messages.bodyText,
          sentAt: messages.sentAt,
        })
        .from(messages)
        .where(eq(messages.messageId, copy.messageId));
      expect(stored.map((m) => m.mailboxId).sort()).toEqual([...boxes].sort());
      expect(stored.find((m) => m.id === ids[1])).toMatchObject({
        mailboxId: boxes[2],
        via: d.app.address,
        body: copy.bodyText,
        sentAt: copy.sentAt,
      });
      expect(stored.find((m) => m.id === ids[0])).toMatchObject({ mailboxId: boxes[1], via: null });
    });
    expect(statements.filter((s) => s.includes('insert into "messages"'))).toHaveLength(1);
  });
});
