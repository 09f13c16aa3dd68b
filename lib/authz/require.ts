import { notFound } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { writeAudit } from "@/lib/audit/write";
import { requirePrincipal } from "@/lib/auth/session";
import { requestMeta } from "@/lib/request";
import { loadAccess } from "./access";
import { can, type Permission } from "./permissions";

/** For pages: the mailbox with the person's live right on it, or a traced "introuvable". */
export const requireMailbox = cache(async (mailboxId: string, permission: Permission) => {
  const principal = await requirePrincipal();
  const access = await loadAccess(db, principal.userId, mailboxId);
  if (!can(access, permission)) {
    await writeAudit(db, await requestMeta(), {
      actorUserId: principal.userId,
      mailboxId,
      action: "mailbox.open",
      result: "refused",
      reason: `permission ${permission}`,
    });
    notFound();
  }
  return { principal, access };
});
