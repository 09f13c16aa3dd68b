import { isIP } from "node:net";
import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { rowsOf, type Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { AuditReason } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { AuditAction } from "./actions";
import { GENESIS, rowHash, type ChainedContent } from "./chain";

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

// Any constant: every chain append takes it, so appends are serialised until commit.
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

/**
 * Append entries to the hash chain. Pass the action's transaction so the
 * trace lands with the change or not at all; the append takes a
 * transaction-level lock, so concurrent writers queue instead of forking the
 * chain, and holds it until that transaction ends.
 */
export async function writeAudit(db: Queryable, meta: RequestMeta, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  // Inside the action's transaction already: no savepoint needed.
  const append = async (tx: Queryable) => {
    const [{ head }] = rowsOf<{ head: string | null }>(await tx.execute(sql`select audit_chain_head(${CHAIN_LOCK}) as head`));
    let prevHash = head ?? GENESIS;
    const at = new Date();
    const rows = list.map((entry) => {
      const row = content(meta, entry, at);
      const hash = rowHash(prevHash, row);
      const chained = { ...row, prevHash, hash };
      prevHash = hash;
      return chained;
    });
    await tx.insert(auditLog).values(rows);
  };
  if (db instanceof PgTransaction) await append(db);
  else await db.transaction(append);
}
