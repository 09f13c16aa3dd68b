import { and, eq, inArray } from "drizzle-orm";
import type { Queryable, Tx } from "@/db/client";
import { mailboxes, messages, outbox, type AddressEntry } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import type { AuditEntry } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import type { MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { blobStore } from "@/lib/storage/blobs";
import { copyAttachments } from "./attachments";
import { newMessageId, storeCopy, type MessageCopy } from "./deliver";
import { buildMime } from "./mime";
import type { Recipient } from "./trust-space";

export type Threading = { inReplyTo: string | null; references: string[] };

export type Outgoing = {
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  body: string;
  threading: Threading;
  /** The draft whose attachments go with the message. */
  attachmentsOf?: string | null;
  /** Ask for a read receipt (RFC 8098). */
  receipt?: boolean;
};

/** In-Reply-To and References for an answer to one of the box's messages (our id), or none. */
export async function threadingFor(tx: Tx, mailboxId: string, replyTo: string | null | undefined): Promise<Threading> {
  if (!replyTo) return { inReplyTo: null, references: [] };
  const [parent] = await tx
    .select({ messageId: messages.messageId, references: messages.references })
    .from(messages)
    .where(and(eq(messages.id, replyTo), eq(messages.mailboxId, mailboxId)));
  if (!parent) throw new ActionError(fr.errors.notFound);
  return { inReplyTo: parent.messageId, references: [...parent.references, parent.messageId] };
}

const entry = (r: Recipient): AddressEntry => ({ address: r.address, name: r.name });

/**
 * Deliver a copy to each hosted box among the addresses, and queue one
 * RFC 5322 message (built once, stored once) for all the others.
 * Returns the copies made and the traces of each delivery.
 */
export async function deliver(
  tx: Queryable,
  copy: MessageCopy,
  addresses: string[],
  {
    actorUserId,
    attachmentsOf,
    receiptTo = null,
    reportFor = null,
  }: { actorUserId: string; attachmentsOf?: string | null; receiptTo?: string | null; reportFor?: string | null },
) {
  const hosted = addresses.length
    ? await tx.select({ id: mailboxes.id, address: mailboxes.address }).from(mailboxes).where(inArray(mailboxes.address, addresses))
    : [];
  const hostedIds = new Map(hosted.map((m) => [m.address, m.id]));
  const receipts: AuditEntry[] = [];
  const copyIds: string[] = [];
  for (const address of addresses) {
    const mailboxId = hostedIds.get(address);
    if (!mailboxId) continue;
    const copyId = await storeCopy(tx, mailboxId, "inbox", { ...copy, bcc: [] }, { receivedAt: copy.sentAt ?? undefined, receiptTo, reportFor });
    copyIds.push(copyId);
    receipts.push({ actorUserId, mailboxId, action: "message.receive", target: copyId, result: "success", metadata: { from: copy.from.address } });
  }
  const files = attachmentsOf ? await copyAttachments(tx, attachmentsOf, copyIds) : [];
  const remote = addresses.filter((a) => !hostedIds.has(a));
  if (remote.length > 0) {
    const raw = await buildMime({
      ...copy,
      text: copy.bodyText,
      date: copy.sentAt ?? new Date(),
      receiptTo,
      attachments: await Promise.all(
        files.map(async (f) => ({ filename: f.filename, contentType: f.contentType, content: (await blobStore.get(tx, f.sha256))! })),
      ),
    });
    const rawSha256 = await blobStore.put(tx, raw);
    await tx.insert(outbox).values(remote.map((recipient) => ({ recipient, rawSha256 })));
  }
  return { copyIds, receipts, local: hostedIds.size, remote: remote.length, files };
}

/**
 * Send from a box, inside the caller's transaction: the box's copy in
 * Envoyés, a copy in the Réception of every recipient box hosted here, an
 * outbox entry for every other one. Bcc stays on the sender's copy only.
 */
export async function sendMessage(tx: Tx, { access, principal, message }: { access: MailboxAccess; principal: Principal; message: Outgoing }) {
  const box = access.mailbox;
  // Anyone but a nominative box's own holder is shown as Sender: (domain.md §1).
  const onBehalf = access.via !== "holder";
  const receiptTo = message.receipt ? box.address : null;
  const copy: MessageCopy = {
    messageId: newMessageId(box.address),
    ...message.threading,
    from: { address: box.address, name: box.displayName },
    sender: onBehalf ? { address: box.address, name: principal.name, userId: principal.userId } : null,
    to: message.to.map(entry),
    cc: message.cc.map(entry),
    bcc: message.bcc.map(entry),
    subject: message.subject,
    bodyText: message.body,
    sentAt: new Date(),
  };
  const sentId = await storeCopy(tx, box.id, "sent", copy, { readBy: principal.userId, receivedAt: copy.sentAt!, receiptTo });
  const addresses = [...new Set([...message.to, ...message.cc, ...message.bcc].map((r) => r.address))];
  const delivered = await deliver(tx, copy, addresses, { actorUserId: principal.userId, attachmentsOf: message.attachmentsOf, receiptTo });
  if (message.attachmentsOf) await copyAttachments(tx, message.attachmentsOf, [sentId]);
  return { sentId, recipients: addresses, ...delivered };
}
