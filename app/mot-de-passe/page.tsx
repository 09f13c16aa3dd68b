import { AppHeader, sectionLinks } from "@/components/app-header";
import { PasswordForm } from "@/components/auth/password-form";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { requirePrincipal } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

export const metadata = { title: `${fr.password.title} — ${fr.app.name}` };

export default async function PasswordPage() {
  const principal = await requirePrincipal();
  const { boxes, managesDelegations } = await mailboxesForSwitcher(db, principal.userId);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader name={principal.name} links={sectionLinks({ principal, hasMail: boxes.length > 0, managesDelegations })} />
      <main id="contenu" className="mx-auto w-full max-w-5xl space-y-4 p-4">
        <h1 className="text-2xl font-semibold">{fr.password.title}</h1>
        <p className="text-sm text-slate-700">{fr.password.intro}</p>
        <PasswordForm />
      </main>
    </div>
  );
}
