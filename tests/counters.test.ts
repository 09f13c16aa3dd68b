import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ownReadMark, readMark, unreadCounts, unreadFor } from "@/db/queries/messages";
import { folderCounts, mailboxes, messageReads, messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { listAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";
import { sendSpec } from "@/lib/mail/compose-specs";
import { deleteSpec, markUnreadSpec, moveSpec } from "@/lib/mail/message-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`unread counters kept by triggers (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  /** The counters must always equal a full recount by the rule lists show, for every person and every box she reads. */
  async function expectCountersMatchRecount() {
    for (const user of [d.jean, d.marie, d.claire, d.sophie]) {
      const boxes = (await listAccess(db, user.id)).filter((a) => can(a, "mailbox.read"));
      const recount = await db
        .select({ mailboxId: messages.mailboxId, folder: messages.folder, id: messages.id })
        .from(messages)
        .leftJoin(readMark, ownReadMark(user.id))
        .where(
          and(
            inArray(
              messages.mailboxId,
              boxes.map((a) => a.mailbox.id),
            ),
            unreadFor(user.id),
          ),
        );
      const expected: Record<string, number> = {};
      for (const r of recount) expected[`${r.mailboxId}/${r.folder}`] = (expected[`${r.mailboxId}/${r.folder}`] ?? 0) + 1;
      const counted = Object.fromEntries(
        (await unreadCounts(db, user.id, boxes)).filter((c) => c.unread !== 0).map((c) => [`${c.mailboxId}/${c.folder}`, c.unread]),
      );
      expect(counted, user.login).toEqual(expected);
    }
  }

  it("match a recount after the seed", expectCountersMatchRecount);

  it("match a recount through sending, reading, marking unread, moving and deleting", async () => {
    const jean = await principalOf(db, d.jean);
    const marie = await principalOf(db, d.marie);
    const sent = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: "cardiologie@ch-troispics.mssante.fr, claire.martin@msp-duval.mssante.fr",
      subject: "Compteurs",
      body: "Texte",
    });
    expect(sent).toMatchObject({ ok: true });
    await expectCountersMatchRecount();

    const [copy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.cardio.id), eq(messages.subject, "Compteurs")));
    // Two colleagues read it: each her own count moves.
    await db.insert(messageReads).values([
      { messageId: copy.id, userId: d.marie.id },
      { messageId: copy.id, userId: d.jean.id },
    ]);
    await expectCountersMatchRecount();
    expect(await runAction(db, marie, meta, markUnreadSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "inbox" })).toMatchObject(
      { ok: true },
    );
    await expectCountersMatchRecount();
    expect(
      await runAction(db, jean, meta, moveSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "inbox", to: "archive" }),
    ).toMatchObject({ ok: true });
    await expectCountersMatchRecount();
    expect(
      await runAction(db, jean, meta, moveSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "archive", to: "trash" }),
    ).toMatchObject({ ok: true });
    expect(await runAction(db, jean, meta, deleteSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "inbox" })).toMatchObject({
      ok: true,
    });
    expect(await db.select().from(messages).where(eq(messages.id, copy.id))).toEqual([]);
    await expectCountersMatchRecount();
  });

  it("count every change of a transaction at its commit, whatever their order, on folders never counted before", async () => {
    const [box] = await db
      .insert(mailboxes)
      .values({
        address: `compteurs-${crypto.randomUUID().slice(0, 8)}@ch-troispics.mssante.fr`,
        type: "ORG",
        structureId: d.jean.structureId,
        displayName: "Compteurs",
        responsibleUserId: d.jean.id,
      })
      .returning();
    const row = (folder: "inbox" | "archive" | "drafts") => ({
      mailboxId: box.id,
      folder,
      threadId: crypto.randomUUID(),
      messageId: `<${crypto.randomUUID()}@test>`,
      fromAddress: "x@medecin.mssante.fr",
      to: [],
      subject: "s",
      bodyText: "b",
      size: 2,
    });
    await db.transaction(async (tx) => {
      // Inserted then moved, inserted then deleted, inserted and read: the inserts are counted last.
      const [moved] = await tx.insert(messages).values(row("inbox")).returning();
      await tx.update(messages).set({ folder: "archive" }).where(eq(messages.id, moved.id));
      const [gone] = await tx.insert(messages).values(row("inbox")).returning();
      await tx.delete(messages).where(eq(messages.id, gone.id));
      const [read] = await tx.insert(messages).values(row("inbox")).returning();
      await tx.insert(messageReads).values({ messageId: read.id, userId: d.jean.id });
      await tx.insert(messages).values(row("archive"));
    });
    const totals = await db
      .select({ folder: folderCounts.folder, total: folderCounts.total })
      .from(folderCounts)
      .where(eq(folderCounts.mailboxId, box.id));
    const recount = await db
      .select({ folder: messages.folder, total: count() })
      .from(messages)
      .where(eq(messages.mailboxId, box.id))
      .groupBy(messages.folder);
    const byFolder = (rows: { folder: string; total: number }[]) =>
      Object.fromEntries(rows.filter((r) => r.total !== 0).map((r) => [r.folder, r.total]));
    expect(byFolder(totals)).toEqual({ inbox: 1, archive: 2 });
    expect(byFolder(totals)).toEqual(byFolder(recount));
    const jeanBoxes = (await listAccess(db, d.jean.id)).filter((a) => a.mailbox.id === box.id).filter((a) => can(a, "mailbox.read"));
    expect((await unreadCounts(db, d.jean.id, jeanBoxes)).map((c) => [c.folder, c.unread]).sort()).toEqual([
      ["archive", 2],
      ["inbox", 0],
    ]);
  });
});
