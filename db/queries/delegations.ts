import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { structureMembers } from "./people";
import { managedBoxTokens } from "./tokens";
import { delegations, mailboxes, structures, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { listAccess } from "@/lib/authz/access";
import { can, hasRolePermission } from "@/lib/authz/permissions";
import { grantableRights } from "@/lib/delegations/rules";
import { personName } from "@/lib/people";
import { templatesOf } from "./templates";

const grantee = alias(users, "grantee");
const granter = alias(users, "granter");
const responsible = alias(users, "responsible");
const holder = alias(users, "holder");
const linked = alias(mailboxes, "linked");

/**
 * The boxes this person manages delegations on (her structure's shared boxes
 * for a manager, any box she holds `manage` on), each with its live and
 * scheduled grants and the rights she may grant on it, and an applicative
 * box's API tokens.
 */
export async function delegationsOverview(db: Queryable, principal: Principal) {
  const managed = (await listAccess(db, principal.userId)).filter((a) => can(a, "delegation.manage"));
  const ids = managed.map((a) => a.mailbox.id);
  if (ids.length === 0) return [];
  const [boxes, grants, tokens] = await Promise.all([
    db
      .select({
        id: mailboxes.id,
        description: mailboxes.description,
        signatureHtml: mailboxes.signatureHtml,
        linkedAddress: linked.address,
        responsible: { firstName: responsible.firstName, lastName: responsible.lastName, civility: responsible.civility },
        holder: { firstName: holder.firstName, lastName: holder.lastName, civility: holder.civility },
      })
      .from(mailboxes)
      .leftJoin(responsible, eq(responsible.id, mailboxes.responsibleUserId))
      .leftJoin(holder, eq(holder.id, mailboxes.holderUserId))
      .leftJoin(linked, eq(linked.id, mailboxes.linkedMailboxId))
      .where(inArray(mailboxes.id, ids)),
    db
      .select({
        id: delegations.id,
        mailboxId: delegations.mailboxId,
        userId: delegations.userId,
        rights: delegations.rights,
        validFrom: delegations.validFrom,
        validUntil: delegations.validUntil,
        grantee: { firstName: grantee.firstName, lastName: grantee.lastName, civility: grantee.civility },
        granter: { firstName: granter.firstName, lastName: granter.lastName, civility: granter.civility },
      })
      .from(delegations)
      .innerJoin(grantee, eq(grantee.id, delegations.userId))
      .leftJoin(granter, eq(granter.id, delegations.grantedBy))
      .where(and(inArray(delegations.mailboxId, ids), isNull(delegations.revokedAt)))
      .orderBy(asc(grantee.lastName), asc(grantee.firstName)),
    managedBoxTokens(db, managed),
  ]);
  const templates = await templatesOf(db, managed);
  const details = new Map(boxes.map((b) => [b.id, b]));
  const now = Date.now();
  return managed.map((access) => {
    const box = details.get(access.mailbox.id)!;
    return {
      ...access.mailbox,
      description: box.description,
      linkedAddress: box.linkedAddress,
      responsibleName: box.responsible ? personName(box.responsible) : null,
      holderName: box.holder ? personName(box.holder) : null,
      grantable: [...grantableRights(principal, access)],
      /** An applicative box's API tokens; null for other boxes. */
      tokens: tokens.get(access.mailbox.id) ?? null,
      /** Its own signature (null: drawn from the annuaire); software boxes sign nothing. */
      signatureHtml: access.mailbox.type === "APP" ? undefined : box.signatureHtml,
      /** Its « réponses types »; software boxes write none. */
      templates: access.mailbox.type === "APP" ? null : templates.filter((m) => m.mailboxId === access.mailbox.id),
      grants: grants
        .filter((g) => g.mailboxId === access.mailbox.id)
        .map((g) => ({
          id: g.id,
          userId: g.userId,
          rights: g.rights,
          validFrom: g.validFrom,
          validUntil: g.validUntil,
          granteeName: personName(g.grantee),
          granterName: g.granter ? personName(g.granter) : null,
          status: g.validUntil && g.validUntil.getTime() <= now ? "expired" : g.validFrom.getTime() > now ? "scheduled" : "active",
        })) as {
        id: string;
        userId: string;
        rights: string[];
        validFrom: Date;
        validUntil: Date | null;
        granteeName: string;
        granterName: string | null;
        status: "expired" | "scheduled" | "active";
      }[],
    };
  });
}

/** Active people of the structure, for the grant picker and the responsible picker. */
export async function structurePeople(db: Queryable, structureId: string) {
  return (await structureMembers(db, structureId)).filter((p) => !p.disabledAt);
}

/** For a manager: the structure, its shared boxes (link targets). */
export async function managedStructure(db: Queryable, principal: Principal) {
  if (!hasRolePermission(principal, "structure.manage")) return null;
  const [structure] = await db.select().from(structures).where(eq(structures.id, principal.structureId));
  const orgBoxes = await db
    .select({ id: mailboxes.id, address: mailboxes.address, displayName: mailboxes.displayName })
    .from(mailboxes)
    .where(and(eq(mailboxes.structureId, principal.structureId), eq(mailboxes.type, "ORG")))
    .orderBy(asc(mailboxes.address));
  return { id: structure.id, name: structure.name, domain: structure.domain, orgBoxes };
}
