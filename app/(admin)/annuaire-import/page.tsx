import { count } from "drizzle-orm";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnnuaireImportForm } from "@/components/admin/annuaire-import-form";
import { AppHeader } from "@/components/app-header";
import { db } from "@/db/client";
import { directoryEntries } from "@/db/schema";
import { requirePrincipal } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";

export default async function AnnuaireImportPage() {
  const principal = await requirePrincipal();
  if (!hasRolePermission(principal, "annuaire.manage")) notFound();
  const [{ n }] = await db.select({ n: count() }).from(directoryEntries);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader name={principal.name} links={[]} />
      <main id="contenu" className="mx-auto w-full max-w-3xl space-y-4 p-4">
        <h1 className="text-2xl font-semibold">{fr.annuaire.importTitle}</h1>
        <p>{fr.annuaire.current(n)}</p>
        <AnnuaireImportForm />
        <p className="text-sm">
          <Link href="/liste-blanche" className="text-brand-700 underline">
            {fr.listeBlanche.title}
          </Link>
        </p>
      </main>
    </div>
  );
}
