import Link from "next/link";
import type { AuditFilter } from "@/db/queries/audit";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { fr } from "@/lib/i18n/fr";

const t = fr.audit;
const control = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked or shared. */
export function AuditFilters({
  filter,
  people,
  boxes,
}: {
  filter: AuditFilter;
  people: { id: string; name: string }[];
  boxes: { id: string; address: string }[];
}) {
  return (
    <form
      method="get"
      action="/audit"
      className="grid gap-3 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
      aria-label={t.filter}
    >
      <div>
        <label htmlFor="f-person" className="block text-sm font-medium">
          {t.person}
        </label>
        <select id="f-person" name="person" defaultValue={filter.person ?? ""} className={control}>
          <option value="">{t.anyone}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-mailbox" className="block text-sm font-medium">
          {t.mailbox}
        </label>
        <select id="f-mailbox" name="mailbox" defaultValue={filter.mailbox ?? ""} className={control}>
          <option value="">{t.any}</option>
          {boxes.map((b) => (
            <option key={b.id} value={b.id}>
              {b.address}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-action" className="block text-sm font-medium">
          {t.action}
        </label>
        <select id="f-action" name="action" defaultValue={filter.action ?? ""} className={control}>
          <option value="">{t.any}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t.actions[a]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-result" className="block text-sm font-medium">
          {t.result}
        </label>
        <select id="f-result" name="result" defaultValue={filter.result ?? ""} className={control}>
          <option value="">{t.any}</option>
          {(["success", "refused", "error"] as const).map((r) => (
            <option key={r} value={r}>
              {t.results[r]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-from" className="block text-sm font-medium">
          {t.from}
        </label>
        <input id="f-from" type="date" name="from" defaultValue={filter.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="f-to" className="block text-sm font-medium">
          {t.to}
        </label>
        <input id="f-to" type="date" name="to" defaultValue={filter.to ?? ""} className={control} />
      </div>
      <div className="flex items-center gap-4 sm:col-span-3 lg:col-span-6">
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          {t.filter}
        </button>
        <Link href="/audit" className="text-sm text-brand-700 underline">
          {t.reset}
        </Link>
      </div>
    </form>
  );
}
