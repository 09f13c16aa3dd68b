import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { mailboxes, messages, outbox } from "@/db/schema";
import type { AuditEntry } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import type { MailboxAccess } from "@/lib/authz/permissions";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { newMessageId, storeCopy, type MessageCopy } from "./deliver";
import type { Recipient } from "./trust-space";

export type Outgoing = {
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  body: string;
  threading: Threading;
};

export type Threading = { inReplyTo: string | null; references: string[] };

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

const entry = (r: Recipient) => ({ address: r.address, name: r.name });

/**
 * Send from a box, inside the caller's transaction: the box's copy in
 * Envoyés, a copy in the Réception of every recipient box hosted here, an
 * outbox row for every other one. Bcc stays on the sender's copy only.
 * Returns the traces of each delivery for the caller to write with its own.
 */
export async function sendMessage(
  tx: Tx,
  { access, principal, message }: { access: MailboxAccess; principal: Principal; message: Outgoing },
) {
  const box = access.mailbox;
  // Anyone but a nominative box's own holder is shown as Sender: (domain.md §1).
  const onBehalf = access.via !== "holder";
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

  const sentId = await storeCopy(tx, box.id, "sent", copy, { readBy: principal.userId, receivedAt: copy.sentAt! });

  const all = [...message.to, ...message.cc, ...message.bcc];
  const addresses = [...new Set(all.map((r) => r.address))];
  const hosted = await tx
    .select({ id: mailboxes.id, address: mailboxes.address })
    .from(mailboxes)
    .where(inArray(mailboxes.address, addresses));
  const hostedIds = new Map(hosted.map((m) => [m.address, m.id]));
  const delivered = { ...copy, bcc: [] };
  const receipts: AuditEntry[] = [];
  for (const address of addresses) {
    const mailboxId = hostedIds.get(address);
    if (!mailboxId) continue;
    const copyId = await storeCopy(tx, mailboxId, "inbox", delivered, { receivedAt: copy.sentAt! });
    receipts.push({ actorUserId: principal.userId, mailboxId, action: "message.receive", target: copyId, result: "success", metadata: { from: box.address } });
  }
  const remote = addresses.filter((a) => !hostedIds.has(a));
  if (remote.length > 0) await tx.insert(outbox).values(remote.map((recipient) => ({ messageId: sentId, recipient })));

  return { sentId, local: hostedIds.size, remote: remote.length, recipients: addresses, receipts };
}
