import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { boxSummary } from "@/db/queries/folders";
import { listFolder, ownReadMark, readMark, unreadCounts, unreadFor } from "@/db/queries/messages";
import { messages, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { grantSpec } from "@/lib/delegations/specs";
import { sendSpec } from "@/lib/mail/compose-specs";
import { deleteSpec } from "@/lib/mail/message-specs";
import { bulkMarkReadSpec, bulkMoveSpec } from "@/lib/mail/triage-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

describe(`unread counts from the start of a delegation, never in Envoyés or Brouillons (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let paul: typeof users.$inferSelect;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    [paul] = await db.select().from(users).where(eq(users.login, "paul.girard"));
  });

  /** Her unread per folder of a box, as the sidebar reads it from the counters. */
  const counted = async (userId: string, mailboxId: string) =>
    Object.fromEntries(
      (await unreadCounts(db, userId, [await readAccess(db, userId, mailboxId)]))
        .filter((c) => c.unread !== 0)
        .map((c) => [c.folder, c.unread]),
    );
  /** The same, recounted from the messages by the rule the lists apply to each row. */
  async function recounted(userId: string, mailboxId: string) {
    const rows = await db
      .select({ folder: messages.folder, n: sql<number>`count(*)::int` })
      .from(messages)
      .leftJoin(readMark, ownReadMark(userId))
      .where(and(eq(messages.mailboxId, mailboxId), unreadFor(userId)))
      .groupBy(messages.folder);
    return Object.fromEntries(rows.map((r) => [r.folder, r.n]));
  }
  async function expectCounts(userId: string, mailboxId: string, expected: Record<string, number>) {
    expect(await counted(userId, mailboxId)).toEqual(expected);
    expect(await recounted(userId, mailboxId)).toEqual(expected);
  }
  const grant = async (rights: string[]) =>
    runAction(db, await principalOf(db, d.sophie), meta, grantSpec, { mailboxId: d.cardio.id, userId: paul.id, rights });
  const inboxRows = async (userId: string) =>
    (await listFolder(db, { userId, access: await readAccess(db, userId, d.cardio.id), folder: "inbox", cursor: null })).messages;

  it("a new delegate starts with nothing unread, then counts what arrives, whatever colleagues read", async () => {
    const history = (await counted(d.jean.id, d.cardio.id)).inbox;
    expect(history).toBeGreaterThan(0);
    expect((await counted(d.marie.id, d.cardio.id)).inbox).toBeGreaterThan(0);

    expect(await grant(["read"])).toMatchObject({ ok: true });
    await expectCounts(paul.id, d.cardio.id, {});
    expect((await inboxRows(paul.id)).some((m) => m.unread)).toBe(false);
    // The box's responsible keeps the whole history unread as before.
    expect((await counted(d.jean.id, d.cardio.id)).inbox).toBe(history);

    const sent = await runAction(db, await principalOf(db, d.jean), meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: "cardiologie@ch-troispics.mssante.fr",
      subject: "Arrivé après la délégation",
      body: "Texte",
    });
    expect(sent).toMatchObject({ ok: true });
    await expectCounts(paul.id, d.cardio.id, { inbox: 1 });
    expect((await inboxRows(paul.id)).filter((m) => m.unread).map((m) => m.subject)).toEqual(["Arrivé après la délégation"]);

    // Rights changed: the delegation goes on from when it began, so the new message is still unread.
    expect(await grant(["read", "edit"])).toMatchObject({ ok: true });
    await expectCounts(paul.id, d.cardio.id, { inbox: 1 });
    expect(await boxSummary(db, paul.id, await readAccess(db, paul.id, d.cardio.id))).toMatchObject({ unread: { inbox: 1 } });

    // Old mail moved around or deleted keeps his counts right; so does reading.
    const paulPrincipal = await principalOf(db, paul);
    const moved = await runAction(db, paulPrincipal, meta, bulkMoveSpec, {
      mailboxId: d.cardio.id,
      all: "1",
      folder: "inbox",
      to: "trash",
    });
    expect(moved).toMatchObject({ ok: true });
    await expectCounts(paul.id, d.cardio.id, { trash: 1 });
    const [old] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(eq(messages.mailboxId, d.cardio.id), eq(messages.folder, "trash"), sql`${messages.subject} <> 'Arrivé après la délégation'`),
      )
      .limit(1);
    expect(
      await runAction(db, paulPrincipal, meta, deleteSpec, { mailboxId: d.cardio.id, messageId: old.id, folder: "trash" }),
    ).toMatchObject({
      ok: true,
    });
    await expectCounts(paul.id, d.cardio.id, { trash: 1 });
    expect(await runAction(db, paulPrincipal, meta, bulkMarkReadSpec, { mailboxId: d.cardio.id, all: "1", folder: "trash" })).toMatchObject(
      {
        ok: true,
      },
    );
    await expectCounts(paul.id, d.cardio.id, {});
    await runAction(db, paulPrincipal, meta, bulkMoveSpec, { mailboxId: d.cardio.id, all: "1", folder: "trash", to: "inbox" });
    await expectCounts(paul.id, d.cardio.id, {});
    // The colleagues' counters followed the same moves.
    for (const user of [d.jean, d.marie]) expect(await counted(user.id, d.cardio.id)).toEqual(await recounted(user.id, d.cardio.id));
  });

  it("never counts nor shows Envoyés and Brouillons as unread", async () => {
    const box = d.jeanBox.id;
    for (const folder of ["sent", "drafts"] as const)
      await db.insert(messages).values({
        mailboxId: box,
        folder,
        threadId: crypto.randomUUID(),
        messageId: `<${crypto.randomUUID()}@test.mssante.fr>`,
        fromAddress: d.jeanBox.address,
        to: [],
        subject: `Sans marque de lecture (${folder})`,
        bodyText: "Texte",
        size: 10,
        draftId: folder === "drafts" ? crypto.randomUUID() : null,
      });
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .leftJoin(readMark, ownReadMark(d.jean.id))
      .where(and(eq(messages.mailboxId, box), sql`${messages.folder} in ('sent', 'drafts')`, sql`${readMark.messageId} is null`));
    expect(n).toBeGreaterThanOrEqual(2);
    const counts = await counted(d.jean.id, box);
    expect(counts.sent).toBeUndefined();
    expect(counts.drafts).toBeUndefined();
    const access = await readAccess(db, d.jean.id, box);
    for (const folder of ["sent", "drafts"] as const) {
      const rows = (await listFolder(db, { userId: d.jean.id, access, folder, cursor: null })).messages;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((m) => m.unread)).toEqual([]);
    }
    expect(Object.keys((await boxSummary(db, d.jean.id, access)).unread)).not.toContain("sent");
  });
});
