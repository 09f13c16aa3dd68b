import Link from "next/link";
import { fr } from "@/lib/i18n/fr";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{fr.errors.notFoundTitle}</h1>
      <p className="mt-4">{fr.errors.notFound}</p>
      <p className="mt-6">
        <Link href="/" className="text-brand-700 underline">
          {fr.notFoundPage.back}
        </Link>
      </p>
    </main>
  );
}
