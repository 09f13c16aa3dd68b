import { notFound } from "next/navigation";
import { AppHeader, sectionLinks } from "@/components/app-header";
import { BoxDelegations } from "@/components/delegations/box-delegations";
import { CreateBoxForm } from "@/components/delegations/create-box-form";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { delegationsOverview, managedStructure, structurePeople } from "@/db/queries/delegations";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { requirePrincipal } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

const t = fr.delegations;

export default async function DelegationsPage({ searchParams }: { searchParams: Promise<{ notice?: string; edit?: string }> }) {
  const { notice, edit } = await searchParams;
  const principal = await requirePrincipal();
  const [boxes, people, structure, switcher] = await Promise.all([
    delegationsOverview(db, principal),
    structurePeople(db, principal.structureId),
    managedStructure(db, principal),
    mailboxesForSwitcher(db, principal.userId),
  ]);
  if (boxes.length === 0 && !structure) notFound();
  const notices = { ...t.notices, ...fr.tokens.notices };
  const noticeText = notice && Object.hasOwn(notices, notice) ? notices[notice as keyof typeof notices] : null;
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader
        name={principal.name}
        links={sectionLinks({ principal, hasMail: switcher.boxes.length > 0, managesDelegations: true, current: "delegations" })}
      />
      <main id="contenu" className="mx-auto w-full max-w-6xl space-y-6 p-4">
        <div>
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-700">{structure ? `${structure.name} — ${t.intro}` : t.intro}</p>
        </div>
        {noticeText && <Alert kind="notice">{noticeText}</Alert>}
        {boxes.length === 0 && <p>{t.none}</p>}
        {boxes.map((box) => (
          <BoxDelegations key={box.id} box={box} people={people} orgBoxes={structure?.orgBoxes ?? null} edit={edit} />
        ))}
        {structure && (
          <section aria-labelledby="creer-titre" className="rounded-md border border-slate-300 bg-white p-4">
            <h2 id="creer-titre" className="mb-3 text-lg font-semibold">
              {t.createTitle}
            </h2>
            <CreateBoxForm domain={structure.domain} professionals={people.filter((p) => p.role === "professional")} />
          </section>
        )}
      </main>
    </div>
  );
}
