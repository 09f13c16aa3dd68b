import { and, count, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messages } from "@/db/schema";
import { unreadFor } from "./messages";
import { listAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";

/**
 * The boxes the person may open, with her unread count in Réception, and
 * whether she manages delegations anywhere (for the header link).
 */
export async function mailboxesForSwitcher(db: Queryable, userId: string) {
  const all = await listAccess(db, userId);
  const readable = all.filter((a) => can(a, "mailbox.read"));
  const ids = readable.map((a) => a.mailbox.id);
  const counts = ids.length
    ? await db
        .select({ mailboxId: messages.mailboxId, unread: count() })
        .from(messages)
        .where(and(inArray(messages.mailboxId, ids), eq(messages.folder, "inbox"), unreadFor(db, userId)))
        .groupBy(messages.mailboxId)
    : [];
  const unread = new Map(counts.map((c) => [c.mailboxId, c.unread]));
  return {
    boxes: readable.map((a) => ({
      id: a.mailbox.id,
      address: a.mailbox.address,
      displayName: a.mailbox.displayName,
      type: a.mailbox.type,
      canSend: can(a, "message.send"),
      canEdit: can(a, "message.edit"),
      unread: unread.get(a.mailbox.id) ?? 0,
    })),
    managesDelegations: all.some((a) => can(a, "delegation.manage")),
  };
}
