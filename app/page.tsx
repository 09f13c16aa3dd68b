import { notFound, redirect } from "next/navigation";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { requirePrincipal } from "@/lib/auth/session";

/** Home: the first box the person may open. */
export default async function Home() {
  const principal = await requirePrincipal();
  const [first] = await mailboxesForSwitcher(db, principal.userId);
  if (!first) notFound();
  redirect(`/m/${first.id}/inbox`);
}
