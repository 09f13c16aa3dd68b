import { NoticePage } from "@/components/notice-page";
import { getSession } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";

/**
 * Unknown URLs and everything out of reach (notFound()) get this one answer. Signed in, the
 * person keeps her header; a visitor gets no header, since it names someone and logs out.
 */
export default async function NotFound() {
  const session = await getSession();
  const principal = session && "principal" in session ? session.principal : null;
  return <NoticePage name={principal?.name ?? null} title={fr.errors.notFoundTitle} text={fr.errors.notFound} />;
}
