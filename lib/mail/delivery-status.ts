import type { RecipientDelivery } from "@/db/queries/deliveries";
import * as fr from "@/lib/i18n/fr-mail";
import { formatDateTime, formatDay, formatTime, parisDay } from "@/lib/i18n/format";
import { isPatientAddress } from "./patient-address";

/** One remote recipient of a sent message as the sender reads it, in French, ready to show (and to send to the browser). */
export type DeliveryView = {
  recipient: string;
  state: "sending" | "retrying" | "delivered" | "failed";
  label: string;
  /** Why it is retried, or the remote server's refusal. */
  detail: string | null;
  read: string | null;
};

/** A refusal by the patients' operator says why in its enhanced status code (RFC 3463): said in French, its answer kept below. */
function failureLabel(row: RecipientDelivery): string {
  const code = isPatientAddress(row.recipient) ? /\b(5\.\d\.\d)\b/.exec(row.lastError ?? "")?.[1] : undefined;
  return (code && fr.delivery.patientFailures[code]) || fr.delivery.failed;
}

/**
 * Not tried yet → en cours d'envoi; deferred → the next try and why; taken by
 * the remote server → remis, with when; refused for good or given up → échec
 * with the server's answer. A retry keeps its announced time even once due:
 * the state changes when the try has been made, not before.
 */
export function describeDelivery(row: RecipientDelivery, now = new Date()): DeliveryView {
  const t = fr.delivery;
  const read = row.readAt ? t.readOn(formatDateTime(row.readAt)) : null;
  const base = { recipient: row.recipient, read };
  if (row.status === "sent") {
    const domain = row.recipient.split("@")[1];
    return { ...base, state: "delivered", label: t.delivered(domain, formatDateTime(row.deliveredAt ?? now)), detail: null };
  }
  if (row.status === "failed")
    return { ...base, state: "failed", label: failureLabel(row), detail: row.lastError && t.response(row.lastError) };
  if (row.attempts === 0) return { ...base, state: "sending", label: t.sending, detail: null };
  const at = row.nextAttemptAt;
  const label = parisDay(at) === parisDay(now) ? t.retrying(formatTime(at)) : t.retryingOn(formatDay(at), formatTime(at));
  return { ...base, state: "retrying", label, detail: row.lastError && t.reason(row.lastError) };
}

/** Every sent copy's recipients described, by copy id. */
export function describeDeliveries(byMessage: Map<string, RecipientDelivery[]>, now = new Date()): Record<string, DeliveryView[]> {
  return Object.fromEntries([...byMessage].map(([id, rows]) => [id, rows.map((row) => describeDelivery(row, now))]));
}

/** Still on its way: the page keeps asking until every recipient is settled. */
export const inFlight = (view: Pick<DeliveryView, "state">) => view.state === "sending" || view.state === "retrying";

/** What the Envoyés list marks: recipients still on their way, and those it failed to reach. */
export function undeliveredCounts(views: Pick<DeliveryView, "state">[]) {
  return { pending: views.filter(inFlight).length, failed: views.filter((v) => v.state === "failed").length };
}
