import type { Db, Tx } from "./client";

/** PostgreSQL's answers asking for a transaction to be run again: a deadlock it broke, a serialization failure. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

/** The SQLSTATE of a failed query, whether the driver's error reaches us as is or wrapped by Drizzle. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A transaction run again from the start when PostgreSQL aborted it to break a deadlock: nothing of it was
 * kept. Two writers of one box can take its counters' rows (folder_counts, folder_reads, kept by triggers)
 * in opposite orders — a draft saved in one tab while another draft of the box is sent — and one of them
 * would otherwise fail with « Une erreur inattendue ».
 */
export async function retryingTransaction<T>(db: Db, run: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(run);
    } catch (error) {
      const code = sqlState(error);
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
