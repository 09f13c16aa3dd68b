import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import { checkMailbox } from "@/lib/authz/check";
import { isUuid } from "@/lib/ids";
import { blobStore } from "@/lib/storage/blobs";
import { INLINE_SAFE } from "./attachments";

/**
 * An attachment for someone with `read` on the box holding its message, the
 * download traced; null (and the refusal traced) for anything out of reach.
 */
export async function openAttachment(db: Queryable, principal: Principal, id: string, meta: RequestMeta, { inline = false } = {}) {
  if (!isUuid(id)) return null;
  const [file] = await db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      sha256: attachments.sha256,
      mailboxId: messages.mailboxId,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(attachments.id, id));
  const access = file && (await checkMailbox(db, principal, file.mailboxId, "mailbox.read", meta));
  if (!access) return null;
  const content = await blobStore.get(db, file.sha256);
  if (!content) return null;
  const asInline = inline && INLINE_SAFE.has(file.contentType);
  await writeAudit(db, meta, {
    actorUserId: principal.userId,
    mailboxId: access.mailbox.id,
    action: "attachment.download",
    target: file.id,
    result: "success",
    metadata: { inline: asInline },
  });
  return { ...file, content, inline: asInline };
}
