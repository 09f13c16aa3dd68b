import { createHash } from "node:crypto";

/** The prev_hash of the very first row. */
export const GENESIS = "0".repeat(64);

/** The hashed fields of a row, as stored. */
export type ChainedContent = {
  at: Date;
  actorUserId: string | null;
  /** Hashed only when set, so the rows written before tokens existed keep their hashes. */
  actorTokenId?: string;
  mailboxId: string | null;
  action: string;
  target: string | null;
  result: "success" | "refused" | "error";
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
};

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hashed content of a stored row: every column but the id, the links, and what is derived from the rest. */
export function chainedContent(
  row: Omit<ChainedContent, "actorTokenId"> & { actorTokenId: string | null; actorType: string | null },
): ChainedContent {
  const { actorTokenId, actorType: _derived, ...rest } = row;
  return { ...rest, actorTokenId: actorTokenId ?? undefined };
}

const canonicalRow = (row: ChainedContent) => canonical({ ...row, at: row.at.toISOString() });

/** The link of every row: sha256 of the previous hash, a newline, then the row's part. */
export function linkHash(prevHash: string, part: string): string {
  return createHash("sha256").update(prevHash).update("\n").update(part).digest("hex");
}

/** The hash of a row written before rows were linked at commit: its canonical content itself is the part. */
export const rowHash = (prevHash: string, row: ChainedContent) => linkHash(prevHash, canonicalRow(row));

/** A row's content_hash, the part the database links at commit (db/migrations/0024_audit_linked_at_commit.sql). */
export const contentHash = (row: ChainedContent) => createHash("sha256").update(canonicalRow(row)).digest("hex");
