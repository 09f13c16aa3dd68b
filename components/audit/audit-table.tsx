import type { auditPage } from "@/db/queries/audit";
import type { AuditAction } from "@/lib/audit/actions";
import { auditActorLabel } from "@/lib/audit/actor-label";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";
import { reasonLabel } from "@/lib/audit/labels";

const t = fr.audit;
type Row = Awaited<ReturnType<typeof auditPage>>["rows"][number];

export function AuditTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p>{t.empty}</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t.title}</caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-50">
            {[t.at, t.person, t.mailbox, t.action, t.result, t.target, t.reason, t.ip].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 align-top">
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.at)}</td>
              <td className="px-3 py-2">{auditActorLabel(r)}</td>
              <td className="px-3 py-2">{r.mailbox ?? "—"}</td>
              <td className="px-3 py-2">{t.actions[r.action as AuditAction] ?? r.action}</td>
              <td className={`px-3 py-2 ${r.result === "success" ? "" : "font-semibold text-red-800"}`}>{t.results[r.result]}</td>
              <td className="px-3 py-2">{r.targetLabel ?? "—"}</td>
              <td className="px-3 py-2">{reasonLabel(r.reason)}</td>
              <td className="px-3 py-2">{r.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
