import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { scheduledSends, users } from "@/db/schema";
import { defineMailboxAction, runAction, type ActionOutcome } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import type { Principal } from "@/lib/auth/principal";
import type { Granted } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { parisDateTime } from "@/lib/i18n/format";
import { isUuid } from "@/lib/ids";
import { personName } from "@/lib/people";
import { executorOf, jobQueue, QUEUES } from "@/lib/queue";
import { text, z } from "@/lib/validation";
import { draftInput, outgoing, sendOutgoing, writeDraft } from "./compose-specs";
import { decideAll } from "./outgoing-fields";

/** The longest « Annuler l'envoi » a person may choose. */
export const MAX_UNDO_SECONDS = 30;

/** The instance's undo delay when the person chose none (UNDO_SEND_SECONDS, 10 s by default; 0 sends at once). */
export function defaultUndoSeconds(env: Record<string, string | undefined> = process.env) {
  const value = Number(env.UNDO_SEND_SECONDS ?? 10);
  return Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 0), MAX_UNDO_SECONDS) : 10;
}

export type ScheduledJob = { scheduleId: string };

/** What compose posts to send, kept as typed: it is decided again, with the rights of that moment, when it goes. */
const FORM_FIELDS = ["to", "cc", "bcc", "subject", "body", "html", "replyTo", "draftId", "receipt", "closePatient"] as const;
const composeSend = z.object({
  mailboxId: z.string(),
  ...Object.fromEntries(FORM_FIELDS.map((field) => [field, text().max(2_000_000).optional()])),
  /** The person's own delay for « Annuler l'envoi », in seconds (her browser keeps the choice). */
  undoSeconds: z.union([z.literal(""), z.coerce.number().int().min(0).max(MAX_UNDO_SECONDS)]).optional(),
  /** « Envoyer à … »: a Paris wall-clock time from a datetime input. */
  sendAt: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, fr.compose.sendAtInvalid)]).optional(),
}) as z.ZodType<{ mailboxId: string; undoSeconds?: number | ""; sendAt?: string } & Partial<Record<(typeof FORM_FIELDS)[number], string>>>;

/** The form parsed as a send would parse it now; refused with the send's own messages. */
function parsedSend(form: Record<string, string | undefined>) {
  const parsed = outgoing.safeParse({ ...form, mailboxId: "" });
  if (parsed.success) return parsed.data;
  const { fieldErrors, formErrors } = z.flattenError(parsed.error);
  throw new ActionError("invalid_input", formErrors[0] ?? fr.errors.invalidForm, fieldErrors as Record<string, string[]>);
}

/**
 * « Envoyer » in the webmail: at once when the person's undo delay is 0, otherwise put off by that delay (or
 * to the time she chose) — checked now as far as a send can be without sending (the form, the trust space),
 * kept as a draft, and queued. Nothing reaches a box or another operator before then.
 */
export const composeSendSpec = defineMailboxAction({
  action: "message.send",
  permission: "message.send",
  schema: composeSend,
  async run({ tx, input, access, principal }) {
    const { undoSeconds, sendAt, ...form } = input;
    const message = parsedSend(form);
    const delay = undoSeconds === undefined || undoSeconds === "" ? defaultUndoSeconds() : undoSeconds;
    // A send put off waits as a draft: without one, a chosen time is refused rather than ignored.
    if (sendAt && !message.draftId)
      throw new ActionError("invalid_input", fr.compose.sendAtInvalid, { sendAt: [fr.compose.sendAtInvalid] });
    if (!message.draftId || (!sendAt && delay === 0)) return sendOutgoing(tx, { input: message, access, principal });
    const at = sendAt ? parisDateTime(sendAt) : new Date(Date.now() + delay * 1000);
    if (sendAt && !(at.getTime() > Date.now() + 60_000))
      throw new ActionError("invalid_input", fr.compose.sendAtPast, { sendAt: [fr.compose.sendAtPast] });
    await decideAll(tx, { to: message.to, cc: message.cc, bcc: message.bcc });
    const draftMessageId = await writeDraft(tx, {
      input: { ...draftInput.parse({ ...form, mailboxId: "", draftId: message.draftId }) },
      access,
      principal,
    });
    const kept = Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    const [schedule] = await tx
      .insert(scheduledSends)
      .values({
        mailboxId: access.mailbox.id,
        draftId: message.draftId,
        draftMessageId,
        sendAt: at,
        scheduledBy: principal.userId,
        form: kept,
      })
      .onConflictDoUpdate({
        target: [scheduledSends.mailboxId, scheduledSends.draftId],
        set: { draftMessageId, sendAt: at, scheduledBy: principal.userId, form: kept, failure: null },
      })
      .returning({ id: scheduledSends.id });
    await jobQueue().send(QUEUES.scheduledSend, { scheduleId: schedule.id } satisfies ScheduledJob, {
      db: executorOf(tx),
      startAfter: at,
    });
    return {
      action: "message.schedule",
      target: message.draftId,
      metadata: { sendAt: at.toISOString(), later: Boolean(sendAt) },
      redirectTo: sendAt
        ? `/m/${access.mailbox.id}/drafts?notice=scheduled`
        : `/m/${access.mailbox.id}/inbox?notice=undo&schedule=${schedule.id}`,
    } satisfies ActionOutcome;
  },
});

/** The schedule of this box, locked; refused as missing once sent or cancelled. */
async function lockSchedule(tx: Tx, access: Granted<"message.send">, scheduleId: string) {
  const [row] = isUuid(scheduleId)
    ? await tx
        .select()
        .from(scheduledSends)
        .where(and(eq(scheduledSends.id, scheduleId), eq(scheduledSends.mailboxId, access.mailbox.id)))
        .for("update")
    : [];
  return row ?? null;
}

/**
 * « Annuler l'envoi »: the draft stays as it was, back in compose. Too late once the job has sent it: the
 * lock waits for that send to commit, which deleted the schedule with the draft.
 */
export const cancelScheduledSpec = defineMailboxAction({
  action: "message.unschedule",
  permission: "message.send",
  schema: z.object({ mailboxId: z.string(), scheduleId: z.string() }),
  async run({ tx, input, access }) {
    const row = await lockSchedule(tx, access, input.scheduleId);
    if (!row) throw new ActionError("already_sent", fr.compose.tooLateToCancel);
    await tx.delete(scheduledSends).where(eq(scheduledSends.id, row.id));
    return { target: row.draftId, redirectTo: `/m/${access.mailbox.id}/compose?draft=${row.draftId}` };
  },
});

/** The send itself, when its time has come: the rights, the trust space and the form are decided now. */
export const sendScheduledSpec = defineMailboxAction({
  action: "message.send",
  permission: "message.send",
  schema: z.object({ mailboxId: z.string(), scheduleId: z.string() }),
  async run({ tx, input, access, principal }) {
    const row = await lockSchedule(tx, access, input.scheduleId);
    if (!row || row.failure) throw new ActionError("not_found", fr.errors.notFound);
    // Sending deletes the draft, and the schedule with it.
    return sendOutgoing(tx, { input: parsedSend(row.form), access, principal });
  },
});

/**
 * The job: send as the person who asked, as she is now (a disabled account sends nothing). A send refused
 * now (rights withdrawn, a recipient no longer trusted) leaves the draft, marked with the reason.
 */
export async function sendDue(db: Db, { scheduleId }: ScheduledJob) {
  const [row] = await db
    .select({ id: scheduledSends.id, mailboxId: scheduledSends.mailboxId, failure: scheduledSends.failure, person: users })
    .from(scheduledSends)
    .innerJoin(users, eq(users.id, scheduledSends.scheduledBy))
    .where(eq(scheduledSends.id, scheduleId));
  // Cancelled, or sent by a colleague meanwhile: nothing to do.
  if (!row || row.failure) return;
  if (row.person.disabledAt) {
    await db.update(scheduledSends).set({ failure: "account_disabled" }).where(eq(scheduledSends.id, row.id));
    return;
  }
  // The person as she is now; no session: the send was asked for in one that may have ended since.
  const principal: Principal = {
    type: "person",
    userId: row.person.id,
    sessionId: "",
    name: personName(row.person),
    role: row.person.role,
    structureId: row.person.structureId,
  };
  const result = await runAction(db, principal, { ip: null, userAgent: null }, sendScheduledSpec, { mailboxId: row.mailboxId, scheduleId });
  if (!result.ok && result.code !== "already_sent" && result.code !== "unexpected")
    await db
      .update(scheduledSends)
      .set({ failure: result.code ?? "unexpected" })
      .where(eq(scheduledSends.id, row.id));
  if (result.code === "unexpected") throw new Error(`scheduled send ${scheduleId} failed`);
}

/** The worker sending what is due; the queue is started with the delivery workers (lib/smtp/start.ts). */
export async function startScheduledSends(db: Db) {
  const queue = jobQueue();
  const id = await queue.work<ScheduledJob>(QUEUES.scheduledSend, { batchSize: 10, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await sendDue(db, job.data);
  });
  return { stop: () => queue.offWork(id) };
}
