import { asc, desc, gt } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditCheckpoints, auditLog } from "@/db/schema";
import { chainedContent, contentHash, GENESIS, linkHash, rowHash } from "./chain";

export type ChainReport =
  | { intact: true; rows: number; fromId: number | null }
  | { intact: false; rows: number; fromId: number | null; brokenAt: number; problem: "content" | "link" };

const BATCH = 5_000;

/**
 * Walk the chain from the last checkpoint (or the first row) in id order:
 * each row must link to the previous hash and hash to what it stores. The
 * first row that does not is named: edited content, or a row removed before it.
 */
export async function verifyChain(db: Queryable): Promise<ChainReport> {
  const [checkpoint] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  let expected = checkpoint?.prevHash ?? GENESIS;
  let after = 0;
  let rows = 0;
  let fromId: number | null = null;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(BATCH);
    for (const row of batch) {
      fromId ??= row.id;
      rows++;
      if (row.prevHash !== expected) return { intact: false, rows, fromId, brokenAt: row.id, problem: "link" };
      const { id: _id, prevHash, hash, contentHash: part, ...stored } = row;
      const content = chainedContent(stored);
      // Rows linked at commit chain their content's hash; older ones hashed the content with the link.
      const intact =
        part === null ? rowHash(prevHash, content) === hash : contentHash(content) === part && linkHash(prevHash, part) === hash;
      if (!intact) return { intact: false, rows, fromId, brokenAt: row.id, problem: "content" };
      expected = hash;
    }
    if (batch.length < BATCH) return { intact: true, rows, fromId };
    after = batch[batch.length - 1].id;
  }
}
