import Link from "next/link";
import { notFound } from "next/navigation";
import { AppHeader, sectionLinks } from "@/components/app-header";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { auditFilter, auditPage, parseBefore, structureMailboxes } from "@/db/queries/audit";
import { structureMembers } from "@/db/queries/people";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { filterQuery } from "@/lib/audit/query-string";
import { verifyChain } from "@/lib/audit/verify";
import { requirePrincipal } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";

const t = fr.audit;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const principal = await requirePrincipal();
  if (!hasRolePermission(principal, "audit.read")) notFound();
  const filter = auditFilter.parse(params);
  const before = parseBefore(params.before);
  const [page, people, boxes, chain, switcher] = await Promise.all([
    auditPage(db, principal, filter, before),
    // Disabled people included: their past actions are in the journal.
    structureMembers(db, principal.structureId),
    structureMailboxes(db, principal.structureId),
    verifyChain(db),
    mailboxesForSwitcher(db, principal.userId),
  ]);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader
        name={principal.name}
        links={sectionLinks({ principal, hasMail: switcher.boxes.length > 0, managesDelegations: true, current: "audit" })}
      />
      <main id="contenu" className="mx-auto w-full max-w-7xl space-y-4 p-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold">{t.title}</h1>
            <p className="mt-1 text-sm text-slate-700">{t.intro}</p>
          </div>
          <a
            href={`/api/audit/export${filterQuery(filter)}`}
            className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
            download
          >
            {t.export}
          </a>
        </div>
        {chain.intact ? (
          <Alert kind="notice">{t.chainIntact(chain.rows)}</Alert>
        ) : (
          <Alert kind="error">{t.chainBroken(chain.brokenAt)}</Alert>
        )}
        {/* Drawn again for each filter: a link (« Effacer les filtres », a page) must not leave the old choices shown. */}
        <AuditFilters key={JSON.stringify(filter)} filter={filter} people={people} boxes={boxes} />
        <AuditTable rows={page.rows} />
        <nav aria-label="Pagination" className="flex gap-4 text-sm">
          {before && (
            <Link href={`/audit${filterQuery(filter)}`} className="text-brand-700 underline">
              {t.newest}
            </Link>
          )}
          {page.nextBefore && (
            <Link href={`/audit${filterQuery(filter, { before: String(page.nextBefore) })}`} className="text-brand-700 underline">
              {t.older}
            </Link>
          )}
        </nav>
      </main>
    </div>
  );
}
