import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { requirePrincipal } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

export const metadata = { title: `${fr.errors.accessWithdrawnTitle} — ${fr.app.name}` };

/** Where a delegate lands when a box she worked was taken away from her (lib/authz/require.ts). */
export default async function AccessWithdrawnPage() {
  const principal = await requirePrincipal();
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader name={principal.name} links={[]} />
      <main id="contenu" className="mx-auto w-full max-w-xl p-8">
        <h1 className="text-2xl font-semibold">{fr.errors.accessWithdrawnTitle}</h1>
        <p className="mt-4">{fr.errors.accessWithdrawn}</p>
        <p className="mt-6">
          <Link href="/" className="text-brand-700 underline">
            {fr.notFoundPage.back}
          </Link>
        </p>
      </main>
    </div>
  );
}
