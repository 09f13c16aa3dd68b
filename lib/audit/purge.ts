import { asc, count, desc, gt, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditCheckpoints, auditLog } from "@/db/schema";
import { CHAIN_LOCK, writeAudit } from "./write";

/** Traces are kept at least 6 months (docs/domain.md §5); 12 by default. */
export const MIN_RETENTION_MONTHS = 6;

export function retentionMonths(env: Record<string, string | undefined> = process.env): number {
  const months = Number(env.AUDIT_RETENTION_MONTHS ?? 12);
  return Number.isFinite(months) ? Math.max(MIN_RETENTION_MONTHS, Math.floor(months)) : 12;
}

/**
 * Remove rows older than the retention period, in one transaction that
 * records a checkpoint (the last removed row's hash) so the rest of the
 * chain still verifies from its first kept row. The purge is traced in the
 * same transaction.
 */
export async function purgeAudit(db: Db, months = retentionMonths(), now = new Date()) {
  const keep = Math.max(MIN_RETENTION_MONTHS, months);
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - keep);
  const purged = await db.transaction(async (tx) => {
    // Every run is traced in its own transaction, whatever it removed.
    const trace = (purgedRows: number) =>
      writeAudit(
        tx,
        { ip: null, userAgent: "audit:purge" },
        {
          actorUserId: null,
          action: "audit.purge",
          result: "success",
          metadata: { purgedRows, before: cutoff.toISOString(), retentionMonths: keep },
        },
      );
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const [lastOld] = await tx
      .select({ id: auditLog.id, hash: auditLog.hash })
      .from(auditLog)
      .where(lt(auditLog.at, cutoff))
      .orderBy(desc(auditLog.id))
      .limit(1);
    if (!lastOld) {
      await trace(0);
      return 0;
    }
    const [{ n }] = await tx.select({ n: count() }).from(auditLog).where(lte(auditLog.id, lastOld.id));
    const [firstKept] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(gt(auditLog.id, lastOld.id))
      .orderBy(asc(auditLog.id))
      .limit(1);
    await tx
      .insert(auditCheckpoints)
      .values({ firstKeptId: firstKept?.id ?? lastOld.id + 1, prevHash: lastOld.hash, purgedRows: n, purgedBefore: cutoff });
    // The only deletion the append-only trigger lets through, and only in this transaction.
    await tx.execute(sql`select set_config('mssante.audit_purge', 'on', true)`);
    // By id, as the checkpoint says: the chain is ordered by id, not by clock.
    await tx.delete(auditLog).where(lte(auditLog.id, lastOld.id));
    await tx.execute(sql`select set_config('mssante.audit_purge', 'off', true)`);
    await trace(n);
    return n;
  });
  return { purged, cutoff };
}
