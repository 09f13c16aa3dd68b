import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { fr } from "@/lib/i18n/fr";

export const metadata = { title: `${fr.pscRefused.title} — ${fr.app.name}` };

const t = fr.pscRefused;

/**
 * Where a refused Pro Santé Connect login lands (lib/auth/config.ts): `motif` is our reason, `error` the kind
 * of answer Auth.js refused. The refusal itself was traced where it was decided, never here.
 */
export default async function PscRefusedPage({ searchParams }: { searchParams: Promise<{ motif?: string; error?: string }> }) {
  const { motif } = await searchParams;
  return (
    <main className="mx-auto mt-16 max-w-lg space-y-4 rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{fr.app.name}</p>
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <Alert kind="error">{(motif && Object.hasOwn(t.reasons, motif) && t.reasons[motif]) || t.unverified}</Alert>
      <Link href="/login" className="inline-block text-brand-700 underline">
        {t.back}
      </Link>
    </main>
  );
}
