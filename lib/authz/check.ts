import type { Queryable } from "@/db/client";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import { loadAccess } from "./access";
import { can, type MailboxAccess, type Permission } from "./permissions";

/** The person's access to a box if it carries the permission; otherwise null, and the refusal is traced. */
export async function checkMailbox(
  db: Queryable,
  principal: Principal,
  mailboxId: string,
  permission: Permission,
  meta: RequestMeta,
): Promise<MailboxAccess | null> {
  const access = await loadAccess(db, principal.userId, mailboxId);
  if (can(access, permission)) return access;
  await writeAudit(db, meta, {
    actorUserId: principal.userId,
    mailboxId,
    action: "mailbox.open",
    result: "refused",
    reason: `permission ${permission}`,
  });
  return null;
}
