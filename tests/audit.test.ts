import { count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { openThread } from "@/db/queries/messages";
import { auditFilter, auditPage } from "@/db/queries/audit";
import { auditCheckpoints, auditLog, messageReads, messages, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { GENESIS, rowHash } from "@/lib/audit/chain";
import { purgeAudit } from "@/lib/audit/purge";
import { verifyChain } from "@/lib/audit/verify";
import { writeAudit } from "@/lib/audit/write";
import { parisDay } from "@/lib/i18n/format";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

const rows = async (db: Db) => (await db.select({ n: count() }).from(auditLog))[0].n;

/** A superuser editing the table behind the application's back, triggers off. */
async function asSuperuser(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe(`audit trail (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    // A checkpoint to try to alter; as nothing was purged it points at the chain's start.
    await db.insert(auditCheckpoints).values({ firstKeptId: 1, prevHash: GENESIS, purgedRows: 0, purgedBefore: new Date() });
  });

  it.each([
    ["update", sql`update audit_log set result = 'success'`],
    ["delete", sql`delete from audit_log`],
    ["truncate", sql`truncate audit_log`],
    ["update a checkpoint", sql`update audit_checkpoints set purged_rows = 1`],
    ["delete a checkpoint", sql`delete from audit_checkpoints`],
    ["truncate the checkpoints", sql`truncate audit_checkpoints`],
  ])("the database refuses to %s", async (_label, statement) => {
    await writeAudit(db, meta, { actorUserId: d.jean.id, action: "session.login", result: "success" });
    const before = await rows(db);
    await expect(db.execute(statement)).rejects.toThrow();
    expect(await rows(db)).toBe(before);
  });

  it("keeps the chain intact across the app's writes", async () => {
    const jean = await principalOf(db, d.jean);
    await runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to: d.claireBox.address, subject: "Chaîne", body: "." });
    const report = await verifyChain(db);
    expect(report).toMatchObject({ intact: true });
    expect(report.rows).toBe(await rows(db));
  });

  it("never stores a subject, a body or a recipient's text of a message", async () => {
    const subject = "Objet-confidentiel-7f3a";
    const body = "Corps-confidentiel-91bd";
    const marie = await principalOf(db, d.marie);
    const claire = await principalOf(db, d.claire);
    await runAction(db, marie, meta, saveDraftSpec, {
      mailboxId: d.cardio.id,
      draftId: crypto.randomUUID(),
      to: d.claireBox.address,
      subject,
      body,
    });
    await runAction(db, marie, meta, sendSpec, { mailboxId: d.cardio.id, to: d.claireBox.address, subject, body });
    await runAction(db, marie, meta, sendSpec, { mailboxId: d.cardio.id, to: "x@gmail.com", subject, body });
    const [received] = await db.select().from(messages).where(eq(messages.subject, subject)).limit(1);
    const access = await readAccess(db, d.claire.id, d.claireBox.id);
    await openThread(db, { principal: claire, access, folder: "inbox", threadId: received.threadId, meta });
    const everything = JSON.stringify(await db.select().from(auditLog));
    expect(everything).not.toContain(subject);
    expect(everything).not.toContain(body);
  });

  it("traces a reading with its read marks: the reader is among the readers, in the order they read, and a change that fails leaves no trace", async () => {
    const jean = await principalOf(db, d.jean);
    const claire = await principalOf(db, d.claire);
    await runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to: d.claireBox.address, subject: "Lu une fois", body: "." });
    const [received] = await db
      .select({ id: messages.id, threadId: messages.threadId })
      .from(messages)
      .where(sql`${messages.subject} = 'Lu une fois' and ${messages.mailboxId} = ${d.claireBox.id}`);
    const access = await readAccess(db, d.claire.id, d.claireBox.id);
    const traces = () =>
      db
        .select({ n: count() })
        .from(auditLog)
        .where(sql`${auditLog.action} = 'message.read' and ${auditLog.target} = ${received.id}`);
    const thread = await openThread(db, { principal: claire, access, folder: "inbox", threadId: received.threadId, meta });
    expect(thread?.[0]).toMatchObject({ unread: true, readBy: ["Dr Claire Martin"] });
    expect((await traces())[0].n).toBe(1);
    // Read again: already marked, traced again.
    expect((await openThread(db, { principal: claire, access, folder: "inbox", threadId: received.threadId, meta }))?.[0]).toMatchObject({
      unread: false,
      readBy: ["Dr Claire Martin"],
    });
    expect((await traces())[0].n).toBe(2);

    // A shared box names its readers in the order they read, the one opening it last when it is new to her.
    const [marie, lucie] = await Promise.all([principalOf(db, d.marie), principalOf(db, d.lucie)]);
    await runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to: d.cardio.address, subject: "Lu à deux", body: "." });
    const [shared] = await db
      .select({ threadId: messages.threadId })
      .from(messages)
      .where(sql`${messages.subject} = 'Lu à deux' and ${messages.mailboxId} = ${d.cardio.id}`);
    const open = async (who: typeof marie, user: typeof d.marie) =>
      (
        await openThread(db, {
          principal: who,
          access: await readAccess(db, user.id, d.cardio.id),
          folder: "inbox",
          threadId: shared.threadId,
          meta,
        })
      )?.[0].readBy;
    expect(await open(marie, d.marie)).toEqual([marie.name]);
    expect(await open(lucie, d.lucie)).toEqual([marie.name, lucie.name]);
    expect(await open(marie, d.marie)).toEqual([marie.name, lucie.name]);

    // The change rides in the trace's statement: a read mark of a message that does not exist fails both.
    const before = await rows(db);
    const missing = crypto.randomUUID();
    await expect(
      writeAudit(
        db,
        meta,
        { actorUserId: d.claire.id, action: "message.read", target: missing, result: "success" },
        db.$with("marked").as(db.insert(messageReads).values({ messageId: missing, userId: d.claire.id }).returning()),
      ),
    ).rejects.toThrow();
    expect(await rows(db)).toBe(before);
    expect(await verifyChain(db)).toMatchObject({ intact: true });
  });

  it("stays one chain under concurrent writers: 20 parallel sends, 20 traces, no fork", async () => {
    const jean = await principalOf(db, d.jean);
    const before = (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "message.send")))[0].n;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to: d.claireBox.address, subject: `Parallèle ${i}`, body: "." }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const after = (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "message.send")))[0].n;
    expect(after - before).toBe(20);
    const hashes = await db.select({ prev: auditLog.prevHash }).from(auditLog);
    expect(new Set(hashes.map((h) => h.prev)).size).toBe(hashes.length); // no two rows share a parent
    expect(await verifyChain(db)).toMatchObject({ intact: true });
  });
});

describe.skipIf(driver === "pglite")("the chain's lock is held for the commit only (postgres)", () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("a transaction still open with its audit row does not hold up another one's, and is linked after it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const waiting = new Promise<void>((resolve) => (written = resolve));
    const slow = db.transaction(async (tx) => {
      await writeAudit(tx, meta, { actorUserId: d.marie.id, action: "session.login", result: "success", target: "slow" });
      written();
      await held;
    });
    await waiting;
    // Under one lock from the audit row to the commit, this append would wait for `slow` forever.
    await writeAudit(db, meta, { actorUserId: d.jean.id, action: "session.login", result: "success", target: "quick" });
    release();
    await slow;
    const order = await db
      .select({ target: auditLog.target })
      .from(auditLog)
      .where(eq(auditLog.action, "session.login"))
      .orderBy(auditLog.id);
    expect(order.map((r) => r.target).slice(-2)).toEqual(["quick", "slow"]);
    expect(await verifyChain(db)).toMatchObject({ intact: true });
  });
});

describe(`a chain begun before rows were linked at commit (${driver})`, () => {
  it("still verifies, is continued, and names an edited older row", async () => {
    const db = await seededDatabase();
    const d = await demo(db);
    // A row as lib/audit/write.ts wrote them before migration 0024: its content hashed with the link.
    const [head] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const prevHash = head?.hash ?? GENESIS;
    const old = {
      at: new Date("2026-01-05T08:00:00.123Z"),
      actorUserId: d.marie.id,
      mailboxId: d.cardio.id,
      action: "message.read",
      target: "m-old",
      result: "success" as const,
      reason: null,
      ip: "10.0.0.1",
      userAgent: null,
      metadata: { count: 1 },
    };
    const [{ id }] = await db
      .insert(auditLog)
      .values({ ...old, prevHash, hash: rowHash(prevHash, old) })
      .returning({ id: auditLog.id });
    await writeAudit(db, meta, { actorUserId: d.jean.id, action: "session.login", result: "success" });
    expect(await verifyChain(db)).toMatchObject({ intact: true });
    await asSuperuser(db, sql`update audit_log set target = 'm-other' where id = ${id}`);
    expect(await verifyChain(db)).toMatchObject({ intact: false, brokenAt: id, problem: "content" });
  });
});

describe(`tamper detection (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  const ids: number[] = [];

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    for (let i = 0; i < 6; i++)
      await writeAudit(db, meta, {
        actorUserId: d.marie.id,
        mailboxId: d.cardio.id,
        action: "message.read",
        target: `m${i}`,
        result: "success",
      });
    ids.push(...(await db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).map((r) => r.id));
  });

  it("names the row whose content a superuser edited", async () => {
    expect(await verifyChain(db)).toMatchObject({ intact: true, rows: 6 });
    await asSuperuser(db, sql`update audit_log set actor_user_id = ${d.jean.id} where id = ${ids[2]}`);
    expect(await verifyChain(db)).toMatchObject({ intact: false, brokenAt: ids[2], problem: "content" });
  });

  it("names the row after one a superuser deleted", async () => {
    await asSuperuser(db, sql`delete from audit_log where id = ${ids[4]}`);
    // The edited row is still reported first.
    expect(await verifyChain(db)).toMatchObject({ intact: false, brokenAt: ids[2] });
    await asSuperuser(db, sql`delete from audit_log where id <= ${ids[3]}`);
    expect(await verifyChain(db)).toMatchObject({ intact: false, brokenAt: ids[5], problem: "link" });
  });
});

describe(`retention purge (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("removes what is older than the period, checkpoints, and the rest still verifies", async () => {
    for (let i = 0; i < 3; i++) await writeAudit(db, meta, { actorUserId: d.jean.id, action: "session.login", result: "success" });
    await new Promise((resolve) => setTimeout(resolve, 20)); // a clock tick between old and kept rows
    const boundary = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 2; i++) await writeAudit(db, meta, { actorUserId: d.jean.id, action: "session.logout", result: "success" });
    const total = await rows(db);

    // Pretend it is 12 months after the boundary.
    const now = new Date(boundary);
    now.setMonth(now.getMonth() + 12);
    const { purged } = await purgeAudit(db, 12, now);
    expect(purged).toBe(3);
    expect(await rows(db)).toBe(total - 3 + 1); // + the purge's own trace
    const [checkpoint] = await db.select().from(auditCheckpoints);
    expect(checkpoint).toMatchObject({ purgedRows: 3 });
    expect(await verifyChain(db)).toMatchObject({ intact: true, rows: 3, fromId: checkpoint.firstKeptId });
  });

  it("never keeps less than 6 months", async () => {
    await writeAudit(db, meta, { actorUserId: d.jean.id, action: "session.login", result: "success" });
    const before = await rows(db);
    const { purged } = await purgeAudit(db, 1);
    expect(purged).toBe(0);
    expect(await rows(db)).toBe(before + 1);
  });
});

describe(`journal scope and filters (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    await writeAudit(db, meta, [
      { actorUserId: d.marie.id, mailboxId: d.cardio.id, action: "message.read", target: "a", result: "success" },
      { actorUserId: d.marie.id, mailboxId: d.cardio.id, action: "message.move", target: "b", result: "refused" },
      { actorUserId: d.claire.id, mailboxId: d.claireBox.id, action: "message.read", target: "c", result: "success" },
      { actorUserId: d.jean.id, mailboxId: d.claireBox.id, action: "mailbox.open", target: null, result: "refused" },
    ]);
  });

  it("shows a manager the traces about her structure's boxes or by its people, nothing else", async () => {
    const sophie = await principalOf(db, d.sophie);
    const { rows } = await auditPage(db, sophie, {});
    expect(rows.map((r) => r.target ?? r.action).sort()).toEqual(["a", "b", "mailbox.open"]);
    const luc = await principalOf(db, (await db.select().from(users).where(eq(users.login, "luc.moreau")))[0]);
    expect((await auditPage(db, luc, {})).rows.map((r) => r.target ?? r.action).sort()).toEqual(["c", "mailbox.open"]);
  });

  it("filters by person, box, action, result and day; bad filter values are ignored", async () => {
    const sophie = await principalOf(db, d.sophie);
    const only = async (raw: Record<string, string>) => (await auditPage(db, sophie, auditFilter.parse(raw))).rows.map((r) => r.target);
    expect(await only({ person: d.marie.id, result: "refused" })).toEqual(["b"]);
    expect(await only({ mailbox: d.cardio.id, action: "message.read" })).toEqual(["a"]);
    const today = parisDay(new Date());
    expect((await only({ from: today, to: today })).length).toBe(3);
    expect(await only({ from: "2000-01-01", to: "2000-01-02" })).toEqual([]);
    expect((await only({ person: "' or 1=1 --", action: "drop", from: "hier" })).length).toBe(3);
  });

  it("pages by keyset without losing or repeating a row", async () => {
    const sophie = await principalOf(db, d.sophie);
    const first = await auditPage(db, sophie, {}, undefined, 2);
    const second = await auditPage(db, sophie, {}, first.nextBefore!, 2);
    expect(first.rows).toHaveLength(2);
    expect(second.rows).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(3);
  });
});
