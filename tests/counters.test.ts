import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { isUnread, ownReadMark, readMark, unreadCounts } from "@/db/queries/messages";
import { messageReads, messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
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

  /** The counters must always equal a full recount, for every person and box. */
  async function expectCountersMatchRecount() {
    const boxes = [d.jeanBox.id, d.cardio.id, d.claireBox.id];
    for (const user of [d.jean, d.marie, d.claire, d.sophie]) {
      const recount = await db
        .select({ mailboxId: messages.mailboxId, folder: messages.folder, id: messages.id })
        .from(messages)
        .leftJoin(readMark, ownReadMark(user.id))
        .where(and(inArray(messages.mailboxId, boxes), isUnread));
      const expected: Record<string, number> = {};
      for (const r of recount) expected[`${r.mailboxId}/${r.folder}`] = (expected[`${r.mailboxId}/${r.folder}`] ?? 0) + 1;
      const counted = Object.fromEntries((await unreadCounts(db, user.id, boxes)).filter((c) => c.unread !== 0).map((c) => [`${c.mailboxId}/${c.folder}`, c.unread]));
      expect(counted, user.login).toEqual(expected);
    }
  }

  it("match a recount after the seed", expectCountersMatchRecount);

  it("match a recount through sending, reading, marking unread, moving and deleting", async () => {
    const jean = await principalOf(db, d.jean);
    const marie = await principalOf(db, d.marie);
    const sent = await runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to: "cardiologie@ch-troispics.mssante.fr, claire.martin@msp-duval.mssante.fr", subject: "Compteurs", body: "Texte" });
    expect(sent).toMatchObject({ ok: true });
    await expectCountersMatchRecount();

    const [copy] = await db.select().from(messages).where(and(eq(messages.mailboxId, d.cardio.id), eq(messages.subject, "Compteurs")));
    // Two colleagues read it: each her own count moves.
    await db.insert(messageReads).values([{ messageId: copy.id, userId: d.marie.id }, { messageId: copy.id, userId: d.jean.id }]);
    await expectCountersMatchRecount();
    expect(await runAction(db, marie, meta, markUnreadSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "inbox" })).toMatchObject({ ok: true });
    await expectCountersMatchRecount();
    expect(await runAction(db, jean, meta, moveSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "inbox", to: "archive" })).toMatchObject({ ok: true });
    await expectCountersMatchRecount();
    expect(await runAction(db, jean, meta, moveSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "archive", to: "trash" })).toMatchObject({ ok: true });
    expect(await runAction(db, jean, meta, deleteSpec, { mailboxId: d.cardio.id, messageId: copy.id, folder: "inbox" })).toMatchObject({ ok: true });
    expect(await db.select().from(messages).where(eq(messages.id, copy.id))).toEqual([]);
    await expectCountersMatchRecount();
  });
});
