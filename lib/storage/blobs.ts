import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { blobs } from "@/db/schema";

/**
 * Where file contents live. Postgres (bytea) today; an object store can take
 * its place behind this interface, keyed by the same SHA-256.
 */
export interface BlobStore {
  put(db: Queryable, bytes: Buffer): Promise<string>;
  get(db: Queryable, sha256: string): Promise<Buffer | null>;
}

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export const blobStore: BlobStore = {
  async put(db, bytes) {
    const key = sha256(bytes);
    await db.insert(blobs).values({ sha256: key, size: bytes.length, content: bytes }).onConflictDoNothing();
    return key;
  },
  async get(db, key) {
    const [row] = await db.select({ content: blobs.content }).from(blobs).where(eq(blobs.sha256, key));
    return row?.content ?? null;
  },
};
