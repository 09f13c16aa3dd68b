import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { defineStructureAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";

const t = fr.people.errors;
const personInput = z.object({ userId: z.uuid(fr.errors.notFound) });

/** A person of the manager's own structure, locked for the change; anyone else reads as missing. */
async function memberOf(tx: Tx, structureId: string, userId: string) {
  const [person] = await tx
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.structureId, structureId)))
    .for("update");
  if (!person) throw new ActionError("not_found", fr.errors.notFound);
  return person;
}

/**
 * Disabling ends the person's open sessions in the same transaction: every
 * request re-reads the session, so she is out on her next click, and enabling
 * her again later does not bring those sessions back.
 */
export const disablePersonSpec = defineStructureAction({
  action: "person.disable",
  permission: "structure.manage",
  schema: personInput,
  async run({ tx, input, principal, structureId }) {
    if (input.userId === principal.userId) throw new ActionError("not_allowed", t.self);
    const person = await memberOf(tx, structureId, input.userId);
    if (person.disabledAt) throw new ActionError("conflict", t.alreadyDisabled);
    await tx
      .update(users)
      .set({ disabledAt: sql`now()` })
      .where(eq(users.id, person.id));
    const ended = await tx
      .update(sessions)
      .set({ endedAt: sql`now()` })
      .where(and(eq(sessions.userId, person.id), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    return { target: person.id, metadata: { sessionsEnded: ended.length }, redirectTo: "/personnes?notice=disabled" };
  },
});

export const enablePersonSpec = defineStructureAction({
  action: "person.enable",
  permission: "structure.manage",
  schema: personInput,
  async run({ tx, input, structureId }) {
    const person = await memberOf(tx, structureId, input.userId);
    if (!person.disabledAt) throw new ActionError("conflict", t.alreadyEnabled);
    await tx.update(users).set({ disabledAt: null }).where(eq(users.id, person.id));
    return { target: person.id, redirectTo: "/personnes?notice=enabled" };
  },
});
