import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messageReads, messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { loadAccess } from "@/lib/authz/access";
import { can, type MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { addAttachment } from "./attachments";
import { storeCopy } from "./deliver";
import { parseEml } from "./eml";
import { filedIn, moveTargetField, placeField, placeIn } from "./folder-specs";
import { placeKey } from "./folders";
import { limits } from "./limits";

const target = {
  mailboxId: z.string(),
  messageId: z.uuid(fr.errors.notFound),
  /** The folder the person was in, to go back to it. */
  folder: placeField,
};

/** The message, in this box only: an id of another box is as missing as a wrong one. */
async function findInBox(tx: Tx, access: MailboxAccess, messageId: string) {
  const [row] = await tx
    .select({ id: messages.id, folder: messages.folder, folderId: messages.folderId })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.mailboxId, access.mailbox.id)))
    .for("update");
  if (!row) throw new ActionError("not_found", fr.errors.notFound);
  return row;
}

export const moveSpec = defineMailboxAction({
  action: "message.move",
  permission: "message.edit",
  schema: z.object({ ...target, to: moveTargetField }),
  async run({ tx, input, access }) {
    const row = await findInBox(tx, access, input.messageId);
    if (row.folder === "drafts") throw new ActionError("not_found", fr.errors.notFound);
    const to = await placeIn(tx, access, input.to);
    await tx.update(messages).set(filedIn(to)).where(eq(messages.id, row.id));
    return {
      target: row.id,
      metadata: { from: placeKey(row), to: input.to },
      redirectTo: `/m/${access.mailbox.id}/${input.folder}?notice=moved`,
    };
  },
});

/** Only what is already in the Corbeille can be removed for good. */
export const deleteSpec = defineMailboxAction({
  action: "message.delete",
  permission: "message.edit",
  schema: z.object(target),
  async run({ tx, input, access }) {
    const row = await findInBox(tx, access, input.messageId);
    if (row.folder !== "trash") throw new ActionError("not_found", fr.errors.notFound);
    await tx.delete(messages).where(and(eq(messages.id, row.id), eq(messages.folder, "trash")));
    return { target: row.id, redirectTo: `/m/${access.mailbox.id}/trash?notice=deleted` };
  },
});

export const markUnreadSpec = defineMailboxAction({
  action: "message.mark_unread",
  permission: "mailbox.read",
  schema: z.object(target),
  async run({ tx, input, access, principal }) {
    const row = await findInBox(tx, access, input.messageId);
    await tx.delete(messageReads).where(and(eq(messageReads.messageId, row.id), eq(messageReads.userId, principal.userId)));
    return { target: row.id, redirectTo: `/m/${access.mailbox.id}/${input.folder}?notice=unread` };
  },
});

export const flagSpec = defineMailboxAction({
  action: "message.flag",
  permission: "message.edit",
  schema: z.object({ ...target, flagged: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async run({ tx, input, access }) {
    const row = await findInBox(tx, access, input.messageId);
    await tx.update(messages).set({ flagged: input.flagged }).where(eq(messages.id, row.id));
    return { target: row.id, metadata: { flagged: input.flagged } };
  },
});

/** Hand a message of a shared box to a colleague who can read the box, or take it back ("" = nobody). */
export const assignSpec = defineMailboxAction({
  action: "message.assign",
  permission: "message.edit",
  schema: z.object({ ...target, assigneeId: z.union([z.literal(""), z.uuid(fr.errors.notFound)]) }),
  async run({ tx, input, access }) {
    const [row] = await tx
      .select({ id: messages.id, assignedUserId: messages.assignedUserId })
      .from(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.mailboxId, access.mailbox.id)))
      .for("update");
    if (!row) throw new ActionError("not_found", fr.errors.notFound);
    const assignee = input.assigneeId || null;
    if (assignee && !can(await loadAccess(tx, assignee, access.mailbox.id), "mailbox.read"))
      throw new ActionError("invalid_input", fr.message.assignNoAccess, { assigneeId: [fr.message.assignNoAccess] });
    await tx.update(messages).set({ assignedUserId: assignee }).where(eq(messages.id, row.id));
    return { target: row.id, metadata: { assigneeBefore: row.assignedUserId, assigneeAfter: assignee } };
  },
});

/** A received message brought in from its .eml file (how HTML mail reaches a box here), into the Réception. */
export const importSpec = defineMailboxAction({
  action: "message.import",
  permission: "message.edit",
  schema: z.object({
    mailboxId: z.string(),
    file: z
      .instanceof(File, { message: fr.importEml.missingFile })
      .refine((f) => f.size > 0, fr.importEml.missingFile)
      .refine((f) => f.size <= limits.eml, fr.importEml.tooLarge(limits.eml)),
  }),
  async run({ tx, input, access }) {
    const { copy, files } = await parseEml(Buffer.from(await input.file.arrayBuffer()), access.mailbox);
    const id = await storeCopy(tx, access.mailbox.id, "inbox", copy);
    for (const file of files) await addAttachment(tx, id, file);
    const [{ threadId }] = await tx.select({ threadId: messages.threadId }).from(messages).where(eq(messages.id, id));
    return { target: id, metadata: { attachments: files.length }, redirectTo: `/m/${access.mailbox.id}/inbox/${threadId}` };
  },
});
