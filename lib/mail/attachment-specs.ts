import { and, eq } from "drizzle-orm";
import { attachments, messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { addAttachment } from "./attachments";
import { draftCopy, storeCopy } from "./deliver";

/** Attach a file to a draft of the box; the first file creates the (empty) draft under the browser's id. */
export const addAttachmentSpec = defineMailboxAction({
  action: "attachment.add",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), draftId: z.uuid(fr.errors.notFound), file: z.instanceof(File, { message: fr.attachments.failed("?") }) }),
  async run({ tx, input, access, principal }) {
    const [existing] = await tx.select({ mailboxId: messages.mailboxId, folder: messages.folder }).from(messages).where(eq(messages.id, input.draftId)).for("update");
    if (existing && (existing.mailboxId !== access.mailbox.id || existing.folder !== "drafts")) throw new ActionError(fr.errors.notFound);
    if (!existing) {
      await storeCopy(tx, access.mailbox.id, "drafts", draftCopy(access.mailbox, principal), { id: input.draftId, readBy: principal.userId });
    }
    const bytes = Buffer.from(await input.file.arrayBuffer());
    const row = await addAttachment(tx, input.draftId, { name: input.file.name, bytes });
    return { target: row.id, metadata: { draft: input.draftId, size: row.size, contentType: row.contentType } };
  },
});

export const removeAttachmentSpec = defineMailboxAction({
  action: "attachment.remove",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), attachmentId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access }) {
    const [row] = await tx
      .select({ id: attachments.id })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(and(eq(attachments.id, input.attachmentId), eq(messages.mailboxId, access.mailbox.id), eq(messages.folder, "drafts")));
    if (!row) throw new ActionError(fr.errors.notFound);
    await tx.delete(attachments).where(eq(attachments.id, row.id));
    return { target: row.id };
  },
});
