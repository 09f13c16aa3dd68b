import { notFound } from "next/navigation";
import { AppHeader, sectionLinks } from "@/components/app-header";
import { PeopleTable } from "@/components/people/people-table";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { structureMembers } from "@/db/queries/people";
import { requirePrincipal } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";

const t = fr.people;

export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const { notice } = await searchParams;
  const principal = await requirePrincipal();
  if (!hasRolePermission(principal, "structure.manage")) notFound();
  const [people, switcher] = await Promise.all([structureMembers(db, principal.structureId), mailboxesForSwitcher(db, principal.userId)]);
  const noticeText = notice && notice in t.notices ? t.notices[notice as keyof typeof t.notices] : null;
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader
        name={principal.name}
        links={sectionLinks({ principal, hasMail: switcher.boxes.length > 0, managesDelegations: true, current: "people" })}
      />
      <main id="contenu" className="mx-auto w-full max-w-5xl space-y-4 p-4">
        <div>
          <h1 className="text-2xl font-semibold">{t.title}</h1>
          <p className="mt-1 text-sm text-slate-700">{t.intro}</p>
        </div>
        {noticeText && <Alert kind="notice">{noticeText}</Alert>}
        <PeopleTable people={people} selfId={principal.userId} />
      </main>
    </div>
  );
}
