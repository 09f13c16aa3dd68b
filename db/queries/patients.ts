import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiTokens, patientConversations, users } from "@/db/schema";
import type { ReadAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { personName } from "@/lib/people";

export type PatientConversationView = {
  patient: string;
  state: "open" | "closed";
  openedAt: Date;
  closedAt: Date | null;
  /** Who closed it: a person's name, or the software's token label. */
  closedBy: string | null;
};

/** This box's conversations with these patients, and who closed them. */
export async function conversationsWith(db: Queryable, access: ReadAccess, patients: string[]): Promise<PatientConversationView[]> {
  if (patients.length === 0) return [];
  const rows = await db
    .select({
      patient: patientConversations.patientAddress,
      state: patientConversations.state,
      openedAt: patientConversations.openedAt,
      closedAt: patientConversations.closedAt,
      person: { firstName: users.firstName, lastName: users.lastName, civility: users.civility },
      token: apiTokens.label,
    })
    .from(patientConversations)
    .leftJoin(users, eq(users.id, patientConversations.closedByUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, patientConversations.closedByTokenId))
    .where(and(eq(patientConversations.mailboxId, access.mailbox.id), inArray(patientConversations.patientAddress, patients)));
  return rows.map(({ person, token, ...row }) => ({
    ...row,
    closedBy:
      person?.firstName && person.lastName
        ? personName({ ...person, firstName: person.firstName, lastName: person.lastName })
        : token
          ? fr.patients.software(token)
          : null,
  }));
}
