import { Alert } from "@/components/ui/alert";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";
import type { XdmReading } from "@/lib/mail/xdm";

const t = fr.xdm;

/** The health documents an IHE_XDM.ZIP describes; their PDFs are among the attachments beside. */
export function XdmDocuments({ reading }: { reading: XdmReading }) {
  if (!reading.ok) return <Alert kind="error">{t.refused(reading.reason)}</Alert>;
  return (
    <section aria-label={t.title} className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
      <h3 className="font-semibold">{t.title}</h3>
      <p className="text-slate-700">{t.intro}</p>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr className="border-b border-slate-300">
            {[t.document, t.type, t.date, t.patient].map((heading) => (
              <th key={heading} scope="col" className="py-1 pr-3">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reading.documents.map((d, i) => (
            <tr key={i} className="border-b border-slate-200 align-top">
              <th scope="row" className="py-1 pr-3 font-medium">
                {d.title}
              </th>
              <td className="py-1 pr-3">{d.type ?? "—"}</td>
              <td className="py-1 pr-3">{d.createdAt ? formatDateTime(new Date(d.createdAt)) : "—"}</td>
              <td className="py-1 pr-3">{d.ins ? t.ins(d.ins, d.insKind) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
