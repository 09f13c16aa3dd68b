/**
 * Bulk triage timed in process, through the runner every server action uses (guard re-read from the
 * database, zod, one transaction with the change and its audit rows): 1,000 messages of a box's Réception
 * moved to Archives then the move undone, and the same 1,000 marked read then unread. Each pair leaves the
 * box as it found it, so every run changes the same rows.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, users } from "@/db/schema";
import { runAction, type ActionResult } from "@/lib/actions/run";
import { bulkMarkReadSpec, bulkMarkUnreadSpec, bulkMoveSpec, MAX_SELECTED, undoMoveSpec } from "@/lib/mail/triage-specs";
import { meta, principalOf } from "@/tests/fixtures";
import { stats } from "./bench-kit";

export async function timeBulkTriage(db: Db, person: typeof users.$inferSelect, mailboxId: string, runs: number, warm = 3) {
  const principal = await principalOf(db, person);
  const id = (
    await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.mailboxId, mailboxId), eq(messages.folder, "inbox")))
      .orderBy(desc(messages.receivedAt), desc(messages.id))
      .limit(MAX_SELECTED)
  ).map((r) => r.id);
  const times: Record<"move" | "undo" | "read" | "unread", number[]> = { move: [], undo: [], read: [], unread: [] };
  const time = async (name: keyof typeof times, keep: boolean, run: () => Promise<ActionResult>) => {
    const started = performance.now();
    const result = await run();
    if (!result.ok) throw new Error(`${name}: ${result.code}`);
    if (keep) times[name].push(performance.now() - started);
    return result;
  };
  for (let i = 0; i < warm + runs; i++) {
    const keep = i >= warm;
    const moved = await time("move", keep, () => runAction(db, principal, meta, bulkMoveSpec, { mailboxId, id, to: "archive" }));
    if (moved.result?.count !== id.length) throw new Error(`moved ${moved.result?.count} of ${id.length}`);
    await time("undo", keep, () => runAction(db, principal, meta, undoMoveSpec, { mailboxId, batchId: moved.result?.batchId }));
    await time("read", keep, () => runAction(db, principal, meta, bulkMarkReadSpec, { mailboxId, id }));
    await time("unread", keep, () => runAction(db, principal, meta, bulkMarkUnreadSpec, { mailboxId, id }));
  }
  return {
    bulk_move_1000: stats(times.move),
    undo_move_1000: stats(times.undo),
    bulk_mark_read_1000: stats(times.read),
    bulk_mark_unread_1000: stats(times.unread),
  };
}
