import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { findSentDraft } from "@/db/queries/drafts";
import { attachments, auditLog, messages, outbox, sentDrafts } from "@/db/schema";
import { runAction, type ActionResult } from "@/lib/actions/run";
import { loadAccess } from "@/lib/authz/access";
import { statusOf } from "@/lib/errors";
import { addAttachmentSpec } from "@/lib/mail/attachment-specs";
import { deleteDraftSpec, saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { deleteSpec, moveSpec } from "@/lib/mail/message-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const pdf = (name: string) => new File([new Uint8Array(PDF)], name, { type: "application/pdf" });
const ALREADY_SENT = /^Ce message a déjà été envoyé par (.+) le \d/;
/** Who an `already_sent` answer names. */
const namedIn = (result: ActionResult) => ALREADY_SENT.exec(result.error ?? "")?.[1];
/** What a person sees of an answer, the id of what was created aside. */
const seen = ({ target: _, ...result }: ActionResult) => result;

describe(`draft ids: the box's own, sent once (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let people: Record<"jean" | "marie" | "lucie" | "claire", Awaited<ReturnType<typeof principalOf>>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    people = {
      jean: await principalOf(db, d.jean),
      marie: await principalOf(db, d.marie),
      lucie: await principalOf(db, d.lucie),
      claire: await principalOf(db, d.claire),
    };
  });

  const draftsOf = (mailboxId: string, draftId: string) =>
    db
      .select({ id: messages.id, subject: messages.subject })
      .from(messages)
      .where(and(eq(messages.mailboxId, mailboxId), eq(messages.draftId, draftId)));
  const copies = (subject: string) =>
    db
      .select({ mailboxId: messages.mailboxId, folder: messages.folder, id: messages.id })
      .from(messages)
      .where(eq(messages.subject, subject))
      .orderBy(messages.folder);
  const queuedFor = async (recipient: string) => (await db.select({ n: count() }).from(outbox).where(eq(outbox.recipient, recipient)))[0].n;
  const filesOf = async (messageId: string) =>
    (await db.select({ n: count() }).from(attachments).where(eq(attachments.messageId, messageId)))[0].n;

  /** A cardiology draft Lucie prepared (she may not send), with one file, for colleagues to send. */
  async function preparedDraft(subject: string, to: string) {
    const draftId = randomUUID();
    const fields = { mailboxId: d.cardio.id, draftId, to, subject, body: "Holter de 24 h sans particularité." };
    expect((await runAction(db, people.lucie, meta, saveDraftSpec, fields)).ok).toBe(true);
    expect((await runAction(db, people.lucie, meta, addAttachmentSpec, { ...fields, file: pdf("holter.pdf") })).ok).toBe(true);
    return fields;
  }

  it("an id of another box is new here, exactly like an id never used: same answers, nothing of the other box touched", async () => {
    const foreign = await preparedDraft("Brouillon de cardiologie", d.claireBox.address);
    const [foreignCopy] = await draftsOf(d.cardio.id, foreign.draftId);
    const [received] = await db.select({ id: messages.id }).from(messages).where(eq(messages.mailboxId, d.cardio.id)).limit(1);
    const claire = (draftId: string) => ({
      mailboxId: d.claireBox.id,
      draftId,
      to: d.jeanBox.address,
      subject: `Essai ${draftId}`,
      body: ".",
    });

    for (const taken of [foreign.draftId, foreignCopy.id, received.id]) {
      const unused = randomUUID();
      // Saving, attaching, sending and deleting answer the same for both, in Claire's own box.
      expect(seen(await runAction(db, people.claire, meta, saveDraftSpec, { ...claire(taken), autosave: "on" }))).toEqual(
        seen(await runAction(db, people.claire, meta, saveDraftSpec, { ...claire(unused), autosave: "on" })),
      );
      expect(await draftsOf(d.claireBox.id, taken)).toHaveLength(1);
      const attach = (draftId: string) =>
        runAction(db, people.claire, meta, addAttachmentSpec, { mailboxId: d.claireBox.id, draftId, file: pdf("note.pdf") });
      expect(seen(await attach(taken))).toEqual(seen(await attach(unused)));
      const remove = (draftId: string) => runAction(db, people.claire, meta, deleteDraftSpec, { mailboxId: d.claireBox.id, draftId });
      expect(seen(await remove(taken))).toEqual(seen(await remove(unused)));
      // Gone now, like an id never used.
      expect(await remove(taken)).toEqual({ ok: false, code: "not_found", error: expect.stringMatching(/^Introuvable/) });
      expect(await remove(taken)).toEqual(await remove(randomUUID()));
    }

    // Sending with the other box's draft id sends what Claire wrote, without that draft's file, and leaves it as it was.
    const sent = await runAction(db, people.claire, meta, sendSpec, { ...claire(foreign.draftId), subject: "Envoi au hasard d'un id" });
    expect(sent.ok).toBe(true);
    expect(await filesOf(sent.target!)).toBe(0);
    expect(await draftsOf(d.cardio.id, foreign.draftId)).toEqual([{ id: foreignCopy.id, subject: "Brouillon de cardiologie" }]);
    expect(await filesOf(foreignCopy.id)).toBe(1);
    // And cardiology can still send it: Claire's send marked her own box's id only.
    expect((await runAction(db, people.marie, meta, sendSpec, foreign)).ok).toBe(true);
  });

  it("two colleagues sending one shared draft at once: one message, one outbox entry; the others are told who sent it", async () => {
    const remote = `holter-${randomUUID().slice(0, 8)}@medecin.mssante.fr`;
    const draft = await preparedDraft("Holter en double", `${d.claireBox.address}, ${remote}`);
    const senders = [people.marie, people.jean, people.marie, people.jean];
    const results = await Promise.all(senders.map((who) => runAction(db, who, meta, sendSpec, draft)));

    const winner = results.findIndex((r) => r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const [i, result] of results.entries()) {
      if (i === winner) continue;
      expect(result).toMatchObject({ ok: false, code: "already_sent" });
      expect(namedIn(result)).toBe(senders[i] === senders[winner] ? "vous" : senders[winner].name);
    }
    expect((await copies("Holter en double")).map((c) => [c.mailboxId, c.folder])).toEqual([
      [d.claireBox.id, "inbox"],
      [d.cardio.id, "sent"],
    ]);
    expect(await queuedFor(remote)).toBe(1);
    // The file went with the one message, and the draft is gone.
    for (const copy of await copies("Holter en double")) expect(await filesOf(copy.id)).toBe(1);
    expect(await draftsOf(d.cardio.id, draft.draftId)).toEqual([]);
    const refusals = await db
      .select({ reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.action, "message.send"), eq(auditLog.result, "refused"), eq(auditLog.mailboxId, d.cardio.id)));
    expect(refusals.filter((r) => r.reason === "already_sent").length).toBeGreaterThanOrEqual(3);
  });

  it("two sends at once of a draft never saved (a double click, a retry racing the first): one message", async () => {
    const remote = `double-${randomUUID().slice(0, 8)}@medecin.mssante.fr`;
    const fields = { mailboxId: d.cardio.id, draftId: randomUUID(), to: remote, subject: "Jamais enregistré", body: "." };
    const results = await Promise.all([people.marie, people.marie, people.jean].map((who) => runAction(db, who, meta, sendSpec, fields)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.code === "already_sent")).toHaveLength(2);
    expect(await copies("Jamais enregistré")).toHaveLength(1);
    expect(await queuedFor(remote)).toBe(1);
  });

  it("a send while the author is still saving: the draft never survives the send, and her next save is told who sent it", async () => {
    const draft = await preparedDraft("Pendant la saisie", d.claireBox.address);
    const [sent, saved] = await Promise.all([
      runAction(db, people.marie, meta, sendSpec, draft),
      runAction(db, people.lucie, meta, saveDraftSpec, { ...draft, body: "Suite de la saisie", autosave: "on" }),
    ]);
    expect(sent.ok).toBe(true);
    // Saved just before the send, or told it went: never a draft again.
    if (!saved.ok) expect(namedIn(saved)).toBe("Marie Durand");
    expect(await draftsOf(d.cardio.id, draft.draftId)).toEqual([]);
    expect((await copies("Pendant la saisie")).map((c) => c.folder)).toEqual(["inbox", "sent"]);
  });

  it("a late autosave of a sent draft never brings it back, even once its copy is deleted for good", async () => {
    const draft = await preparedDraft("Autosave tardif", d.claireBox.address);
    expect((await runAction(db, people.marie, meta, sendSpec, draft)).ok).toBe(true);

    const late = await runAction(db, people.lucie, meta, saveDraftSpec, { ...draft, body: "Ajout tardif", autosave: "on" });
    expect(late).toMatchObject({ ok: false, code: "already_sent" });
    expect(namedIn(late)).toBe("Marie Durand");
    expect(statusOf(late.code)).toBe(409);
    const upload = await runAction(db, people.lucie, meta, addAttachmentSpec, { ...draft, file: pdf("tardif.pdf") });
    expect(namedIn(upload)).toBe("Marie Durand");
    const removal = await runAction(db, people.lucie, meta, deleteDraftSpec, { mailboxId: d.cardio.id, draftId: draft.draftId });
    expect(removal.code).toBe("already_sent");
    expect(await draftsOf(d.cardio.id, draft.draftId)).toEqual([]);

    // The sent copy to the Corbeille, then deleted for good: the id stays sent.
    const [sentCopy] = (await copies("Autosave tardif")).filter((c) => c.folder === "sent");
    const target = { mailboxId: d.cardio.id, messageId: sentCopy.id };
    expect((await runAction(db, people.marie, meta, moveSpec, { ...target, folder: "sent", to: "trash" })).ok).toBe(true);
    expect((await runAction(db, people.marie, meta, deleteSpec, { ...target, folder: "trash" })).ok).toBe(true);
    expect(await db.select().from(sentDrafts).where(eq(sentDrafts.draftId, draft.draftId))).toEqual([
      expect.objectContaining({ mailboxId: d.cardio.id, messageId: null, sentBy: d.marie.id }),
    ]);
    const later = await runAction(db, people.lucie, meta, saveDraftSpec, { ...draft, autosave: "on" });
    expect(namedIn(later)).toBe("Marie Durand");
    expect(await draftsOf(d.cardio.id, draft.draftId)).toEqual([]);
    expect(namedIn(await runAction(db, people.jean, meta, sendSpec, draft))).toBe("Marie Durand");
    expect((await copies("Autosave tardif")).map((c) => c.folder)).toEqual(["inbox"]);
  });

  it("a retry of a send that committed unseen finds it, says so, and sends nothing more", async () => {
    const remote = `retry-${randomUUID().slice(0, 8)}@medecin.mssante.fr`;
    const fields = {
      mailboxId: d.cardio.id,
      draftId: randomUUID(),
      to: `${d.claireBox.address}, ${remote}`,
      subject: "Réessai",
      body: ".",
    };
    const first = await runAction(db, people.marie, meta, sendSpec, fields);
    expect(first.ok).toBe(true);

    const retry = await runAction(db, people.marie, meta, sendSpec, fields);
    expect(retry).toMatchObject({ ok: false, code: "already_sent" });
    expect(namedIn(retry)).toBe("vous");
    expect((await copies("Réessai")).map((c) => c.folder)).toEqual(["inbox", "sent"]);
    expect(await queuedFor(remote)).toBe(1);

    // What the compose page reopened on that id shows: who, when, and the copy in Envoyés.
    const access = (await loadAccess(db, d.marie.id, d.cardio.id))!;
    expect(await findSentDraft(db, access, fields.draftId)).toEqual({
      sentAt: expect.any(Date),
      sentBy: d.marie.id,
      senderName: "Marie Durand",
      copy: { folder: "sent", threadId: expect.any(String) },
    });
    // From a box that is not cardiology's, that id was never sent.
    const other = (await loadAccess(db, d.jean.id, d.jeanBox.id))!;
    expect(await findSentDraft(db, other, fields.draftId)).toBeNull();
  });
});
