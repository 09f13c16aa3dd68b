import { notFound, redirect } from "next/navigation";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { requirePrincipal } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";

/** Home: the first box the person may open, else the delegations she manages. */
export default async function Home() {
  const principal = await requirePrincipal();
  const { boxes, managesDelegations } = await mailboxesForSwitcher(db, principal.userId);
  if (boxes[0]) redirect(`/m/${boxes[0].id}/inbox`);
  if (managesDelegations || hasRolePermission(principal, "structure.manage")) redirect("/delegations");
  notFound();
}
