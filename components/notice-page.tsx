import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { fr } from "@/lib/i18n/fr";

/** A page that only says something — not found, access withdrawn — with the person's header when known and a way back. */
export function NoticePage({ name, title, text }: { name: string | null; title: string; text: string }) {
  return (
    <div className="flex min-h-screen flex-col">
      {name && <AppHeader name={name} links={[]} />}
      <main id="contenu" className="mx-auto w-full max-w-xl p-8">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="mt-4">{text}</p>
        <p className="mt-6">
          <Link href="/" className="text-brand-700 underline">
            {fr.notFoundPage.back}
          </Link>
        </p>
      </main>
    </div>
  );
}
