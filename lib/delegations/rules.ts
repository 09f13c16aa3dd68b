import { and, arrayContains, count, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { delegations, mailboxes, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import type { Principal } from "@/lib/auth/principal";
import { hasRolePermission, type MailboxAccess, type Right } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";

/** A nominative box is delegated to a secretary for reading, drafts and sending; never its management. */
export const PER_DELEGABLE: readonly Right[] = ["read", "edit", "send"];

/** The structure's managers may grant any right on its shared boxes (management only on an applicative one); anyone else only what she holds. */
export function grantableRights(principal: Principal, access: MailboxAccess): ReadonlySet<Right> {
  // Nobody reads or sends from an applicative box but its software: only its management is delegated.
  if (access.mailbox.type === "APP") return new Set<Right>(access.rights.has("manage") ? ["manage"] : []);
  if (access.mailbox.type === "PER") return new Set(PER_DELEGABLE.filter((r) => access.rights.has(r)));
  if (hasRolePermission(principal, "structure.manage") && principal.structureId === access.mailbox.structureId)
    return new Set<Right>(["read", "edit", "send", "manage"]);
  return access.rights;
}

/** The grantee: an active person of the box's structure, other than the granter. */
export async function findGrantee(tx: Tx, principal: Principal, access: MailboxAccess, userId: string) {
  if (userId === principal.userId)
    throw new ActionError("not_allowed", fr.delegations.errors.self, { userId: [fr.delegations.errors.self] });
  const [person] = await tx
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.structureId, access.mailbox.structureId), isNull(users.disabledAt)));
  if (!person)
    throw new ActionError("invalid_input", fr.delegations.errors.unknownPerson, { userId: [fr.delegations.errors.unknownPerson] });
  return person;
}

/** The live (not revoked) grant of one person on one box, locked for the change. */
export async function liveGrantOf(tx: Tx, mailboxId: string, userId: string) {
  const [grant] = await tx
    .select()
    .from(delegations)
    .where(and(eq(delegations.mailboxId, mailboxId), eq(delegations.userId, userId), isNull(delegations.revokedAt)))
    .for("update");
  return grant ?? null;
}

async function manageHolders(tx: Tx, mailboxId: string) {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(delegations)
    .where(and(eq(delegations.mailboxId, mailboxId), isNull(delegations.revokedAt), arrayContains(delegations.rights, ["manage"])));
  return n;
}

/**
 * A shared box never loses its last manager: with no responsible, the change
 * may not take away the last live `manage` grant. Run inside the change's
 * transaction, around it.
 */
export async function keepingAManager<T>(tx: Tx, mailboxId: string, change: () => Promise<T>): Promise<T> {
  const [box] = await tx
    .select({ type: mailboxes.type, responsibleUserId: mailboxes.responsibleUserId })
    .from(mailboxes)
    .where(eq(mailboxes.id, mailboxId))
    .for("update");
  const guarded = box.type !== "PER" && box.responsibleUserId === null;
  const before = guarded ? await manageHolders(tx, mailboxId) : 0;
  const result = await change();
  if (guarded && before > 0 && (await manageHolders(tx, mailboxId)) === 0)
    throw new ActionError("conflict", fr.delegations.errors.lastManager);
  return result;
}
