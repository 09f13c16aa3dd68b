import { fileTypeFromBuffer } from "file-type";
import { and, eq, inArray, sum } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import type { ReadAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { blobStore } from "@/lib/storage/blobs";
import { limits } from "./limits";
import { isXdmArchive, readXdm, type XdmReading } from "./xdm";

/** Types a browser may show inline without running anything (no SVG, no HTML). */
export const INLINE_SAFE = new Set(["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"]);

// C0/C1 controls, and the bidi controls that make "gpj.exe" read as "exe.jpg".
const UNSAFE_CHARS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The last path segment, without controls or bidi overrides, never empty or hidden. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(UNSAFE_CHARS, "")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 200);
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

export async function attachedBytes(db: Queryable, messageId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(attachments.size) })
    .from(attachments)
    .where(eq(attachments.messageId, messageId));
  return Number(row?.total ?? 0);
}

/** Store one file on a message, within the per-file and per-message limits. */
export async function addAttachment(tx: Queryable, messageId: string, file: { name: string; bytes: Buffer }) {
  if (file.bytes.length > limits.attachment) throw new ActionError("too_large", fr.attachments.fileTooLarge(file.name, limits.attachment));
  if ((await attachedBytes(tx, messageId)) + file.bytes.length > limits.message)
    throw new ActionError("too_large", fr.attachments.messageTooLarge(limits.message));
  const key = await blobStore.put(tx, file.bytes);
  const [row] = await tx
    .insert(attachments)
    .values({
      messageId,
      filename: cleanFilename(file.name),
      contentType: await sniffType(file.bytes),
      size: file.bytes.length,
      sha256: key,
    })
    .returning();
  return row;
}

/** The same files on other copies: rows only, the content is shared. */
export async function copyAttachments(tx: Queryable, fromMessageId: string, toMessageIds: string[]) {
  const files = await tx.select().from(attachments).where(eq(attachments.messageId, fromMessageId));
  if (files.length === 0 || toMessageIds.length === 0) return files;
  await tx
    .insert(attachments)
    .values(
      toMessageIds.flatMap((messageId) =>
        files.map((f) => ({ messageId, filename: f.filename, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
      ),
    );
  return files;
}

/** Stored files with their content, to be written into a MIME message. */
export async function withContent(db: Queryable, files: { filename: string; contentType: string; sha256: string }[]) {
  return Promise.all(
    files.map(async (f) => ({ filename: f.filename, contentType: f.contentType, content: (await blobStore.get(db, f.sha256))! })),
  );
}

/** The files of the given messages of one box; a message of another box has none. */
export async function listAttachments(db: Queryable, access: ReadAccess, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(inArray(attachments.messageId, messageIds), eq(messages.mailboxId, access.mailbox.id)))
    .orderBy(attachments.createdAt);
}

/** The structured documents of the IHE_XDM.ZIP archives among listed files (already scoped to the box), read within limits each time they are shown. */
export async function attachedXdm(
  db: Queryable,
  files: { id: string; messageId: string; filename: string }[],
): Promise<Map<string, XdmReading>> {
  const archives = files.filter((f) => isXdmArchive(f.filename));
  if (archives.length === 0) return new Map();
  const stored = await db
    .select({ messageId: attachments.messageId, sha256: attachments.sha256 })
    .from(attachments)
    .where(
      inArray(
        attachments.id,
        archives.map((a) => a.id),
      ),
    );
  return new Map(
    await Promise.all(
      stored.map(async (a) => {
        const bytes = await blobStore.get(db, a.sha256);
        return [a.messageId, bytes ? await readXdm(bytes) : { ok: false as const, reason: fr.xdm.unreadable }] as const;
      }),
    ),
  );
}
