import { and, desc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, messages, outbox, patientConversations } from "@/db/schema";
import { fingerprintOf } from "@/lib/api/message-request";
import { apiSendSpec } from "@/lib/api/message-spec";
import { runAction } from "@/lib/actions/run";
import { sendSpec } from "@/lib/mail/compose-specs";
import { describeDelivery } from "@/lib/mail/delivery-status";
import { isValidInsMatricule } from "@/lib/mail/ins";
import { formatIns } from "@/lib/mail/patient-address";
import { blobStore } from "@/lib/storage/blobs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";
import { startBorder } from "./smtp-border";
import { tokenFor } from "./token-fixture";

describe("INS matricule of a patient address", () => {
  it.each(["255081416802538", "294037512000591", "284052A32102552", "279035121518989"])("accepts %s", (ins) =>
    expect(isValidInsMatricule(ins)).toBe(true),
  );
  it.each([
    ["a wrong key", "255081416802539"],
    ["too short", "25508141680253"],
    ["too long", "2550814168025380"],
    ["a letter outside 2A/2B", "284052C32102552"],
    ["2A read as 20, not 19, for the key", "284052A32102525"],
    ["a key of 98", "255081416802598"],
    ["a sex digit that is no sex (key right)", "455081416802535"],
    ["month 13 (key right)", "255131416802521"],
  ])("refuses %s", (_, ins) => expect(isValidInsMatricule(ins)).toBe(false));
  it("takes a key of 97 when the 13 digits are a multiple of 97", () => {
    expect(1550814168016 % 97).toBe(0);
    expect(isValidInsMatricule("155081416801697")).toBe(true);
    expect(isValidInsMatricule("155081416801600")).toBe(false);
  });
});

describe("what the patients' operator answers, and how a patient is named", () => {
  const failed = (recipient: string, lastError: string) =>
    describeDelivery({
      messageId: "m",
      recipient,
      status: "failed",
      attempts: 1,
      lastError,
      nextAttemptAt: new Date(),
      deliveredAt: null,
      readAt: null,
    });

  it.each([
    ["550 5.1.1 Patient inconnu", "échec : patient non trouvé"],
    ["550 5.2.1 Mailbox disabled", "échec : messagerie du patient fermée"],
    ["552 5.3.4 Message too big", "échec : message trop volumineux pour un patient (25 Mo au plus)"],
    ["550 5.7.1 Opposition", "échec : le patient s'est opposé à recevoir des messages"],
    ["554 5.6.0 Something else", "échec"],
  ])("a patient's copy refused with « %s » reads « %s », the answer kept", (answer, label) => {
    const view = failed("255081416802538@patient.mssante.fr", answer);
    expect(view.label).toBe(label);
    expect(view.detail).toContain(answer);
  });

  it("keeps the plain « échec » for a professional refused with the same code", () => {
    expect(failed("antoine.leroy@medecin.mssante.fr", "550 5.1.1 Unknown user").label).toBe("échec");
  });

  it("writes an INS as a NIR is read", () => {
    expect(formatIns("255081416802538@patient.mssante.fr")).toBe("2 55 08 14 168 025 38");
    expect(formatIns("284052a32102552@patient.mssante.fr")).toBe("2 84 05 2A 321 025 52");
  });
});

describe(`conversations with patients (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let border: Awaited<ReturnType<typeof startBorder>>;
  const patient = "255081416802538@patient.mssante.fr";

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    border = await startBorder(db);
  });
  afterAll(() => border.close());

  const conversation = async (mailboxId: string, address = patient) =>
    (
      await db
        .select()
        .from(patientConversations)
        .where(and(eq(patientConversations.mailboxId, mailboxId), eq(patientConversations.patientAddress, address)))
    )[0];
  const jeanWrites = async (fields: Record<string, unknown>) =>
    runAction(db, await principalOf(db, d.jean), meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: patient,
      subject: "Résultats",
      body: ".",
      ...fields,
    });
  /** The patient's answer, as the patients' operator delivers it over SMTP. */
  const patientReplies = (to: string, from = patient) =>
    nodemailer
      .createTransport({ host: "127.0.0.1", port: border.port, requireTLS: true, tls: { rejectUnauthorized: false } })
      .sendMail({ from, to, subject: "RE: Résultats", text: "Merci docteur." })
      .then(
        (info) => ({ code: 250, response: info.response }),
        (error: { responseCode?: number; response?: string }) => ({ code: error.responseCode, response: error.response }),
      );
  const headerOfLastSend = async (name: string) => {
    const [row] = await db.select().from(outbox).where(eq(outbox.recipient, patient)).orderBy(desc(outbox.createdAt)).limit(1);
    return (await simpleParser((await blobStore.get(db, row.rawSha256))!)).headers.get(name);
  };
  const lastRefusal = async () =>
    (await db.select().from(auditLog).where(eq(auditLog.action, "transport.receive")).orderBy(desc(auditLog.id)).limit(1))[0];

  it("only a professional opens one: a patient writing first is refused with 550 and audited", async () => {
    const refused = await patientReplies(d.jeanBox.address, "294037512000591@patient.mssante.fr");
    expect(refused.code).toBe(550);
    expect(refused.response).toContain("aucune conversation ouverte");
    expect(await lastRefusal()).toMatchObject({ result: "refused", reason: "patient_not_allowed" });
  });

  it("opens on the professional's message; the patient's reply is delivered, to that box only", async () => {
    expect(await jeanWrites({})).toMatchObject({ ok: true });
    expect(await conversation(d.jeanBox.id)).toMatchObject({ state: "open", closedAt: null });
    expect(await headerOfLastSend("x-mss-mes")).toBeUndefined();
    expect((await patientReplies(d.jeanBox.address)).code).toBe(250);
    const [reply] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.fromAddress, patient)));
    expect(reply.subject).toBe("RE: Résultats");
    // Another box of the same structure never wrote to this patient.
    expect((await patientReplies(d.cardio.address)).code).toBe(550);
  });

  it("closes on « Bloquer la réponse du patient » (X-MSS-MES: FIN); a reply after is refused; the next message reopens", async () => {
    expect(await jeanWrites({ closePatient: "on" })).toMatchObject({ ok: true });
    expect(await headerOfLastSend("x-mss-mes")).toBe("FIN");
    const closed = await conversation(d.jeanBox.id);
    expect(closed).toMatchObject({ state: "closed", closedByUserId: d.jean.id });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect((await patientReplies(d.jeanBox.address)).code).toBe(550);

    expect(await jeanWrites({ subject: "Nouvel épisode" })).toMatchObject({ ok: true });
    const reopened = await conversation(d.jeanBox.id);
    expect(reopened).toMatchObject({ state: "open", closedAt: null, closedByUserId: null });
    expect(reopened.openedAt.getTime()).toBeGreaterThanOrEqual(closed.closedAt!.getTime());
    expect((await patientReplies(d.jeanBox.address)).code).toBe(250);
  });

  it("closes on a subject of exactly [FIN], and not on one that merely contains it", async () => {
    expect(await jeanWrites({ subject: "Suite [FIN] du traitement" })).toMatchObject({ ok: true });
    expect((await conversation(d.jeanBox.id)).state).toBe("open");
    expect(await jeanWrites({ subject: "[FIN]" })).toMatchObject({ ok: true });
    expect((await conversation(d.jeanBox.id)).state).toBe("closed");
    expect(await headerOfLastSend("x-mss-mes")).toBe("FIN");
  });

  it("refuses two patients in one message, closing without a patient, and more than 25 MB to a patient, changing nothing", async () => {
    const before = await db.select().from(patientConversations);
    expect(await jeanWrites({ to: `${patient}, 294037512000591@patient.mssante.fr` })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await jeanWrites({ to: "claire.martin@msp-duval.mssante.fr", closePatient: "on" })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    expect(await db.select().from(patientConversations)).toEqual(before);
    const token = (await tokenFor(db, d.app.id, d.sophie.id)).actor;
    const big = {
      mailboxId: d.app.id,
      to: [patient],
      subject: "Imagerie",
      body: ".",
      attachments: [
        { name: "a.dcm", bytes: Buffer.alloc(13 * 1024 * 1024) },
        { name: "b.dcm", bytes: Buffer.alloc(13 * 1024 * 1024) },
      ],
    };
    const tooBig = await runAction(db, token, meta, apiSendSpec, {
      ...big,
      idempotency: { key: crypto.randomUUID(), fingerprint: fingerprintOf(big) },
    });
    expect(tooBig).toMatchObject({ ok: false, code: "too_large" });
  });

  it("software writes from its applicative box: the patient may answer the organisational box its Reply-To names", async () => {
    const other = "294037512000591@patient.mssante.fr";
    const token = (await tokenFor(db, d.app.id, d.sophie.id)).actor;
    const fields = { mailboxId: d.app.id, to: [other], subject: "Compte rendu", body: "." };
    expect(
      await runAction(db, token, meta, apiSendSpec, { ...fields, idempotency: { key: crypto.randomUUID(), fingerprint: "x" } }),
    ).toMatchObject({
      ok: true,
    });
    expect(await conversation(d.cardio.id, other)).toMatchObject({ state: "open" });
    expect((await patientReplies(d.cardio.address, other)).code).toBe(250);
    // Closed by software: the token is named.
    const closing = { ...fields, closeConversation: true };
    expect(
      await runAction(db, token, meta, apiSendSpec, { ...closing, idempotency: { key: crypto.randomUUID(), fingerprint: "y" } }),
    ).toMatchObject({
      ok: true,
    });
    expect(await conversation(d.cardio.id, other)).toMatchObject({ state: "closed", closedByTokenId: token.tokenId });
    expect((await patientReplies(d.cardio.address, other)).code).toBe(550);
  });
});
