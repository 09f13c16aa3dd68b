import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messages } from "@/db/schema";
import type { ReadAccess } from "@/lib/authz/permissions";
import { isUuid } from "@/lib/ids";
import { deliveriesOf, type RecipientDelivery } from "./deliveries";

/** A recipient's state as software reads it: landed here or taken by the other operator (delivered), waiting, retried, refused. */
export type RecipientStatus = {
  address: string;
  state: "delivered" | "queued" | "deferred" | "failed";
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  /** The other operator's answer (or the connection's error) for a retry or a failure. */
  response: string | null;
  /** When the recipient's read receipt came back, if asked for and sent. */
  readAt: string | null;
};

function remoteStatus(row: RecipientDelivery): RecipientStatus {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const base = { address: row.recipient, deliveredAt: iso(row.deliveredAt), readAt: iso(row.readAt), nextAttemptAt: null, response: null };
  if (row.status === "sent") return { ...base, state: "delivered" };
  if (row.status === "failed") return { ...base, state: "failed", response: row.lastError };
  if (row.attempts === 0) return { ...base, state: "queued" };
  return { ...base, state: "deferred", nextAttemptAt: row.nextAttemptAt.toISOString(), response: row.lastError };
}

/** A sent message of the box and each recipient's state: those hosted here got their copy when it was sent. */
export async function sentMessageStatus(db: Queryable, access: ReadAccess, id: string) {
  if (!isUuid(id)) return null;
  const [sent] = await db
    .select({
      id: messages.id,
      messageId: messages.messageId,
      sentAt: messages.sentAt,
      to: messages.to,
      cc: messages.cc,
      bcc: messages.bcc,
    })
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.mailboxId, access.mailbox.id), eq(messages.folder, "sent")));
  if (!sent) return null;
  // Outbox rows hold the envelope address lower-cased, as the inbound gate compares them.
  const remote = new Map(
    ((await deliveriesOf(db, access, [sent.id])).get(sent.id) ?? []).map((row) => [row.recipient.toLowerCase(), remoteStatus(row)]),
  );
  const addresses = [...new Set([...sent.to, ...sent.cc, ...sent.bcc].map((a) => a.address))];
  return {
    id: sent.id,
    messageId: sent.messageId,
    sentAt: sent.sentAt?.toISOString() ?? null,
    recipients: addresses.map(
      (address): RecipientStatus =>
        remote.get(address.toLowerCase()) ?? {
          address,
          state: "delivered",
          deliveredAt: sent.sentAt?.toISOString() ?? null,
          nextAttemptAt: null,
          response: null,
          readAt: null,
        },
    ),
  };
}
