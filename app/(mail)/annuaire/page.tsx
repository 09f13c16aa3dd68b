import { AnnuaireResults } from "@/components/annuaire/annuaire-results";
import { AnnuaireSearch } from "@/components/annuaire/annuaire-search";
import { AppHeader, sectionLinks } from "@/components/app-header";
import { db } from "@/db/client";
import { annuaireQuery, searchAnnuaire } from "@/db/queries/annuaire";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { requirePrincipal } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

export default async function AnnuairePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePrincipal();
  const query = annuaireQuery.parse(await searchParams);
  const [{ boxes, managesDelegations }, result] = await Promise.all([
    mailboxesForSwitcher(db, principal.userId),
    searchAnnuaire(db, query),
  ]);
  // "Écrire" opens compose from the first box the person may write from.
  const writable = boxes.find((b) => b.canSend || b.canEdit);
  const searched = Object.values(query).some(Boolean);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader
        name={principal.name}
        links={sectionLinks({ principal, hasMail: boxes.length > 0, managesDelegations, current: "annuaire" })}
      />
      <main id="contenu" className="mx-auto w-full max-w-5xl space-y-4 p-4">
        <h1 className="text-2xl font-semibold">{fr.annuaire.title}</h1>
        <p className="text-sm text-slate-700">{fr.annuaire.intro}</p>
        <AnnuaireSearch query={query} />
        {searched ? (
          <AnnuaireResults rows={result.rows} more={result.more} composeBase={writable ? `/m/${writable.id}/compose` : null} />
        ) : (
          <p>{fr.annuaire.empty}</p>
        )}
      </main>
    </div>
  );
}
