import { isIP } from "node:net";
import { getTableColumns, type WithSubquery } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog, auditPending } from "@/db/schema";
import type { AuditReason } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { AuditAction } from "./actions";
import { contentHash, type ChainedContent } from "./chain";

/** Where a request came from, as far as the server can tell. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AuditEntry = {
  actorUserId: string | null;
  /** Software acting with an API token (lib/auth/actor.ts): the token's id. */
  actorTokenId?: string | null;
  mailboxId?: string | null;
  action: AuditAction;
  target?: string | null;
  result: "success" | "refused" | "error";
  /** A machine code: never a message, which may quote what someone typed. */
  reason?: AuditReason | null;
  /** Identifiers and counts only: never a subject, body or attachment. */
  metadata?: Record<string, unknown>;
};

/** The chain's lock (audit_chain_head): taken at each commit that links rows (migration 0024 names it too), and by the purge. */
export const CHAIN_LOCK = 0x4d535341;

function content(meta: RequestMeta, entry: AuditEntry, at: Date): ChainedContent {
  const mailboxId = isUuid(entry.mailboxId) ? entry.mailboxId : null;
  // A tampered id is kept as the target, not dropped: it is what was tried.
  const tampered = mailboxId === null && entry.mailboxId ? String(entry.mailboxId).slice(0, 200) : null;
  return {
    at,
    actorUserId: entry.actorUserId,
    actorTokenId: entry.actorTokenId ?? undefined,
    mailboxId,
    action: entry.action,
    target: entry.target ?? tampered,
    result: entry.result,
    reason: entry.reason ?? null,
    ip: meta.ip && isIP(meta.ip) ? meta.ip.toLowerCase() : null,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    // Stored as jsonb: hash what will be read back.
    metadata: JSON.parse(JSON.stringify(entry.metadata ?? {})),
  };
}

const columns = getTableColumns(auditLog);

/** An audit_log row's content by column name, as the database's link trigger reads it back (jsonb_populate_record). */
const byColumn = (row: ChainedContent) =>
  Object.fromEntries(
    Object.entries({ ...row, at: row.at.toISOString() }).map(([key, value]) => [columns[key as keyof ChainedContent].name, value ?? null]),
  );

/**
 * Append entries to the hash chain. Pass the action's transaction so the
 * trace lands with the change or not at all, or pass the change itself as
 * `change`, a data-modifying CTE (`db.$with(…).as(insert … returning)`):
 * it runs in the audit's own statement, so both land or neither without a
 * transaction's two extra round trips. The rows wait in audit_pending
 * and the database links them, in order, when that transaction commits
 * (db/migrations/0024_audit_linked_at_commit.sql): concurrent writers queue
 * on the chain's lock for their commits only, and never fork it.
 */
export async function writeAudit(db: Queryable, meta: RequestMeta, entries: AuditEntry | AuditEntry[], change?: WithSubquery) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const at = new Date();
  const rows = list.map((entry) => {
    const row = content(meta, entry, at);
    return { entry: byColumn(row), contentHash: contentHash(row) };
  });
  // One statement: outside a transaction it commits, and links, on its own.
  await (change ? db.with(change) : db).insert(auditPending).values(rows);
}
