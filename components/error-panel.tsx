import { Button } from "@/components/ui/button";
import { errorPage } from "@/lib/i18n/fr-shell";

/**
 * What an error boundary shows: French text, the digest Next logged with the server error (the
 * message itself never reaches the browser in production), a retry and a way home. The link is a
 * plain one: a full load starts over even when the client router is what failed.
 */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <main id="contenu" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{errorPage.title}</h1>
      <p className="mt-4">{errorPage.text}</p>
      {digest && <p className="mt-2 text-sm text-slate-700">{errorPage.reference(digest)}</p>}
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <Button type="button" onClick={retry}>
          {errorPage.retry}
        </Button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load, see above */}
        <a href="/" className="text-brand-700 underline">
          {errorPage.back}
        </a>
      </div>
    </main>
  );
}
