import { and, eq, gt, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiTokens, delegations, mailboxes, users } from "@/db/schema";
import type { Actor, TokenActor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/ids";
import { RIGHTS, type Right } from "./permissions";

/**
 * What a user holds on one mailbox, read from the database for this request.
 * Only this module builds one (the class is exported as a type, never as a
 * value), so a query taking it cannot be handed a box nobody checked: not an
 * id, not an object literal, not a copy with another box spread in (a copy
 * loses the private member that makes the type nominal).
 */
class MailboxAccess {
  declare private readonly resolved: true;
  constructor(
    readonly mailbox: Readonly<{
      id: string;
      address: string;
      type: "PER" | "ORG" | "APP" | "CAB";
      displayName: string;
      structureId: string;
    }>,
    /** The strongest ground of the rights: holder, responsible, delegation, structure manager, or the box's API token. */
    readonly via: "holder" | "responsible" | "delegation" | "manager" | "token",
    readonly rights: ReadonlySet<Right>,
  ) {}
}
export type { MailboxAccess };

/** A delegation counts only between its start and end, and until revoked:
 *  expiry needs no job, it is part of every read. */
export const liveDelegation = () =>
  and(
    isNull(delegations.revokedAt),
    lte(delegations.validFrom, sql`now()`),
    or(isNull(delegations.validUntil), gt(delegations.validUntil, sql`now()`)),
  );

/** What an access tells of its box. */
const boxColumns = {
  id: mailboxes.id,
  address: mailboxes.address,
  type: mailboxes.type,
  displayName: mailboxes.displayName,
  structureId: mailboxes.structureId,
};

function selectAccess(db: Queryable, userId: string) {
  return db
    .select({
      ...boxColumns,
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

/** What people may hold on an applicative box: its management (tokens, link), never its mail. */
const APP_PERSON_RIGHTS: readonly Right[] = ["manage"];

/** What a token may do on its own applicative box: send, and follow what it sent. */
const TOKEN_RIGHTS: readonly Right[] = ["read", "send"];

/**
 * Holders of a nominative box and the responsible of a shared box hold every
 * right; a live delegation grants its rights; the structure's managers manage
 * (grant and revoke on) its shared boxes without reading them. An applicative
 * box is software's: people only manage it, its mail goes to the linked box.
 */
function toAccess(row: AccessRow, userId: string): MailboxAccess | null {
  const { holderUserId, responsibleUserId, rights, userRole, userStructureId, ...mailbox } = row;
  const isPer = mailbox.type === "PER";
  const grounds: [MailboxAccess["via"], readonly Right[]][] = [];
  if (isPer && holderUserId === userId) grounds.push(["holder", RIGHTS]);
  if (!isPer && responsibleUserId === userId) grounds.push(["responsible", RIGHTS]);
  if (rights && rights.length > 0) grounds.push(["delegation", rights as Right[]]);
  if (!isPer && userRole === "manager" && userStructureId === mailbox.structureId) grounds.push(["manager", ["manage"]]);
  const held = grounds.flatMap(([, r]) => r).filter((r) => mailbox.type !== "APP" || APP_PERSON_RIGHTS.includes(r));
  if (held.length === 0) return null;
  return new MailboxAccess(mailbox, grounds[0][0], new Set(held));
}

/** A token's box, if the token is still live: revoked or expired, it holds nothing from the next request on. */
async function tokenAccess(db: Queryable, actor: TokenActor, mailboxId: string): Promise<MailboxAccess | null> {
  if (!isUuid(mailboxId) || mailboxId !== actor.mailboxId) return null;
  const [mailbox] = await db
    .select(boxColumns)
    .from(mailboxes)
    .innerJoin(apiTokens, eq(apiTokens.mailboxId, mailboxes.id))
    .where(
      and(
        eq(mailboxes.id, mailboxId),
        eq(mailboxes.type, "APP"),
        eq(apiTokens.id, actor.tokenId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  return mailbox ? new MailboxAccess(mailbox, "token", new Set(TOKEN_RIGHTS)) : null;
}

/** What this actor holds on a box: a person through `loadAccess`, a token on its own box only. */
export function loadActorAccess(db: Queryable, actor: Actor, mailboxId: string): Promise<MailboxAccess | null> {
  return actor.type === "person" ? loadAccess(db, actor.userId, mailboxId) : tokenAccess(db, actor, mailboxId);
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
