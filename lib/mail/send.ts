import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable, Tx } from "@/db/client";
import { attachments, mailboxes, messageReads, messages, type AddressEntry } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import type { AuditEntry } from "@/lib/audit/write";
import { auditActor, type Actor } from "@/lib/auth/actor";
import type { MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { addAttachment, attachedBytes, copyAttachments, withContent } from "./attachments";
import { newMessageId, storeCopy, type MessageCopy, type MssDocumentHeaders } from "./deliver";
import { composedHtml } from "./composed-html";
import { hostedBoxes, receive } from "./inbound";
import { buildReceipt } from "./mdn";
import { buildMime } from "./mime";
import { queueRemote } from "./outbound";
import { closesConversation, PATIENT_MESSAGE_BYTES, recordConversation } from "./patients";
import type { Recipient } from "./trust-space";

export type Threading = { inReplyTo: string | null; references: string[] };

export type Outgoing = {
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  body: string;
  /** Written with formatting: the cleaned HTML, `body` being its text part. */
  html?: string | null;
  threading: Threading;
  /** The draft whose attachments go with the message. */
  attachmentsOf?: string | null;
  /** Or files sent with it directly (the API), stored on the sent copy within the same limits. */
  files?: { name: string; bytes: Buffer }[];
  /** Set when an IHE_XDM archive of CDA documents goes with it. */
  mss?: MssDocumentHeaders | null;
  /** Ask for a read receipt (RFC 8098). */
  receipt?: boolean;
  /** "Bloquer la réponse du patient": the message ends the conversation with its patient (X-MSS-MES: FIN). */
  closePatient?: boolean;
};

/** In-Reply-To and References for an answer to one of the box's messages (our id), or none. */
export async function threadingFor(tx: Tx, mailboxId: string, replyTo: string | null | undefined): Promise<Threading> {
  if (!replyTo) return { inReplyTo: null, references: [] };
  const [parent] = await tx
    .select({ messageId: messages.messageId, references: messages.references })
    .from(messages)
    .where(and(eq(messages.id, replyTo), eq(messages.mailboxId, mailboxId)));
  if (!parent) throw new ActionError("not_found", fr.errors.notFound);
  return { inReplyTo: parent.messageId, references: [...parent.references, parent.messageId] };
}

const entry = (r: Recipient): AddressEntry => ({ address: r.address, name: r.name });

/**
 * Hand a message to its recipients, inside the caller's transaction: the
 * boxes hosted here through the inbound gate (the one path every copy
 * takes), everyone else through the outbound queue, as one RFC 5322 message
 * built once. `envelopeFrom` is where a bounce goes: the sending box, or
 * nobody for a report (RFC 3464 §2, RFC 8098 §3).
 */
export async function deliver(
  tx: Queryable,
  copy: MessageCopy,
  addresses: string[],
  {
    actor,
    sentId = null,
    envelopeFrom = copy.from.address,
    attachmentsOf,
    receiptTo = null,
    reportFor = null,
  }: {
    actor: Pick<AuditEntry, "actorUserId" | "actorTokenId">;
    sentId?: string | null;
    envelopeFrom?: string;
    attachmentsOf?: string | null;
    receiptTo?: string | null;
    reportFor?: string | null;
  },
) {
  const files = attachmentsOf ? await tx.select().from(attachments).where(eq(attachments.messageId, attachmentsOf)) : [];
  const arrival = await receive(tx, {
    copy,
    recipients: addresses,
    files: { of: attachmentsOf ?? null },
    receiptTo,
    reportFor,
    actor,
  });
  const remote = arrival.unknown;
  if (remote.length > 0) {
    // A read receipt leaves as the RFC 8098 report the other operator's software reads; anything else as the message written.
    const raw = reportFor
      ? await buildReceipt(copy, reportFor)
      : await buildMime({
          ...copy,
          text: copy.bodyText,
          originalHtml: copy.html?.original,
          date: copy.sentAt ?? new Date(),
          receiptTo,
          replyTo: copy.replyTo ?? [],
          mss: copy.mss ?? null,
          endsConversation: copy.endsConversation ?? false,
          attachments: await withContent(tx, files),
        });
    await queueRemote(tx, { raw, envelopeFrom, recipients: remote, sentCopyId: sentId });
  }
  return {
    copyIds: arrival.copies.map((c) => c.copyId),
    receipts: arrival.audit,
    local: arrival.copies.length,
    remote: remote.length,
    remoteRecipients: remote,
    files,
  };
}

/**
 * A message to a patient (docs/domain.md §3): one patient, 25 MB at most, and
 * closing only where there is a patient to close with. Whether it closes the
 * conversation is returned; nothing is written here.
 */
async function patientRules(tx: Tx, message: Outgoing) {
  const patients = [...message.to, ...message.cc, ...message.bcc].filter((r) => r.kind === "patient");
  const t = fr.patients.errors;
  if (patients.length === 0) {
    if (message.closePatient) throw new ActionError("invalid_input", t.closeWithoutPatient, { closePatient: [t.closeWithoutPatient] });
    return null;
  }
  if (new Set(patients.map((p) => p.address)).size > 1) throw new ActionError("invalid_input", t.onePatient, { to: [t.onePatient] });
  const files = message.files
    ? message.files.reduce((sum, f) => sum + f.bytes.length, 0)
    : message.attachmentsOf
      ? await attachedBytes(tx, message.attachmentsOf)
      : 0;
  if (files + Buffer.byteLength(message.body) > PATIENT_MESSAGE_BYTES)
    throw new ActionError("too_large", t.tooLarge(PATIENT_MESSAGE_BYTES));
  return { patient: patients[0].address, closing: closesConversation(message.subject, Boolean(message.closePatient)) };
}

const linked = alias(mailboxes, "linked");

/** Where answers to a box's messages go: an applicative box names the organisational box linked to it. */
export async function replyToOf(tx: Queryable, box: MailboxAccess["mailbox"]): Promise<AddressEntry[]> {
  if (box.type !== "APP") return [];
  const [row] = await tx
    .select({ address: linked.address, name: linked.displayName })
    .from(mailboxes)
    .innerJoin(linked, eq(linked.id, mailboxes.linkedMailboxId))
    .where(eq(mailboxes.id, box.id));
  return row ? [row] : [];
}

/**
 * Send from a box, inside the caller's transaction: the box's copy in
 * Envoyés, a copy in the Réception of every recipient box hosted here, an
 * outbox entry for every other one. Bcc stays on the sender's copy only.
 * The author is a person, or the software of an applicative box.
 */
export async function sendMessage(tx: Tx, { access, author, message }: { access: MailboxAccess; author: Actor; message: Outgoing }) {
  const box = access.mailbox;
  const patient = await patientRules(tx, message);
  // Anyone but a nominative box's own holder is shown as Sender: (docs/domain.md §1); software is the box itself.
  const onBehalf = author.type === "person" && access.via !== "holder";
  const receiptTo = message.receipt ? box.address : null;
  const copy: MessageCopy = {
    messageId: newMessageId(box.address),
    ...message.threading,
    from: { address: box.address, name: box.displayName },
    sender: onBehalf ? { address: box.address, name: author.name, userId: author.userId } : null,
    to: message.to.map(entry),
    cc: message.cc.map(entry),
    bcc: message.bcc.map(entry),
    replyTo: await replyToOf(tx, box),
    subject: message.subject,
    bodyText: message.body,
    html: message.html ? composedHtml(message.html) : null,
    mss: message.mss ?? null,
    endsConversation: patient?.closing ?? false,
    sentAt: new Date(),
  };
  const sentId = await storeCopy(tx, box.id, "sent", copy, { receivedAt: copy.sentAt!, receiptTo });
  for (const file of message.files ?? []) await addAttachment(tx, sentId, file);
  const addresses = [...new Set([...message.to, ...message.cc, ...message.bcc].map((r) => r.address))];
  const delivered = await deliver(tx, copy, addresses, {
    actor: auditActor(author),
    sentId,
    // Files sent directly are on the sent copy already; a draft's move there after.
    attachmentsOf: message.files?.length ? sentId : message.attachmentsOf,
    receiptTo,
  });
  if (message.attachmentsOf) await copyAttachments(tx, message.attachmentsOf, [sentId]);
  if (patient) {
    // The patient answers the box written from, or the one its Reply-To names when it is hosted here.
    const replyBoxes = [
      ...(
        await hostedBoxes(
          tx,
          copy.replyTo!.map((r) => r.address),
        )
      ).values(),
    ].map((h) => h.landsIn);
    await recordConversation(tx, {
      boxIds: [box.id, ...replyBoxes],
      patient: patient.patient,
      closing: patient.closing,
      closedBy: auditActor(author),
    });
  }
  // The sender's read mark adds to her Envoyés counter, one row every send of hers from this box updates
  // (folder_reads): written last, that row stays locked only until the commit, not through the whole delivery.
  if (author.type === "person") await tx.insert(messageReads).values({ messageId: sentId, userId: author.userId });
  // What the audit row says of it: a state, never the patient's address.
  const patientState = patient ? (patient.closing ? ("closed" as const) : ("open" as const)) : null;
  return { sentId, messageId: copy.messageId, patientState, sentAt: copy.sentAt!, recipients: addresses, ...delivered };
}
