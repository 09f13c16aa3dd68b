import { and, eq, ne } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messageReads, messages } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import type { ReadAccess } from "@/lib/authz/permissions";
import { isUuid } from "@/lib/ids";
import { listAttachments } from "@/lib/mail/attachments";
import { messageBodyColumns } from "./message-body";

/**
 * One message of one box for its print view: read like opening its thread
 * (marked read for this person, the consultation traced), with its files'
 * names and sizes. A message of another box, a draft or an unknown id is
 * null, its refusal traced as the thread page traces one.
 */
export async function printedMessage(
  db: Queryable,
  { principal, access, messageId, meta }: { principal: Principal; access: ReadAccess; messageId: string; meta: RequestMeta },
) {
  const mailboxId = access.mailbox.id;
  const trace = { actorUserId: principal.userId, mailboxId, action: "message.read" as const };
  return db.transaction(async (tx) => {
    const [row] = isUuid(messageId)
      ? await tx
          .select({
            id: messages.id,
            threadId: messages.threadId,
            folder: messages.folder,
            fromAddress: messages.fromAddress,
            fromName: messages.fromName,
            senderName: messages.senderName,
            to: messages.to,
            cc: messages.cc,
            subject: messages.subject,
            ...messageBodyColumns,
            receivedAt: messages.receivedAt,
          })
          .from(messages)
          .where(and(eq(messages.id, messageId), eq(messages.mailboxId, mailboxId), ne(messages.folder, "drafts")))
      : [];
    if (!row) {
      await writeAudit(tx, meta, { ...trace, target: messageId.slice(0, 100), result: "refused", reason: "not_found" });
      return null;
    }
    await tx.insert(messageReads).values({ messageId: row.id, userId: principal.userId }).onConflictDoNothing();
    await writeAudit(tx, meta, { ...trace, target: row.id, result: "success" });
    return { ...row, attachments: await listAttachments(tx, access, [row.id]) };
  });
}

/** A message as its print view shows it. */
export type PrintedMessage = NonNullable<Awaited<ReturnType<typeof printedMessage>>>;
