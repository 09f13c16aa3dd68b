import { count } from "drizzle-orm";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { Alert } from "@/components/ui/alert";
import { FileForm } from "@/components/ui/file-form";
import { db } from "@/db/client";
import { trustedDomains } from "@/db/schema";
import { requirePrincipal } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { importListeBlanche } from "@/lib/actions/liste-blanche";

const t = fr.listeBlanche;

export default async function ListeBlanchePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePrincipal();
  if (!hasRolePermission(principal, "whitelist.manage")) notFound();
  const params = await searchParams;
  const [{ n }] = await db.select({ n: count() }).from(trustedDomains);
  const imported = params.added !== undefined;
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader name={principal.name} links={[]} />
      <main id="contenu" className="mx-auto w-full max-w-3xl space-y-4 p-4">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-sm text-slate-700">{t.intro}</p>
        {imported && <Alert kind="notice">{t.imported(Number(params.added), Number(params.removed), Number(params.unchanged))}</Alert>}
        <p>{t.current(n)}</p>
        <FileForm action={importListeBlanche} label={t.file} accept=".xml,application/xml,text/xml" submit={t.import} />
        <p className="text-sm">
          <Link href="/annuaire-import" className="text-brand-700 underline">
            {fr.annuaire.importTitle}
          </Link>
        </p>
      </main>
    </div>
  );
}
