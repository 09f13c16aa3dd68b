import type { Queryable } from "@/db/client";
import { outbox } from "@/db/schema";
import { executorOf, jobQueue, QUEUES } from "@/lib/queue";
import { blobStore } from "@/lib/storage/blobs";

export type DeliveryJob = { outboxId: string };

/**
 * Queue a message for recipients hosted by other operators, inside the
 * caller's transaction: the bytes stored once, one outbox row per recipient
 * (its delivery state, shown to the sender) and one delivery job each, all
 * committed with the message or not at all.
 */
export async function queueRemote(
  tx: Queryable,
  { raw, envelopeFrom, recipients, sentCopyId }: { raw: Buffer; envelopeFrom: string; recipients: string[]; sentCopyId: string | null },
) {
  if (recipients.length === 0) return [];
  const rawSha256 = await blobStore.put(tx, raw);
  const rows = await tx
    .insert(outbox)
    .values(recipients.map((recipient) => ({ recipient, rawSha256, envelopeFrom, messageId: sentCopyId })))
    .returning({ id: outbox.id });
  const queue = jobQueue();
  const db = executorOf(tx);
  for (const row of rows) await queue.send(QUEUES.deliver, { outboxId: row.id } satisfies DeliveryJob, { db });
  return rows.map((r) => r.id);
}

/** The next try of a recipient another operator deferred, queued with the state that says when. */
export async function queueRetry(tx: Queryable, outboxId: string, at: Date) {
  await jobQueue().send(QUEUES.deliver, { outboxId } satisfies DeliveryJob, { db: executorOf(tx), startAfter: at });
}
