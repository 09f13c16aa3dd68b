import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, delegations, messageReads, messages, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { deleteSpec, markUnreadSpec, moveSpec } from "@/lib/mail/message-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`moving, deleting, marking unread (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const firstIn = async (mailboxId: string, folder: "inbox" | "trash" | "archive") =>
    (
      await db
        .select()
        .from(messages)
        .where(and(eq(messages.mailboxId, mailboxId), eq(messages.folder, folder)))
        .limit(1)
    )[0];
  const folderOf = async (id: string) => (await db.select({ f: messages.folder }).from(messages).where(eq(messages.id, id)))[0]?.f;

  it("archives, trashes, restores and then deletes for good, each step traced", async () => {
    const claire = await principalOf(db, d.claire);
    const message = await firstIn(d.claireBox.id, "inbox");
    const act = (spec: typeof moveSpec | typeof deleteSpec, extra: Record<string, string>) =>
      runAction(db, claire, meta, spec as typeof moveSpec, { mailboxId: d.claireBox.id, messageId: message.id, folder: "inbox", ...extra });

    expect(await act(moveSpec, { to: "archive" })).toMatchObject({ ok: true, redirectTo: `/m/${d.claireBox.id}/inbox?notice=moved` });
    expect(await folderOf(message.id)).toBe("archive");
    // Deleting for good only works from the Corbeille.
    expect(await act(deleteSpec, {})).toMatchObject({ ok: false, error: expect.stringMatching(/^Introuvable/) });
    expect(await folderOf(message.id)).toBe("archive");
    await act(moveSpec, { to: "trash" });
    expect(await folderOf(message.id)).toBe("trash");
    expect(await act(deleteSpec, {})).toMatchObject({ ok: true });
    expect(await folderOf(message.id)).toBeUndefined();

    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, message.id), eq(auditLog.result, "success")));
    expect(trail.map((r) => [r.action, r.metadata])).toEqual([
      ["message.move", { from: "inbox", to: "archive" }],
      ["message.move", { from: "archive", to: "trash" }],
      ["message.delete", {}],
    ]);
  });

  it("refuses a move to Envoyés or an unknown folder in French, and changes nothing", async () => {
    const claire = await principalOf(db, d.claire);
    const message = await firstIn(d.claireBox.id, "inbox");
    for (const to of ["sent", "drafts", "spam"]) {
      const result = await runAction(db, claire, meta, moveSpec, { mailboxId: d.claireBox.id, messageId: message.id, folder: "inbox", to });
      expect(result).toMatchObject({ ok: false, fieldErrors: { to: ["Dossier inconnu."] } });
    }
    expect(await folderOf(message.id)).toBe("inbox");
  });

  it("answers 'introuvable' for a message of another box, even through one's own box", async () => {
    const claire = await principalOf(db, d.claire);
    const foreign = await firstIn(d.cardio.id, "inbox");
    for (const mailboxId of [d.claireBox.id, d.cardio.id]) {
      const result = await runAction(db, claire, meta, moveSpec, { mailboxId, messageId: foreign.id, folder: "inbox", to: "trash" });
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^Introuvable/) });
    }
    expect(await folderOf(foreign.id)).toBe("inbox");
  });

  it("lets a read-only delegate read and mark unread, but not move", async () => {
    const [reader] = await db
      .insert(users)
      .values({ structureId: d.jean.structureId, login: "lecture.seule", firstName: "Léa", lastName: "Lecture", role: "secretary" })
      .returning();
    await db.insert(delegations).values({ mailboxId: d.cardio.id, userId: reader.id, rights: ["read"], grantedBy: d.sophie.id });
    const principal = await principalOf(db, reader);
    const message = await firstIn(d.cardio.id, "inbox");
    const input = { mailboxId: d.cardio.id, messageId: message.id, folder: "inbox" };

    expect(await runAction(db, principal, meta, moveSpec, { ...input, to: "trash" })).toMatchObject({ ok: false });
    expect(await folderOf(message.id)).toBe("inbox");

    await db.insert(messageReads).values({ messageId: message.id, userId: reader.id });
    await db.insert(messageReads).values({ messageId: message.id, userId: d.marie.id }).onConflictDoNothing();
    expect(await runAction(db, principal, meta, markUnreadSpec, input)).toMatchObject({ ok: true });
    const reads = await db.select().from(messageReads).where(eq(messageReads.messageId, message.id));
    // Unread for her only: her colleague's read mark stays.
    expect(reads.map((r) => r.userId)).not.toContain(reader.id);
    expect(reads.map((r) => r.userId)).toContain(d.marie.id);
  });
});
