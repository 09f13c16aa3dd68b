import { and, eq, isNull, sql } from "drizzle-orm";
import { delegations, mailboxes, structures, users } from "@/db/schema";
import { defineMailboxAction, defineStructureAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { RIGHTS } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { endOfParisDay } from "@/lib/i18n/format";
import { decideRecipient } from "@/lib/mail/trust-space";
import { repeated, text, z } from "@/lib/validation";
import { findGrantee, grantableRights, keepingAManager, liveGrantOf } from "./rules";

const t = fr.delegations.errors;
const ORDER = (rights: readonly string[]) => RIGHTS.filter((r) => rights.includes(r));

const grantInput = z.object({
  mailboxId: z.string(),
  userId: z.uuid(t.unknownPerson),
  rights: repeated()
    .optional()
    .transform((r) => r ?? [])
    .pipe(z.array(z.enum(RIGHTS, t.unknownRight)).min(1, t.noRight)),
  until: z
    .union([z.literal(""), z.iso.date(t.badDate)])
    .optional()
    .transform((day) => (day ? endOfParisDay(day) : null))
    .refine((end) => end === null || end.getTime() > Date.now(), t.pastDate),
});

/** Grant, or change, a person's rights on a box; the previous grant is closed, not edited, so history stays. */
export const grantSpec = defineMailboxAction({
  action: "delegation.grant",
  permission: "delegation.manage",
  schema: grantInput,
  async run({ tx, input, principal, access }) {
    const grantee = await findGrantee(tx, principal, access, input.userId);
    const allowed = grantableRights(principal, access);
    const excess = input.rights.filter((r) => !allowed.has(r));
    if (excess.length > 0) throw new ActionError("not_allowed", t.exceeds, { rights: [t.exceeds] });

    return keepingAManager(tx, access.mailbox.id, async () => {
      const previous = await liveGrantOf(tx, access.mailbox.id, grantee.id);
      if (previous) {
        await tx
          .update(delegations)
          .set({ revokedAt: sql`now()`, revokedBy: principal.userId })
          .where(eq(delegations.id, previous.id));
      }
      // Rights changed on a delegation in force: it goes on from when it began (her unread counts start there).
      const now = Date.now();
      const inForce = previous && previous.validFrom.getTime() <= now && (!previous.validUntil || previous.validUntil.getTime() > now);
      const [grant] = await tx
        .insert(delegations)
        .values({
          mailboxId: access.mailbox.id,
          userId: grantee.id,
          rights: ORDER(input.rights),
          grantedBy: principal.userId,
          validFrom: inForce ? previous.validFrom : undefined,
          validUntil: input.until,
        })
        .returning({ id: delegations.id });
      return {
        target: grant.id,
        metadata: {
          grantee: grantee.id,
          rightsBefore: previous ? ORDER(previous.rights) : [],
          rightsAfter: ORDER(input.rights),
          validUntil: input.until?.toISOString() ?? null,
          replaces: previous?.id ?? null,
        },
        redirectTo: `/delegations?notice=granted#boite-${access.mailbox.id}`,
      };
    });
  },
});

export const revokeSpec = defineMailboxAction({
  action: "delegation.revoke",
  permission: "delegation.manage",
  schema: z.object({ mailboxId: z.string(), delegationId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, principal, access }) {
    const [grant] = await tx
      .select()
      .from(delegations)
      .where(and(eq(delegations.id, input.delegationId), eq(delegations.mailboxId, access.mailbox.id), isNull(delegations.revokedAt)))
      .for("update");
    if (!grant) throw new ActionError("not_found", fr.errors.notFound);
    if (grant.userId === principal.userId) throw new ActionError("not_allowed", t.self);
    await keepingAManager(tx, access.mailbox.id, () =>
      tx
        .update(delegations)
        .set({ revokedAt: sql`now()`, revokedBy: principal.userId })
        .where(eq(delegations.id, grant.id)),
    );
    return {
      target: grant.id,
      metadata: { grantee: grant.userId, rightsBefore: ORDER(grant.rights), rightsAfter: [] },
      redirectTo: `/delegations?notice=revoked#boite-${access.mailbox.id}`,
    };
  },
});

/** Service names: lower case letters, digits, dots, hyphens, underscores; no leading, trailing or double dot. */
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9_-]|\.(?!\.))*[a-z0-9]$|^[a-z0-9]$/;

export const createBoxSpec = defineStructureAction({
  action: "mailbox.create",
  permission: "structure.manage",
  schema: z.object({
    localPart: text().trim().toLowerCase().max(64, t.localPart).regex(LOCAL_PART, t.localPart),
    displayName: text().trim().min(2, t.displayName).max(120, t.displayName),
    description: text().trim().max(500).optional().default(""),
    responsibleUserId: z.uuid(t.responsible),
  }),
  async run({ tx, input, structureId }) {
    const [structure] = await tx.select({ domain: structures.domain }).from(structures).where(eq(structures.id, structureId));
    const decision = decideRecipient(`${input.localPart}@${structure.domain}`);
    if (!decision.ok) throw new ActionError("invalid_input", decision.error, { localPart: [decision.error] });
    const address = decision.recipient.address;
    const [responsible] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, input.responsibleUserId),
          eq(users.structureId, structureId),
          eq(users.role, "professional"),
          isNull(users.disabledAt),
        ),
      );
    if (!responsible) throw new ActionError("invalid_input", t.responsible, { responsibleUserId: [t.responsible] });
    const [created] = await tx
      .insert(mailboxes)
      .values({
        address,
        type: "ORG",
        structureId,
        displayName: input.displayName,
        description: input.description || null,
        responsibleUserId: responsible.id,
      })
      .onConflictDoNothing()
      .returning({ id: mailboxes.id });
    if (!created) throw new ActionError("conflict", t.addressTaken(address), { localPart: [t.addressTaken(address)] });
    return {
      target: created.id,
      mailboxId: created.id,
      metadata: { type: "ORG", responsible: responsible.id },
      redirectTo: `/delegations?notice=created#boite-${created.id}`,
    };
  },
});

/** Point an applicative box's replies and bounces at a shared box of the same structure. */
export const linkAppSpec = defineStructureAction({
  action: "mailbox.link",
  permission: "structure.manage",
  schema: z.object({ appMailboxId: z.uuid(fr.errors.notFound), orgMailboxId: z.uuid(t.linkTarget) }),
  async run({ tx, input, structureId }) {
    const inStructure = (id: string, type: "APP" | "ORG") =>
      tx
        .select({ id: mailboxes.id, linked: mailboxes.linkedMailboxId })
        .from(mailboxes)
        .where(and(eq(mailboxes.id, id), eq(mailboxes.structureId, structureId), eq(mailboxes.type, type)))
        .for("update");
    const [app] = await inStructure(input.appMailboxId, "APP");
    if (!app) throw new ActionError("not_found", fr.errors.notFound);
    const [org] = await inStructure(input.orgMailboxId, "ORG");
    if (!org) throw new ActionError("invalid_input", t.linkTarget, { orgMailboxId: [t.linkTarget] });
    await tx.update(mailboxes).set({ linkedMailboxId: org.id }).where(eq(mailboxes.id, app.id));
    return {
      target: app.id,
      mailboxId: app.id,
      metadata: { linkedBefore: app.linked, linkedAfter: org.id },
      redirectTo: `/delegations?notice=linked#boite-${app.id}`,
    };
  },
});
