import Link from "next/link";
import type { searchAnnuaire } from "@/db/queries/annuaire";
import { entryName } from "@/lib/annuaire/format";
import { fr } from "@/lib/i18n/fr";

type Row = Awaited<ReturnType<typeof searchAnnuaire>>["rows"][number];
const t = fr.annuaire;

export function AnnuaireResults({ rows, more, composeBase }: { rows: Row[]; more: boolean; composeBase: string | null }) {
  return (
    <section aria-labelledby="resultats">
      <h2 id="resultats" className="mb-2 text-lg font-semibold">
        {t.results(rows.length, more)}
      </h2>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
        {rows.map((r) => (
          <li key={r.address} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <p className="font-medium">
                {entryName(r)}{" "}
                <span className="text-sm font-normal text-slate-700">· {fr.mailboxType[r.type as "PER" | "ORG"] ?? r.type}</span>
                {r.hosted && <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{t.hosted}</span>}
              </p>
              <p className="text-sm text-slate-700">{[r.profession, r.specialty].filter(Boolean).join(" — ")}</p>
              <p className="text-sm text-slate-700">
                {[r.structure, [r.postcode, r.city].filter(Boolean).join(" ")].filter(Boolean).join(" · ")}
              </p>
              <p className="text-sm break-all">
                {r.address}
                {r.rpps && <span className="text-slate-700"> · RPPS {r.rpps}</span>}
              </p>
            </div>
            {composeBase && (
              <Link
                href={`${composeBase}?to=${encodeURIComponent(r.address)}`}
                className="shrink-0 self-start rounded-md border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100"
                aria-label={`${t.write} à ${entryName(r)}`}
              >
                {t.write}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
