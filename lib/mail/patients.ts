import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { patientConversations } from "@/db/schema";
import type { AuditEntry } from "@/lib/audit/write";
import type { HostedBox } from "./inbound";
import { isPatientAddress } from "./patient-address";

/** At most this much per message to a patient, attachments included (docs/domain.md §3). */
export const PATIENT_MESSAGE_BYTES = 25 * 1024 * 1024;

export { isPatientAddress };

/** The professional ends the exchange: the explicit choice (X-MSS-MES: FIN), or a subject of exactly "[FIN]". */
export const closesConversation = (subject: string, close: boolean) => close || subject.trim() === "[FIN]";

/**
 * A professional's message to a patient, inside its transaction: the
 * conversation of each box the patient may answer (the sending box, and the
 * box its Reply-To names) is opened, or reopened for a new episode, or closed.
 */
export async function recordConversation(
  tx: Queryable,
  {
    boxIds,
    patient,
    closing,
    closedBy,
  }: { boxIds: string[]; patient: string; closing: boolean; closedBy: Pick<AuditEntry, "actorUserId" | "actorTokenId"> },
) {
  const state = closing
    ? {
        state: "closed" as const,
        closedAt: sql`now()`,
        closedByUserId: closedBy.actorUserId,
        closedByTokenId: closedBy.actorTokenId ?? null,
      }
    : { state: "open" as const, closedAt: null, closedByUserId: null, closedByTokenId: null };
  for (const mailboxId of new Set(boxIds)) {
    await tx
      .insert(patientConversations)
      .values({ mailboxId, patientAddress: patient.toLowerCase(), ...state })
      .onConflictDoUpdate({
        target: [patientConversations.mailboxId, patientConversations.patientAddress],
        // A message after a closing starts a new episode; one while open keeps the episode's start.
        set: closing
          ? state
          : {
              ...state,
              openedAt: sql`case when ${patientConversations.state} = 'closed' then now() else ${patientConversations.openedAt} end`,
            },
      });
  }
}

/**
 * The one rule for mail from a patient (docs/domain.md §3): it enters a box
 * only on a conversation still open with that box, or with the box it lands
 * in (an applicative box's organisational box, named in its Reply-To).
 */
export async function patientMayWrite(db: Queryable, patient: string, box: HostedBox): Promise<boolean> {
  const [open] = await db
    .select({ mailboxId: patientConversations.mailboxId })
    .from(patientConversations)
    .where(
      and(
        inArray(patientConversations.mailboxId, [...new Set([box.mailboxId, box.landsIn])]),
        eq(patientConversations.patientAddress, patient.toLowerCase()),
        eq(patientConversations.state, "open"),
      ),
    )
    .limit(1);
  return Boolean(open);
}
