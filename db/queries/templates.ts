import { asc, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { replyTemplates } from "@/db/schema";
import type { Granted, ReadAccess } from "@/lib/authz/permissions";

export type TemplateView = { id: string; mailboxId: string; name: string; body: string };

/**
 * The « réponses types » of these boxes, by name: compose offers those of the boxes one writes from, the
 * Délégations screen those of the boxes one manages (a manager need not read a box to keep its templates).
 */
export async function templatesOf(db: Queryable, boxes: readonly (ReadAccess | Granted<"delegation.manage">)[]): Promise<TemplateView[]> {
  if (boxes.length === 0) return [];
  return db
    .select({ id: replyTemplates.id, mailboxId: replyTemplates.mailboxId, name: replyTemplates.name, body: replyTemplates.body })
    .from(replyTemplates)
    .where(
      inArray(
        replyTemplates.mailboxId,
        boxes.map((b) => b.mailbox.id),
      ),
    )
    .orderBy(asc(replyTemplates.name));
}
