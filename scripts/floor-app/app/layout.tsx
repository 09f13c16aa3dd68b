import { connection } from "next/server";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, as the project's pages are (their scripts carry the proxy's nonce).
  await connection();
  return (
    <html lang="fr">
      <body>{children}</body>
    </html>
  );
}
