import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { findPlace } from "@/db/queries/folders";
import { mailboxFolders, messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { can, type MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { text, z } from "@/lib/validation";
import { isUuid } from "@/lib/ids";
import { FOLDER_NAME_MAX, isFolder, MOVE_TARGETS, placeKey, type Place } from "./folders";

/** A place a form names: a fixed folder, or the id of one of the box's own (checked against the box by `placeIn`). */
export const placeField = z.string().refine((v) => isFolder(v) || isUuid(v), fr.errors.invalidFolder);
/** Where a person may file messages: Réception, Archives, Corbeille, or one of the box's own folders. */
export const moveTargetField = z
  .string()
  .refine((v) => (MOVE_TARGETS as readonly string[]).includes(v) || isUuid(v), fr.errors.invalidFolder);

/** The place in this box, or refused as missing: a folder of another box reads exactly like no folder. */
export async function placeIn(tx: Tx, access: MailboxAccess, key: string): Promise<Place> {
  const place = can(access, "mailbox.read") ? await findPlace(tx, access, key) : null;
  if (!place) throw new ActionError("not_found", fr.errors.notFound);
  return { folder: place.folder, folderId: place.folderId };
}

/** What filing messages in a place writes on them. */
export const filedIn = (place: Place) => ({ folder: place.folder, folderId: place.folderId });

const name = text()
  .trim()
  .min(1, fr.customFolders.nameMissing)
  .max(FOLDER_NAME_MAX, fr.customFolders.nameTooLong(FOLDER_NAME_MAX))
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), fr.customFolders.nameInvalid);

/** The folder of this box, locked, or refused as missing. */
async function ownFolder(tx: Tx, access: MailboxAccess, id: string) {
  const [row] = await tx
    .select({ id: mailboxFolders.id, name: mailboxFolders.name, parentId: mailboxFolders.parentId })
    .from(mailboxFolders)
    .where(and(eq(mailboxFolders.id, id), eq(mailboxFolders.mailboxId, access.mailbox.id)))
    .for("update");
  if (!row) throw new ActionError("not_found", fr.errors.notFound);
  return row;
}

/**
 * Refuse a name already taken at that level (whatever its case), or a fixed folder's name at the top, which
 * nobody could tell apart. The box's folder names change one transaction at a time, so the check holds.
 */
async function nameFree(tx: Tx, access: MailboxAccess, value: string, parentId: string | null, except?: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`folders:${access.mailbox.id}`}, 0))`);
  const taken =
    (parentId === null && Object.values(fr.folders).some((f) => f.toLowerCase() === value.toLowerCase())) ||
    (
      await tx
        .select({ id: mailboxFolders.id })
        .from(mailboxFolders)
        .where(
          and(
            eq(mailboxFolders.mailboxId, access.mailbox.id),
            parentId ? eq(mailboxFolders.parentId, parentId) : isNull(mailboxFolders.parentId),
            sql`lower(${mailboxFolders.name}) = lower(${value})`,
            except ? ne(mailboxFolders.id, except) : undefined,
          ),
        )
    ).length > 0;
  if (taken) throw new ActionError("conflict", fr.customFolders.nameTaken(value), { name: [fr.customFolders.nameTaken(value)] });
}

/** A folder of the box's own, at the top or inside a top-level one; the team of a shared box sees it at once. */
export const createFolderSpec = defineMailboxAction({
  action: "folder.create",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), name, parentId: z.union([z.literal(""), z.uuid(fr.errors.notFound)]).default("") }),
  async run({ tx, input, access }) {
    const parentId = input.parentId || null;
    if (parentId) {
      const parent = await ownFolder(tx, access, parentId);
      if (parent.parentId) throw new ActionError("invalid_input", fr.customFolders.tooDeep, { parentId: [fr.customFolders.tooDeep] });
    }
    await nameFree(tx, access, input.name, parentId);
    const [created] = await tx
      .insert(mailboxFolders)
      .values({ mailboxId: access.mailbox.id, parentId, name: input.name })
      .returning({ id: mailboxFolders.id });
    return { target: created.id, metadata: { parent: parentId }, result: { folderId: created.id } };
  },
});

export const renameFolderSpec = defineMailboxAction({
  action: "folder.rename",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), folderId: z.uuid(fr.errors.notFound), name }),
  async run({ tx, input, access }) {
    const folder = await ownFolder(tx, access, input.folderId);
    await nameFree(tx, access, input.name, folder.parentId, folder.id);
    await tx.update(mailboxFolders).set({ name: input.name }).where(eq(mailboxFolders.id, folder.id));
    return { target: folder.id, result: { folderId: folder.id } };
  },
});

/**
 * Delete a folder of the box's own: at once when empty; otherwise its messages go where the person chose,
 * in the same transaction. A folder with sub-folders is emptied of them first.
 */
export const deleteFolderSpec = defineMailboxAction({
  action: "folder.delete",
  permission: "message.edit",
  schema: z.object({
    mailboxId: z.string(),
    folderId: z.uuid(fr.errors.notFound),
    moveTo: z.union([z.literal(""), moveTargetField]).default(""),
  }),
  async run({ tx, input, access }) {
    const folder = await ownFolder(tx, access, input.folderId);
    const [children] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(mailboxFolders)
      .where(eq(mailboxFolders.parentId, folder.id));
    if (children.n > 0) throw new ActionError("conflict", fr.customFolders.hasChildren);
    const held = await tx.select({ id: messages.id }).from(messages).where(eq(messages.folderId, folder.id)).for("update");
    let to: Place = { folder: "archive", folderId: null };
    if (held.length > 0) {
      if (!input.moveTo)
        throw new ActionError("invalid_input", fr.customFolders.moveToMissing(held.length), {
          moveTo: [fr.customFolders.moveToMissing(held.length)],
        });
      to = await placeIn(tx, access, input.moveTo);
      if (to.folderId === folder.id)
        throw new ActionError("invalid_input", fr.customFolders.moveToSelf, { moveTo: [fr.customFolders.moveToSelf] });
      await tx.update(messages).set(filedIn(to)).where(eq(messages.folderId, folder.id));
    }
    await tx.delete(mailboxFolders).where(eq(mailboxFolders.id, folder.id));
    return {
      target: folder.id,
      metadata: { moved: held.length, to: held.length > 0 ? placeKey(to) : null },
      redirectTo: `/m/${access.mailbox.id}/${placeKey(to)}?notice=folderDeleted`,
    };
  },
});
