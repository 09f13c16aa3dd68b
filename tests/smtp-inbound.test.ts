import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, auditLog, messages, outbox } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { sendReceiptSpec, sendSpec } from "@/lib/mail/compose-specs";
import { readReport } from "@/lib/mail/reports";
import { blobStore } from "@/lib/storage/blobs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";
import { startBorder } from "./smtp-border";

/** A peer operator's client: STARTTLS always (the test server's certificate is self-signed). */
function peer(port: number, options: { ignoreTLS?: boolean } = {}) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    requireTLS: !options.ignoreTLS,
    ignoreTLS: options.ignoreTLS,
    tls: { rejectUnauthorized: false, minVersion: "TLSv1.2" },
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { responseCode?: number; response?: string }) => ({ code: error.responseCode, response: error.response }),
  );

describe(`the SMTP border (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let border: Awaited<ReturnType<typeof startBorder>>;
  let port: number;
  const maxBytes = 200_000;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    border = await startBorder(db, { maxBytes });
    port = border.port;
  });
  afterAll(() => border.close());

  const inboxOf = (mailboxId: string, messageId: string) =>
    db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, mailboxId), eq(messages.messageId, messageId)));

  it("accepts a trusted sender's message for a hosted box, with its attachment, and answers 250 once committed", async () => {
    const info = await peer(port).sendMail({
      from: "Dr Paul Martin <paul.martin@ch-ailleurs.mssante.fr>",
      to: d.jeanBox.address,
      subject: "Compte rendu de consultation",
      text: "Bonjour, ci-joint le compte rendu.",
      messageId: "<cr-1@ch-ailleurs.mssante.fr>",
      headers: { "Disposition-Notification-To": "paul.martin@ch-ailleurs.mssante.fr" },
      attachments: [{ filename: "compte-rendu.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n") }],
    });
    expect(info.response).toMatch(/^250 2\.0\.0 Message recu et enregistre \(1 boite\)/);
    const [copy] = await inboxOf(d.jeanBox.id, "<cr-1@ch-ailleurs.mssante.fr>");
    expect(copy).toMatchObject({
      folder: "inbox",
      fromAddress: "paul.martin@ch-ailleurs.mssante.fr",
      subject: "Compte rendu de consultation",
      receiptTo: "paul.martin@ch-ailleurs.mssante.fr",
    });
    const files = await db.select().from(attachments).where(eq(attachments.messageId, copy.id));
    expect(files).toMatchObject([{ filename: "compte-rendu.pdf", contentType: "application/pdf" }]);
    const traces = await db.select().from(auditLog).where(eq(auditLog.action, "transport.receive"));
    expect(traces.at(-1)).toMatchObject({ result: "success", target: copy.id, ip: "127.0.0.1" });
  });

  it("files a message at its arrival, whatever date its sender wrote, and keeps that date as sent", async () => {
    for (const [id, date] of [
      ["<late-clock@ch-ailleurs.mssante.fr>", new Date(Date.now() - 60_000)],
      ["<future-clock@ch-ailleurs.mssante.fr>", new Date("2031-01-01T08:00:00Z")],
    ] as const) {
      const before = Date.now();
      await peer(port).sendMail({
        from: "paul.martin@ch-ailleurs.mssante.fr",
        to: d.jeanBox.address,
        subject: "Horloge",
        text: "Envoyé par un serveur dont l'horloge dérive.",
        messageId: id,
        date,
      });
      const [copy] = await inboxOf(d.jeanBox.id, id);
      expect(copy.sentAt?.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
      expect(copy.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(copy.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it("delivers a Message-ID once per box when the sender retries", async () => {
    const mail = {
      from: "labo@ch-ailleurs.mssante.fr",
      to: [d.cardio.address, d.jeanBox.address],
      subject: "Résultats",
      text: "x",
      messageId: "<retry-1@ch-ailleurs.mssante.fr>",
    };
    await peer(port).sendMail(mail);
    await peer(port).sendMail(mail);
    expect(await inboxOf(d.cardio.id, mail.messageId)).toHaveLength(1);
    expect(await inboxOf(d.jeanBox.id, mail.messageId)).toHaveLength(1);
  });

  it("puts mail for an applicative box in its linked organisational box", async () => {
    await peer(port).sendMail({
      from: "sih@ch-ailleurs.mssante.fr",
      to: d.app.address,
      subject: "Intégration",
      text: "ok",
      messageId: "<app-1@ch-ailleurs.mssante.fr>",
    });
    expect(await inboxOf(d.app.linkedMailboxId!, "<app-1@ch-ailleurs.mssante.fr>")).toHaveLength(1);
    expect(await inboxOf(d.app.id, "<app-1@ch-ailleurs.mssante.fr>")).toHaveLength(0);
  });

  it("refuses MAIL FROM before STARTTLS with 530", async () => {
    const refused = await failure(
      peer(port, { ignoreTLS: true }).sendMail({ from: "labo@ch-ailleurs.mssante.fr", to: d.jeanBox.address, text: "x" }),
    );
    expect(refused).toMatchObject({ code: 530, response: expect.stringContaining("STARTTLS") });
  });

  it("refuses a sender outside the trust space with 550 and a clear text", async () => {
    const refused = await failure(peer(port).sendMail({ from: "someone@gmail.com", to: d.jeanBox.address, text: "x" }));
    expect(refused).toMatchObject({
      code: 550,
      response: expect.stringContaining("gmail.com n'appartient pas a l'espace de confiance MSSante"),
    });
  });

  it("refuses an unknown local recipient with 550 and keeps nothing", async () => {
    const refused = await failure(
      peer(port).sendMail({
        from: "labo@ch-ailleurs.mssante.fr",
        to: "personne@ch-troispics.mssante.fr",
        text: "x",
        messageId: "<unknown-1@x.mssante.fr>",
      }),
    );
    expect(refused).toMatchObject({ code: 550, response: expect.stringContaining("Destinataire inconnu") });
    expect(await db.select().from(messages).where(eq(messages.messageId, "<unknown-1@x.mssante.fr>"))).toHaveLength(0);
  });

  it("refuses a message over the size limit with 552, however the client announces it", async () => {
    const refused = await failure(
      peer(port).sendMail({
        from: "labo@ch-ailleurs.mssante.fr",
        to: d.jeanBox.address,
        text: "x".repeat(maxBytes + 10),
        messageId: "<big-1@x.mssante.fr>",
      }),
    );
    expect(refused?.code).toBe(552);
    expect(await db.select().from(messages).where(eq(messages.messageId, "<big-1@x.mssante.fr>"))).toHaveLength(0);
    const reasons = (await db.select({ reason: auditLog.reason }).from(auditLog).where(eq(auditLog.action, "transport.receive"))).map(
      (r) => r.reason,
    );
    expect(reasons).toEqual(expect.arrayContaining(["tls_required", "untrusted_sender", "unknown_recipient", "too_large"]));
  });

  /** Jean's message to a colleague at another operator: its sent copy and its queued delivery. */
  async function sentAbroad(subject: string) {
    const jean = await principalOf(db, d.jean);
    const sent = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: "confrere@ch-ailleurs.mssante.fr",
      subject,
      body: "Bonjour, voici le compte rendu.",
    });
    expect(sent.ok).toBe(true);
    const [copy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.folder, "sent"), eq(messages.subject, subject)));
    const [queued] = await db.select().from(outbox).where(eq(outbox.messageId, copy.id));
    return { copy, queued };
  }

  /** What another operator's server writes back: a report with the null sender (RFC 6522). */
  const report = (reportType: string, human: string, machine: string, originalMessageId: string) =>
    [
      "From: Mail Delivery System <mailer-daemon@ch-ailleurs.mssante.fr>",
      `To: ${d.jeanBox.address}`,
      `Subject: ${human}`,
      `Message-ID: <${crypto.randomUUID()}@ch-ailleurs.mssante.fr>`,
      `In-Reply-To: ${originalMessageId}`,
      "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=${reportType}; boundary="b"`,
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      human,
      "--b",
      `Content-Type: message/${reportType}`,
      "",
      machine,
      "--b",
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: ${originalMessageId}`,
      "--b--",
      "",
    ].join("\r\n");

  it("an incoming delivery report marks the recipient failed with the remote answer, and lands in the box", async () => {
    const { copy, queued } = await sentAbroad("Rapport de non-remise");
    expect(queued).toMatchObject({ status: "pending", recipient: "confrere@ch-ailleurs.mssante.fr" });
    const dsn = report(
      "delivery-status",
      "Votre message n'a pas pu être remis.",
      [
        "Reporting-MTA: dns; mx.ch-ailleurs.mssante.fr",
        "",
        "Final-Recipient: rfc822; confrere@ch-ailleurs.mssante.fr",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 Boite inconnue",
      ].join("\r\n"),
      copy.messageId,
    );
    await peer(port).sendMail({ envelope: { from: "", to: [d.jeanBox.address] }, raw: dsn });
    const [after] = await db.select().from(outbox).where(eq(outbox.id, queued.id));
    expect(after).toMatchObject({ status: "failed", lastError: "550 5.1.1 Boite inconnue" });
    const [landed] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, "Votre message n'a pas pu être remis.")));
    expect(landed).toMatchObject({ folder: "inbox" });
  });

  it("an incoming read receipt marks the sent message read, and the recipient it names", async () => {
    const { copy, queued } = await sentAbroad("Avec accusé de lecture");
    expect(copy.readReceiptAt).toBeNull();
    const mdn = report(
      "disposition-notification",
      "Votre message a été lu.",
      [
        "Reporting-UA: mx.ch-ailleurs.mssante.fr",
        "Final-Recipient: rfc822; confrere@ch-ailleurs.mssante.fr",
        `Original-Message-ID: ${copy.messageId}`,
        "Disposition: manual-action/MDN-sent-manually; displayed",
      ].join("\r\n"),
      copy.messageId,
    );
    await peer(port).sendMail({ envelope: { from: "", to: [d.jeanBox.address] }, raw: mdn });
    const [after] = await db.select().from(messages).where(eq(messages.id, copy.id));
    expect(after.readReceiptAt).toBeInstanceOf(Date);
    expect((await db.select().from(outbox).where(eq(outbox.id, queued.id)))[0].readAt).toEqual(after.readReceiptAt);
  });

  it("the null sender is no way around the liste blanche: its From must be of the trust space", async () => {
    const forged = [
      "From: Support <support@gmail.com>",
      `To: ${d.jeanBox.address}`,
      "Subject: Réinitialisez votre mot de passe",
      "Message-ID: <forged-1@gmail.com>",
      "",
      "Cliquez ici.",
      "",
    ].join("\r\n");
    const refused = await failure(peer(port).sendMail({ envelope: { from: "", to: [d.jeanBox.address] }, raw: forged }));
    expect(refused).toMatchObject({ code: 550 });
    expect(refused?.response).toContain("gmail.com");
    expect(await inboxOf(d.jeanBox.id, "<forged-1@gmail.com>")).toHaveLength(0);
  });

  it("a receipt answered here for a message from another operator leaves as an RFC 8098 report from the null sender", async () => {
    await peer(port).sendMail({
      from: "Dr Paul Martin <paul.martin@ch-ailleurs.mssante.fr>",
      to: d.jeanBox.address,
      subject: "Merci de confirmer la lecture",
      text: "Bonjour.",
      messageId: "<ask-receipt-1@ch-ailleurs.mssante.fr>",
      headers: { "Disposition-Notification-To": "paul.martin@ch-ailleurs.mssante.fr" },
    });
    const [copy] = await inboxOf(d.jeanBox.id, "<ask-receipt-1@ch-ailleurs.mssante.fr>");
    const jean = await principalOf(db, d.jean);
    expect(await runAction(db, jean, meta, sendReceiptSpec, { mailboxId: d.jeanBox.id, messageId: copy.id })).toMatchObject({ ok: true });
    const [queued] = await db.select().from(outbox).where(eq(outbox.recipient, "paul.martin@ch-ailleurs.mssante.fr"));
    expect(queued).toMatchObject({ envelopeFrom: "", status: "pending" });
    const raw = (await blobStore.get(db, queued.rawSha256))!;
    expect(raw.toString()).toMatch(/^Content-Type: multipart\/report;\s+report-type=disposition-notification/im);
    expect(raw.toString()).toMatch(/^Auto-Submitted: auto-replied/im);
    expect(await readReport(raw)).toEqual({
      kind: "disposition",
      originalMessageId: "<ask-receipt-1@ch-ailleurs.mssante.fr>",
      // Who read it: the writer's side marks this recipient "lu le …".
      recipient: d.jeanBox.address,
      displayed: true,
    });
  });
});
