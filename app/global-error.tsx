"use client";

import { ErrorPanel } from "@/components/error-panel";
import { app, errorPage } from "@/lib/i18n/fr-shell";
import "./globals.css";

/** The root layout itself failed: this replaces it, so it brings its own document, title and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="fr">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>{`${errorPage.title} — ${app.name}`}</title>
        <ErrorPanel error={error} retry={retry} />
      </body>
    </html>
  );
}
