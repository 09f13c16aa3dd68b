import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { requirePrincipal } from "@/lib/auth/session";
import { requestMeta } from "@/lib/request";
import { checkMailbox } from "./check";
import type { Permission } from "./permissions";
import { accessWithdrawn } from "./withdrawn";

/**
 * For pages: the mailbox with the person's live right on it, or a traced "introuvable" — "accès retiré"
 * for a delegate whose delegation on it was taken back.
 */
export const requireMailbox = cache(async <P extends Permission>(mailboxId: string, permission: P) => {
  const principal = await requirePrincipal();
  const access = await checkMailbox(db, principal, mailboxId, permission, await requestMeta());
  if (!access) {
    if (await accessWithdrawn(db, principal, mailboxId)) redirect("/acces-retire");
    notFound();
  }
  return { principal, access };
});
