import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messages, outbox } from "@/db/schema";
import type { ReadAccess } from "@/lib/authz/permissions";
import { isUuid } from "@/lib/ids";

export type RecipientDelivery = {
  messageId: string;
  recipient: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
};

/**
 * The remote recipients of sent copies of one box and where each delivery
 * stands, by copy. Ids of another box's messages find nothing.
 */
export async function deliveriesOf(db: Queryable, access: ReadAccess, messageIds: string[]) {
  const ids = [...new Set(messageIds.filter(isUuid))];
  const byMessage = new Map<string, RecipientDelivery[]>();
  if (ids.length === 0) return byMessage;
  const rows = await db
    .select({
      messageId: messages.id,
      recipient: outbox.recipient,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      deliveredAt: outbox.deliveredAt,
      readAt: outbox.readAt,
    })
    .from(outbox)
    .innerJoin(messages, eq(messages.id, outbox.messageId))
    .where(and(inArray(outbox.messageId, ids), eq(messages.mailboxId, access.mailbox.id), eq(messages.folder, "sent")))
    .orderBy(asc(outbox.recipient));
  for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
  return byMessage;
}

/** A listed message's recipients in one delivery status: one probe of outbox's message index per row. */
export const recipientsIn = (status: "pending" | "failed") =>
  sql<number>`(select count(*)::int from ${outbox} where ${outbox.messageId} = ${messages.id} and ${outbox.status} = ${status})`;
