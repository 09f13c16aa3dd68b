import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { requirePrincipal } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";

/** Home: the first box the person may open, else the delegations she manages, else why there is nothing. */
export default async function Home() {
  const principal = await requirePrincipal();
  const { boxes, managesDelegations } = await mailboxesForSwitcher(db, principal.userId);
  if (boxes[0]) redirect(`/m/${boxes[0].id}/inbox`);
  if (managesDelegations || hasRolePermission(principal, "structure.manage")) redirect("/delegations");
  if (hasRolePermission(principal, "whitelist.manage")) redirect("/liste-blanche");
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader name={principal.name} links={[]} />
      <main id="contenu" className="mx-auto max-w-xl p-8">
        <h1 className="text-2xl font-semibold">{fr.home.noMailboxTitle}</h1>
        <p className="mt-4">{fr.home.noMailbox}</p>
      </main>
    </div>
  );
}
