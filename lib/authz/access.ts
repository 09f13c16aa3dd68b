import { and, eq, gt, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { delegations, mailboxes, users } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { RIGHTS, type MailboxAccess, type Right } from "./permissions";

/** A delegation counts only between its start and end, and until revoked:
 *  expiry needs no job, it is part of every read. */
export const liveDelegation = () =>
  and(
    isNull(delegations.revokedAt),
    lte(delegations.validFrom, sql`now()`),
    or(isNull(delegations.validUntil), gt(delegations.validUntil, sql`now()`)),
  );

function selectAccess(db: Queryable, userId: string) {
  return db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      type: mailboxes.type,
      displayName: mailboxes.displayName,
      structureId: mailboxes.structureId,
      holderUserId: mailboxes.holderUserId,
      responsibleUserId: mailboxes.responsibleUserId,
      rights: delegations.rights,
      userRole: users.role,
      userStructureId: users.structureId,
    })
    .from(mailboxes)
    .innerJoin(users, and(eq(users.id, userId), isNull(users.disabledAt)))
    .leftJoin(delegations, and(eq(delegations.mailboxId, mailboxes.id), eq(delegations.userId, userId), liveDelegation()))
    .$dynamic();
}

type AccessRow = Awaited<ReturnType<typeof selectAccess>>[number];

/**
 * Holders of a nominative box and the responsible of a shared box hold every
 * right; a live delegation grants its rights; the structure's managers manage
 * (grant and revoke on) its shared boxes without reading them.
 */
function toAccess(row: AccessRow, userId: string): MailboxAccess | null {
  const { holderUserId, responsibleUserId, rights, userRole, userStructureId, ...mailbox } = row;
  const isPer = mailbox.type === "PER";
  const grounds: [MailboxAccess["via"], readonly Right[]][] = [];
  if (isPer && holderUserId === userId) grounds.push(["holder", RIGHTS]);
  if (!isPer && responsibleUserId === userId) grounds.push(["responsible", RIGHTS]);
  if (rights && rights.length > 0) grounds.push(["delegation", rights as Right[]]);
  if (!isPer && userRole === "manager" && userStructureId === mailbox.structureId) grounds.push(["manager", ["manage"]]);
  if (grounds.length === 0) return null;
  return { mailbox, via: grounds[0][0], rights: new Set(grounds.flatMap(([, r]) => r)) };
}

/**
 * The one resolver of "what may this user do on this mailbox", re-read from
 * the database on every request. A disabled user holds nothing; an id that is
 * not even a uuid is as missing as any other.
 */
export async function loadAccess(db: Queryable, userId: string, mailboxId: string): Promise<MailboxAccess | null> {
  if (!isUuid(mailboxId)) return null;
  const [row] = await selectAccess(db, userId).where(eq(mailboxes.id, mailboxId)).limit(1);
  return row ? toAccess(row, userId) : null;
}

/** Every mailbox the user has any right on; callers filter by the permission they need. */
export async function listAccess(db: Queryable, userId: string): Promise<MailboxAccess[]> {
  const rows = await selectAccess(db, userId)
    .where(
      or(
        and(eq(mailboxes.type, "PER"), eq(mailboxes.holderUserId, userId)),
        and(ne(mailboxes.type, "PER"), eq(mailboxes.responsibleUserId, userId)),
        isNotNull(delegations.id),
        and(eq(users.role, "manager"), eq(mailboxes.structureId, users.structureId), ne(mailboxes.type, "PER")),
      ),
    )
    .orderBy(mailboxes.type, mailboxes.address);
  return rows.map((row) => toAccess(row, userId)).filter((a): a is MailboxAccess => a !== null);
}
