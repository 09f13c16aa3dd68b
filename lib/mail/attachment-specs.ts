import { and, count, eq } from "drizzle-orm";
import { attachments, messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { addAttachment } from "./attachments";
import { draftCopy, storeCopy } from "./deliver";
import { openDraft } from "./drafts";
import { limits } from "./limits";

/** Attach a file to a draft of the box; the first file creates the (empty) draft under the browser's id. */
export const addAttachmentSpec = defineMailboxAction({
  action: "attachment.add",
  permission: "message.edit",
  schema: z.object({
    mailboxId: z.string(),
    draftId: z.uuid(fr.errors.notFound),
    file: z.instanceof(File, { message: fr.attachments.missingFile }),
  }),
  async run({ tx, input, access, principal }) {
    const draft = await openDraft(tx, access, input.draftId, principal.userId);
    const messageId =
      draft?.id ??
      (await storeCopy(tx, access.mailbox.id, "drafts", draftCopy(access.mailbox, principal), {
        draftId: input.draftId,
        readBy: principal.userId,
      }));
    // The draft id is held above, so two uploads at once cannot both take the last place.
    const [{ files }] = await tx.select({ files: count() }).from(attachments).where(eq(attachments.messageId, messageId));
    if (files >= limits.attachments)
      throw new ActionError("too_many", fr.attachments.tooMany(limits.attachments), { file: [fr.attachments.tooMany(limits.attachments)] });
    const bytes = Buffer.from(await input.file.arrayBuffer());
    const row = await addAttachment(tx, messageId, { name: input.file.name, bytes });
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
    if (!row) throw new ActionError("not_found", fr.errors.notFound);
    await tx.delete(attachments).where(eq(attachments.id, row.id));
    return { target: row.id };
  },
});
