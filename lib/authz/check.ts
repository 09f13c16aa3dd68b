import type { Queryable } from "@/db/client";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { loadActorAccess } from "./access";
import { can, PERMISSIONS, type Granted, type Permission } from "./permissions";

/** The actor's access to a box if it carries the permission; otherwise null, and the refusal is traced. */
export async function checkMailbox<P extends Permission>(
  db: Queryable,
  actor: Actor,
  mailboxId: string,
  permission: P,
  meta: RequestMeta,
): Promise<Granted<P> | null> {
  const access = await loadActorAccess(db, actor, mailboxId);
  if (can(access, permission)) return access;
  await writeAudit(db, meta, {
    ...auditActor(actor),
    mailboxId,
    action: "mailbox.open",
    result: "refused",
    reason: "not_found",
    metadata: { right: PERMISSIONS[permission] },
  });
  return null;
}
