import { fileTypeFromBuffer } from "file-type";
import { eq, inArray, sum } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { attachments } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { blobStore } from "@/lib/storage/blobs";
import { limits } from "./limits";

/** Types a browser may show inline without running anything (no SVG, no HTML). */
export const INLINE_SAFE = new Set(["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"]);

// C0/C1 controls, and the bidi controls that make "gpj.exe" read as "exe.jpg".
const UNSAFE_CHARS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The last path segment, without controls or bidi overrides, never empty or hidden. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.normalize("NFC").replace(UNSAFE_CHARS, "").replace(/^[.\s]+|[.\s]+$/g, "").slice(0, 200);
  return cleaned || "piece-jointe";
}

/** The content type read from the bytes; text only if it decodes as UTF-8 without NUL. */
export async function sniffType(bytes: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
    if (!text.includes("\u0000")) return "text/plain";
  } catch {
    // not text
  }
  return "application/octet-stream";
}

async function attachedBytes(db: Queryable, messageId: string): Promise<number> {
  const [row] = await db.select({ total: sum(attachments.size) }).from(attachments).where(eq(attachments.messageId, messageId));
  return Number(row?.total ?? 0);
}

/** Store one file on a message, within the per-file and per-message limits. */
export async function addAttachment(tx: Queryable, messageId: string, file: { name: string; bytes: Buffer }) {
  if (file.bytes.length > limits.attachment) throw new ActionError(fr.attachments.fileTooLarge(file.name, limits.attachment));
  if ((await attachedBytes(tx, messageId)) + file.bytes.length > limits.message)
    throw new ActionError(fr.attachments.messageTooLarge(limits.message));
  const key = await blobStore.put(tx, file.bytes);
  const [row] = await tx
    .insert(attachments)
    .values({ messageId, filename: cleanFilename(file.name), contentType: await sniffType(file.bytes), size: file.bytes.length, sha256: key })
    .returning();
  return row;
}

/** The same files on other copies: rows only, the content is shared. */
export async function copyAttachments(tx: Queryable, fromMessageId: string, toMessageIds: string[]) {
  const files = await tx.select().from(attachments).where(eq(attachments.messageId, fromMessageId));
  if (files.length === 0 || toMessageIds.length === 0) return files;
  await tx.insert(attachments).values(
    toMessageIds.flatMap((messageId) => files.map((f) => ({ messageId, filename: f.filename, contentType: f.contentType, size: f.size, sha256: f.sha256 }))),
  );
  return files;
}

export async function listAttachments(db: Queryable, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .select({ id: attachments.id, messageId: attachments.messageId, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
    .from(attachments)
    .where(inArray(attachments.messageId, messageIds))
    .orderBy(attachments.createdAt);
}
