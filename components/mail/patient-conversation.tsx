import type { PatientConversationView } from "@/db/queries/patients";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";
import { formatIns } from "@/lib/mail/patient-address";

const t = fr.patients;

/** Whom the thread is with when it is a patient, and whether the patient may still answer. */
export function PatientConversation({ conversations }: { conversations: PatientConversationView[] }) {
  if (conversations.length === 0) return null;
  return (
    <section aria-label={t.region} className="mb-4 space-y-2">
      {conversations.map((c) => (
        <div
          key={c.patient}
          className={`rounded-md border p-3 text-sm ${c.state === "open" ? "border-teal-700 bg-teal-50" : "border-slate-500 bg-slate-100"}`}
        >
          <p className="font-medium">
            <span className="mr-2 rounded-full bg-teal-800 px-2 py-0.5 text-xs font-semibold text-white">{t.badge}</span>
            {t.ins(formatIns(c.patient))} <span className="font-normal text-slate-700">({c.patient})</span>
          </p>
          <p role="status">{c.state === "open" ? t.open(formatDateTime(c.openedAt)) : t.closed(formatDateTime(c.closedAt!), c.closedBy)}</p>
          {c.state === "closed" && <p className="text-slate-700">{t.reopenHint}</p>}
        </div>
      ))}
    </section>
  );
}
