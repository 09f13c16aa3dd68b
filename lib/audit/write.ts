import { isIP } from "node:net";
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import type { AuditAction } from "./actions";

/** Where a request came from, as far as the server can tell. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AuditEntry = {
  actorUserId: string | null;
  mailboxId?: string | null;
  action: AuditAction;
  target?: string | null;
  result: "success" | "refused" | "error";
  reason?: string | null;
  /** Identifiers and counts only: never a subject, body or attachment. */
  metadata?: Record<string, unknown>;
};

/** Write through `db` — pass the action's transaction so the trace lands with the change or not at all. */
export async function writeAudit(db: Queryable, meta: RequestMeta, entry: AuditEntry) {
  const mailboxId = entry.mailboxId ?? null;
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    // A tampered id is kept as the target, not dropped: it is what was tried.
    mailboxId: isUuid(mailboxId) ? mailboxId : null,
    action: entry.action,
    target: entry.target ?? (mailboxId && !isUuid(mailboxId) ? mailboxId : null),
    result: entry.result,
    reason: entry.reason ?? null,
    ip: meta.ip && isIP(meta.ip) ? meta.ip : null,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    metadata: entry.metadata ?? {},
  });
}
