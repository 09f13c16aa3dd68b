import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import { checkMailbox } from "@/lib/authz/check";
import { isUuid } from "@/lib/ids";
import { cleanFilename, withContent } from "./attachments";
import { buildOriginal } from "./mime";

/**
 * A message as a .eml file (its received HTML as it arrived), for someone
 * with `read` on its box, the download traced; null (and the refusal traced)
 * for anything out of reach, like a message that does not exist.
 */
export async function openOriginal(db: Queryable, principal: Principal, id: string, meta: RequestMeta) {
  if (!isUuid(id)) return null;
  const [message] = await db.select().from(messages).where(eq(messages.id, id));
  const access = message && (await checkMailbox(db, principal, message.mailboxId, "mailbox.read", meta));
  if (!access) return null;
  const files = await db.select().from(attachments).where(eq(attachments.messageId, message.id)).orderBy(attachments.createdAt);
  const content = await buildOriginal({
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    references: message.references,
    from: { address: message.fromAddress, name: message.fromName },
    sender: message.senderAddress ? { address: message.senderAddress, name: message.senderName } : null,
    to: message.to,
    cc: message.cc,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.bodyText,
    originalHtml: message.bodyHtml,
    date: message.sentAt ?? message.receivedAt,
    receiptTo: message.receiptTo,
    attachments: await withContent(db, files),
  });
  await writeAudit(db, meta, {
    actorUserId: principal.userId,
    mailboxId: access.mailbox.id,
    action: "message.export",
    target: message.id,
    result: "success",
  });
  // A subject such as "Bilan 12/11" is a name, not a path.
  return { filename: `${cleanFilename(message.subject.replace(/[\\/]/g, "-") || "message")}.eml`, content };
}
