import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, messageReads, messages, outbox } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { sendSpec } from "@/lib/mail/compose-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`sending (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const totals = async () => ({
    messages: (await db.select({ n: count() }).from(messages))[0].n,
    outbox: (await db.select({ n: count() }).from(outbox))[0].n,
  });
  const auditOf = (target: string) => db.select().from(auditLog).where(eq(auditLog.target, target));

  it("delivers one copy per hosted box, one in Envoyés, outbox rows for the others, and the audit rows", async () => {
    const jean = await principalOf(db, d.jean);
    const before = await totals();
    const result = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: "Dr Claire Martin <claire.martin@msp-duval.mssante.fr>, antoine.leroy@medecin.mssante.fr",
      cc: "CARDIOLOGIE@ch-troispics.mssante.fr",
      subject: "Avis — Mme FAURE",
      body: "Chère consœur,\nvoici mon avis.",
    });
    expect(result).toMatchObject({ ok: true });
    const after = await totals();
    expect(after.messages - before.messages).toBe(3); // Envoyés + Claire + Cardiologie
    expect(after.outbox - before.outbox).toBe(1); // antoine.leroy is not hosted here

    const copies = await db.select().from(messages).where(eq(messages.subject, "Avis — Mme FAURE"));
    const byBox = Object.fromEntries(copies.map((c) => [c.mailboxId, c]));
    expect(byBox[d.jeanBox.id].folder).toBe("sent");
    expect(byBox[d.claireBox.id].folder).toBe("inbox");
    expect(byBox[d.cardio.id].folder).toBe("inbox");
    expect(new Set(copies.map((c) => c.messageId)).size).toBe(1);
    expect(copies[0].messageId).toMatch(/^<[0-9a-f-]+@ch-troispics\.mssante\.fr>$/);
    // The holder of a nominative box sends as himself: no Sender.
    expect(byBox[d.jeanBox.id].senderName).toBeNull();
    // The sender's copy is read for him; the recipients' are not.
    const reads = await db.select().from(messageReads).where(eq(messageReads.messageId, byBox[d.claireBox.id].id));
    expect(reads).toEqual([]);

    const sendRows = await auditOf(byBox[d.jeanBox.id].id);
    expect(sendRows).toMatchObject([{ action: "message.send", result: "success", actorUserId: d.jean.id, mailboxId: d.jeanBox.id }]);
    for (const box of [d.claireBox, d.cardio]) {
      expect(await auditOf(byBox[box.id].id)).toMatchObject([{ action: "message.receive", mailboxId: box.id }]);
    }
    // Traces never hold content.
    const all = JSON.stringify(await db.select().from(auditLog));
    expect(all).not.toContain("Avis — Mme FAURE");
    expect(all).not.toContain("voici mon avis");
  });

  it("threads a reply with In-Reply-To and References, in the same thread of each box", async () => {
    const jean = await principalOf(db, d.jean);
    const claire = await principalOf(db, d.claire);
    await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: d.claireBox.address,
      subject: "Question",
      body: "Une question.",
    });
    const [received] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.claireBox.id), eq(messages.subject, "Question")));
    const result = await runAction(db, claire, meta, sendSpec, {
      mailboxId: d.claireBox.id,
      to: d.jeanBox.address,
      subject: "RE : Question",
      body: "Une réponse.",
      replyTo: received.id,
    });
    expect(result.ok).toBe(true);
    const [reply] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, "RE : Question")));
    const [original] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, "Question")));
    expect(reply.inReplyTo).toBe(original.messageId);
    expect(reply.references).toEqual([original.messageId]);
    expect(reply.threadId).toBe(original.threadId);
  });

  it("shows a delegate as Sender when she sends for a shared box", async () => {
    const marie = await principalOf(db, d.marie);
    const result = await runAction(db, marie, meta, sendSpec, {
      mailboxId: d.cardio.id,
      to: d.claireBox.address,
      subject: "Rendez-vous",
      body: "Le 3 décembre à 9 h 30.",
    });
    expect(result.ok).toBe(true);
    const copies = await db.select().from(messages).where(eq(messages.subject, "Rendez-vous"));
    for (const copy of copies) {
      expect(copy.fromAddress).toBe(d.cardio.address);
      expect(copy.senderName).toBe("Marie Durand");
      expect(copy.senderUserId).toBe(d.marie.id);
    }
  });

  it.each([
    ["x@gmail.com", "« x@gmail.com » n'appartient pas à l'espace de confiance MSSanté"],
    ["claire.martin@msp-duval.mssante.fr, x@mssante.fr.evil.com", "« x@mssante.fr.evil.com »"],
    ['"x@a.mssante.fr"@gmail.com', '« "x@a.mssante.fr"@gmail.com » : la partie avant « @ » ne peut être entre guillemets'],
  ])("refuses %s, names it in French, and stores nothing", async (to, message) => {
    const jean = await principalOf(db, d.jean);
    const before = await totals();
    const result = await runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to, subject: "Refusé", body: "." });
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.to?.join(" ")).toContain(message);
    expect(await totals()).toEqual(before);
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: "message.send", result: "refused", actorUserId: d.jean.id, metadata: { fields: ["to"] } });
  });

  it.each([
    [{ to: "" }, "to", "Indiquez au moins un destinataire."],
    [{ subject: "x".repeat(999) }, "subject", "L'objet ne doit pas dépasser 998 caractères."],
    [{ body: "x".repeat(1_000_001) }, "body", "Le message est trop long."],
  ])("refuses bad input %j with a French message", async (patch, field, message) => {
    const jean = await principalOf(db, d.jean);
    const before = await totals();
    const result = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: d.claireBox.address,
      subject: "s",
      body: "b",
      ...patch,
    });
    expect(result.fieldErrors?.[field]).toContain(message);
    expect(await totals()).toEqual(before);
  });

  it("answers 'introuvable' for a box without the send right, and traces the refusal", async () => {
    const claire = await principalOf(db, d.claire);
    const before = await totals();
    for (const mailboxId of [d.jeanBox.id, d.cardio.id, crypto.randomUUID(), "../../etc"]) {
      const result = await runAction(db, claire, meta, sendSpec, { mailboxId, to: d.claireBox.address, subject: "s", body: "b" });
      expect(result).toEqual({ ok: false, code: "not_found", error: expect.stringMatching(/^Introuvable/), fieldErrors: undefined });
    }
    expect(await totals()).toEqual(before);
    const refusals = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, d.claire.id), eq(auditLog.result, "refused")));
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(refusals.find((r) => r.target === "../../etc")).toBeDefined();
  });

  it("refuses a reply to a message of another box as 'introuvable'", async () => {
    const [foreign] = await db.select().from(messages).where(eq(messages.mailboxId, d.cardio.id)).limit(1);
    const claire = await principalOf(db, d.claire);
    const before = await totals();
    const result = await runAction(db, claire, meta, sendSpec, {
      mailboxId: d.claireBox.id,
      to: d.jeanBox.address,
      subject: "s",
      body: "b",
      replyTo: foreign.id,
    });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^Introuvable/) });
    expect(await totals()).toEqual(before);
  });

  it("keeps nothing, not even its audit row, when the transaction fails half-way", async () => {
    const jean = await principalOf(db, d.jean);
    const before = await totals();
    const auditBefore = (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.result, "success")))[0].n;
    const failing = {
      ...sendSpec,
      run: async (ctx: Parameters<typeof sendSpec.run>[0]) => {
        await sendSpec.run(ctx);
        throw new Error("disk full");
      },
    };
    const result = await runAction(db, jean, meta, failing, {
      mailboxId: d.jeanBox.id,
      to: `${d.claireBox.address}, x@medecin.mssante.fr`,
      subject: "Perdu",
      body: ".",
    });
    expect(result).toEqual({ ok: false, code: "unexpected", error: "Une erreur inattendue est survenue. Réessayez." });
    expect(await totals()).toEqual(before);
    expect((await db.select({ n: count() }).from(auditLog).where(eq(auditLog.result, "success")))[0].n).toBe(auditBefore);
    const [errorRow] = await db.select().from(auditLog).where(eq(auditLog.result, "error"));
    expect(errorRow).toMatchObject({ action: "message.send", actorUserId: d.jean.id, reason: "unexpected" });
  });
});
