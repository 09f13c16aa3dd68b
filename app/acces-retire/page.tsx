import { NoticePage } from "@/components/notice-page";
import { requirePrincipal } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

export const metadata = { title: `${fr.errors.accessWithdrawnTitle} — ${fr.app.name}` };

/** Where a delegate lands when a box she worked was taken away from her (lib/authz/require.ts). */
export default async function AccessWithdrawnPage() {
  const principal = await requirePrincipal();
  return <NoticePage name={principal.name} title={fr.errors.accessWithdrawnTitle} text={fr.errors.accessWithdrawn} />;
}
