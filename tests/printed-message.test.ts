import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { printedMessage } from "@/db/queries/printed-message";
import { attachments, auditLog, blobs, messageReads, messages } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ReadAccess } from "@/lib/authz/permissions";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

describe(`a message's print view (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let claire: Principal;
  let claireBox: ReadAccess;

  const firstOf = async (mailboxId: string) =>
    (
      await db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.mailboxId, mailboxId), eq(messages.folder, "inbox")))
        .limit(1)
    )[0].id;
  const traces = (target: string) =>
    db
      .select({ action: auditLog.action, result: auditLog.result, reason: auditLog.reason })
      .from(auditLog)
      .where(eq(auditLog.target, target));

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    claire = await principalOf(db, d.claire);
    claireBox = await readAccess(db, d.claire.id, d.claireBox.id);
  });

  it("is read like its thread: the header, body and files' names and sizes, marked read, traced once", async () => {
    const id = await firstOf(d.claireBox.id);
    const content = Buffer.from("%PDF-1.4\n%%EOF\n");
    const sha256 = createHash("sha256").update(content).digest("hex");
    await db.insert(blobs).values({ sha256, size: content.length, content }).onConflictDoNothing();
    await db
      .insert(attachments)
      .values({ messageId: id, filename: "ordonnance.pdf", contentType: "application/pdf", size: content.length, sha256 });
    await db.delete(messageReads).where(eq(messageReads.messageId, id));
    const printed = await printedMessage(db, { principal: claire, access: claireBox, messageId: id, meta });
    expect(printed).toMatchObject({ id, subject: expect.any(String), bodyText: expect.any(String) });
    expect(printed?.attachments.map((f) => [f.filename, f.size])).toEqual([["ordonnance.pdf", content.length]]);
    expect(
      await db
        .select()
        .from(messageReads)
        .where(and(eq(messageReads.messageId, id), eq(messageReads.userId, d.claire.id))),
    ).toHaveLength(1);
    expect(await traces(id)).toEqual([{ action: "message.read", result: "success", reason: null }]);
  });

  it("finds nothing of another box, a draft or a made-up id, and traces the refusal", async () => {
    const [draft] = await db
      .insert(messages)
      .values({
        mailboxId: d.claireBox.id,
        folder: "drafts",
        draftId: crypto.randomUUID(),
        threadId: crypto.randomUUID(),
        messageId: `<${crypto.randomUUID()}@test>`,
        fromAddress: d.claireBox.address,
        to: [],
        subject: "Brouillon",
        bodyText: "En cours",
        size: 8,
      })
      .returning({ id: messages.id });
    for (const id of [await firstOf(d.jeanBox.id), draft.id, "pas-un-identifiant"]) {
      expect(await printedMessage(db, { principal: claire, access: claireBox, messageId: id, meta })).toBeNull();
      expect(await traces(id)).toEqual([{ action: "message.read", result: "refused", reason: "not_found" }]);
    }
  });
});
