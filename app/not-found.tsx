import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { getSession } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

/**
 * Unknown URLs and everything out of reach (notFound()) get this one answer. Signed in, the
 * person keeps her header; a visitor gets no header, since it names someone and logs out.
 */
export default async function NotFound() {
  const session = await getSession();
  const principal = session && "principal" in session ? session.principal : null;
  return (
    <div className="flex min-h-screen flex-col">
      {principal && <AppHeader name={principal.name} links={[]} />}
      <main id="contenu" className="mx-auto w-full max-w-xl p-8">
        <h1 className="text-2xl font-semibold">{fr.errors.notFoundTitle}</h1>
        <p className="mt-4">{fr.errors.notFound}</p>
        <p className="mt-6">
          <Link href="/" className="text-brand-700 underline">
            {fr.notFoundPage.back}
          </Link>
        </p>
      </main>
    </div>
  );
}
