import { and, arrayContains, eq, isNull, ne, or } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { delegations, mailboxes, users } from "@/db/schema";
import { unreadCounts } from "./messages";
import { listAccess, liveDelegation, type MailboxAccess } from "@/lib/authz/access";
import { can, type ReadAccess } from "@/lib/authz/permissions";
import { personName } from "@/lib/people";

/**
 * The boxes the person may open, with her unread count in Réception, and
 * whether she manages delegations anywhere (for the header link). Her rights
 * come from `db`; the counts, a list read, from `reads` (lib/read-your-writes.ts),
 * and are returned whole so a mail page's sidebar takes its box's from them.
 * `held`: her rights when the page reads them already.
 */
export async function mailboxesForSwitcher(
  db: Queryable,
  userId: string,
  reads: Queryable = db,
  held: Promise<MailboxAccess[]> = listAccess(db, userId),
) {
  const all = await held;
  const readable = all.filter((a) => can(a, "mailbox.read"));
  const counts = await unreadCounts(reads, userId, readable);
  const unread = new Map(counts.filter((c) => c.folder === "inbox").map((c) => [c.mailboxId, c.unread]));
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
    counts,
  };
}

/** The people who can read a box (holder, responsible, live delegates with `read`): whom a message can be assigned to. */
export async function boxMembers(db: Queryable, access: ReadAccess) {
  const mailboxId = access.mailbox.id;
  const rows = await db
    .selectDistinct({ id: users.id, firstName: users.firstName, lastName: users.lastName, civility: users.civility })
    .from(users)
    .innerJoin(mailboxes, eq(mailboxes.id, mailboxId))
    .leftJoin(delegations, and(eq(delegations.mailboxId, mailboxId), eq(delegations.userId, users.id), liveDelegation()))
    .where(
      and(
        isNull(users.disabledAt),
        or(
          and(eq(mailboxes.type, "PER"), eq(mailboxes.holderUserId, users.id)),
          and(ne(mailboxes.type, "PER"), eq(mailboxes.responsibleUserId, users.id)),
          arrayContains(delegations.rights, ["read"]),
        ),
      ),
    )
    .orderBy(users.lastName, users.firstName);
  return rows.map((u) => ({ id: u.id, name: personName(u) }));
}
