import type { Metadata } from "next";
import { connection } from "next/server";
import { fr } from "@/lib/i18n/fr";
import "./globals.css";

export const metadata: Metadata = {
  title: fr.app.name,
  description: fr.app.tagline,
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
  },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page rendered per request, the not-found page included, so Next puts proxy.ts's nonce on its scripts.
  await connection();
  return (
    <html lang="fr">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
