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
    })
    .from(mailboxes)
    .innerJoin(users, and(eq(users.id, userId), isNull(users.disabledAt)))
    .leftJoin(delegations, and(eq(delegations.mailboxId, mailboxes.id), eq(delegations.userId, userId), liveDelegation()))
    .$dynamic();
}

type AccessRow = Awaited<ReturnType<typeof selectAccess>>[number];

/** Holders of a nominative box and the responsible of a shared box hold
 *  every right; anyone else holds what a live delegation grants. */
function toAccess(row: AccessRow, userId: string): MailboxAccess | null {
  const { holderUserId, responsibleUserId, rights, ...mailbox } = row;
  if (mailbox.type === "PER" && holderUserId === userId) return { mailbox, via: "holder", rights: new Set(RIGHTS) };
  if (mailbox.type !== "PER" && responsibleUserId === userId)
    return { mailbox, via: "responsible", rights: new Set(RIGHTS) };
  if (rights && rights.length > 0) return { mailbox, via: "delegation", rights: new Set(rights as Right[]) };
  return null;
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

/** Every mailbox the user holds or has a live delegation on. */
export async function listAccess(db: Queryable, userId: string): Promise<MailboxAccess[]> {
  const rows = await selectAccess(db, userId)
    .where(
      or(
        and(eq(mailboxes.type, "PER"), eq(mailboxes.holderUserId, userId)),
        and(ne(mailboxes.type, "PER"), eq(mailboxes.responsibleUserId, userId)),
        isNotNull(delegations.id),
      ),
    )
    .orderBy(mailboxes.type, mailboxes.address);
  return rows.map((row) => toAccess(row, userId)).filter((a): a is MailboxAccess => a !== null);
}
