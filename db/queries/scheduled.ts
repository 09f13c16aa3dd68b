import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { scheduledSends } from "@/db/schema";
import type { ReadAccess } from "@/lib/authz/permissions";

/** The send put off for this draft of the box, if any: when it goes, or why it did not. */
export async function scheduleOf(db: Queryable, access: ReadAccess, draftId: string) {
  const [row] = await db
    .select({ id: scheduledSends.id, sendAt: scheduledSends.sendAt, failure: scheduledSends.failure })
    .from(scheduledSends)
    .where(and(eq(scheduledSends.mailboxId, access.mailbox.id), eq(scheduledSends.draftId, draftId)));
  return row ?? null;
}
