import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messages, sentDrafts, users } from "@/db/schema";
import type { MailboxAccess } from "@/lib/authz/permissions";
import { isUuid } from "@/lib/ids";
import { personName } from "@/lib/people";

/** A draft of this box, by the id the browser gave it; another box's draft ids are not looked at. */
export async function findDraft(db: Queryable, access: MailboxAccess, draftId: string) {
  if (!isUuid(draftId)) return null;
  const [row] = await db
    .select({
      id: messages.id,
      draftId: messages.draftId,
      to: messages.to,
      cc: messages.cc,
      bcc: messages.bcc,
      subject: messages.subject,
      bodyText: messages.bodyText,
      bodyHtml: messages.bodyHtml,
      receiptTo: messages.receiptTo,
      inReplyTo: messages.inReplyTo,
      references: messages.references,
    })
    .from(messages)
    .where(and(eq(messages.mailboxId, access.mailbox.id), eq(messages.draftId, draftId)));
  return row ?? null;
}

/** Who sent this draft id of this box and when, and where its copy is now (null once deleted for good); null if never sent. */
export async function findSentDraft(db: Queryable, access: MailboxAccess, draftId: string) {
  if (!isUuid(draftId)) return null;
  const [row] = await db
    .select({
      sentAt: sentDrafts.sentAt,
      sentBy: sentDrafts.sentBy,
      sender: { firstName: users.firstName, lastName: users.lastName, civility: users.civility },
      copy: { folder: messages.folder, threadId: messages.threadId },
    })
    .from(sentDrafts)
    .innerJoin(users, eq(users.id, sentDrafts.sentBy))
    .leftJoin(messages, eq(messages.id, sentDrafts.messageId))
    .where(and(eq(sentDrafts.mailboxId, access.mailbox.id), eq(sentDrafts.draftId, draftId)));
  return row ? { sentAt: row.sentAt, sentBy: row.sentBy, senderName: personName(row.sender), copy: row.copy } : null;
}
