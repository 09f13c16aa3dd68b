import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messages, outbox } from "@/db/schema";
import type { Report } from "./reports";

/**
 * What a report from another operator changes here, in the transaction that
 * stores it: a delivery failure (or delay) shown on the sent message's
 * recipient, a read receipt marking the sent copy — and the recipient it
 * names — "Lu le …". Only the sent copies of the boxes the report was
 * addressed to are touched.
 */
export async function applyReport(tx: Queryable, report: Report, boxIds: string[]) {
  if (!report.originalMessageId || boxIds.length === 0) return { updated: 0 };
  const sentCopies = tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.messageId, report.originalMessageId), eq(messages.folder, "sent"), inArray(messages.mailboxId, boxIds)));
  if (report.kind === "disposition") {
    if (!report.displayed) return { updated: 0 };
    const now = new Date();
    const rows = await tx
      .update(messages)
      .set({ readReceiptAt: now })
      .where(and(inArray(messages.id, sentCopies), isNull(messages.readReceiptAt)))
      .returning({ id: messages.id });
    // The reader named by the receipt, among the recipients of those copies: shown "lu le …" beside his delivery.
    if (report.recipient)
      await tx
        .update(outbox)
        .set({ readAt: now })
        .where(and(eq(outbox.recipient, report.recipient), inArray(outbox.messageId, sentCopies), isNull(outbox.readAt)));
    return { updated: rows.length };
  }
  let updated = 0;
  for (const line of report.recipients) {
    // "failed" is final even after the remote server's 250 (it bounced later); "delayed" only says why it is still on its way.
    if (line.action !== "failed" && line.action !== "delayed") continue;
    const rows = await tx
      .update(outbox)
      .set({
        ...(line.action === "failed" ? { status: "failed" as const } : {}),
        lastError: (line.diagnostic ?? line.status).slice(0, 1000),
      })
      .where(and(eq(outbox.recipient, line.address), inArray(outbox.messageId, sentCopies)))
      .returning({ id: outbox.id });
    updated += rows.length;
  }
  return { updated };
}
