import { and, eq, inArray, isNotNull, isNull, lt, ne, sql, type AnyColumn } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import { inPlace, inView } from "@/db/queries/messages";
import { messageReads, messages, triageBatches } from "@/db/schema";
import { defineMailboxAction, type ActionOutcome } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import type { Principal } from "@/lib/auth/principal";
import { loadAccess } from "@/lib/authz/access";
import { can, type MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { isUuid } from "@/lib/ids";
import { repeated, z } from "@/lib/validation";
import { filedIn, moveTargetField, placeField, placeIn } from "./folder-specs";
import { LIST_VIEWS, placeKey, type Folder } from "./folders";

/** Messages one can tick and post at once; beyond, "all of the folder" is resolved here, by its criteria. */
export const MAX_SELECTED = 1_000;
/** How long a bulk move can be undone (the page offers it for a few seconds). */
export const UNDO_MINUTES = 60;

/**
 * A selection: repeated `id` fields, or `all=1` with the `folder` and `view` of the list, which the server
 * resolves itself in the action's transaction. Ids that are not of this box (or not ids at all) are
 * left alone, as missing ones would be; Brouillons are never part of a selection.
 */
const selection = {
  mailboxId: z.string(),
  id: repeated().optional(),
  all: z.literal("1").optional(),
  /** A fixed folder, or the id of one of the box's own. */
  folder: placeField.optional(),
  view: z.enum(LIST_VIEWS).default("all"),
};
type Selection = { id?: string[]; all?: "1"; folder?: string; view: (typeof LIST_VIEWS)[number] };

const bool = z.enum(["true", "false"]).transform((v) => v === "true");

function selectionOf<E extends z.ZodRawShape>(extra: E) {
  return z.object({ ...selection, ...extra }).superRefine((parsed, ctx) => {
    const input = parsed as Selection;
    if (input.all) {
      if (!input.folder) ctx.addIssue({ code: "custom", path: ["folder"], message: fr.errors.invalidFolder });
    } else if (!input.id?.length) ctx.addIssue({ code: "custom", path: ["id"], message: fr.triage.emptySelection });
    else if (input.id.length > MAX_SELECTED) ctx.addIssue({ code: "custom", path: ["id"], message: fr.triage.tooMany(MAX_SELECTED) });
  });
}

/** A list of ids as one parameter, however long: "all of a folder" may select more than a statement takes parameters. */
const among = (column: AnyColumn, ids: string[]) => sql`${column} = any(string_to_array(${ids.join(",")}, ',')::uuid[])`;

type Picked = { id: string; folder: Folder; folderId: string | null; assignedUserId: string | null };

/** The selected messages of this box, locked for the change; a selection of nothing in reach reads as missing. */
async function pick(tx: Tx, access: MailboxAccess, userId: string, input: Selection): Promise<Picked[]> {
  const ids = input.all ? [] : [...new Set(input.id)].filter(isUuid);
  const place = input.all ? await placeIn(tx, access, input.folder!) : null;
  const rows = await tx
    .select({ id: messages.id, folder: messages.folder, folderId: messages.folderId, assignedUserId: messages.assignedUserId })
    .from(messages)
    .where(
      and(
        eq(messages.mailboxId, access.mailbox.id),
        ne(messages.folder, "drafts"),
        place
          ? and(inPlace(place.folder, place.folderId), inView(input.view, userId))
          : ids.length
            ? inArray(messages.id, ids)
            : sql`false`,
      ),
    )
    .for("update");
  if (rows.length === 0) throw new ActionError("not_found", fr.errors.notFound);
  return rows;
}

/** Team states ("Traité", assignment) exist only on shared boxes: on a nominative one, the action finds nothing. */
function sharedOnly(access: MailboxAccess) {
  if (access.mailbox.type === "PER") throw new ActionError("not_found", fr.errors.notFound);
}

/**
 * What a bulk action answers and traces: ONE audit row for the batch, with how many were selected and
 * changed and the ids of those changed (`changes`: the ids, or for a move the ids by the folder they came
 * from). A row per message would hold the chain's lock (lib/audit/write.ts), which every audited action of
 * every box waits on, for as long as hashing and inserting a thousand rows takes.
 */
function outcome(
  selected: number,
  changed: number,
  changes: Record<string, unknown>,
  extra: { target?: string; result?: Record<string, string | null> } = {},
): ActionOutcome {
  return {
    target: extra.target ?? null,
    metadata: { selected, changed, ...changes },
    result: { selected, count: changed, ...extra.result },
  };
}

/** Ids grouped by the folder each message was in (a fixed folder's name, or the id of one of the box's own). */
function byFolder(rows: { id: string; folder: Folder; folderId: string | null }[]) {
  const groups: Record<string, string[]> = {};
  for (const r of rows) (groups[placeKey(r)] ??= []).push(r.id);
  return groups;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export const bulkMarkReadSpec = defineMailboxAction({
  action: "triage.read",
  permission: "mailbox.read",
  schema: selectionOf({}),
  async run({ tx, input, access, principal }) {
    const rows = await pick(tx, access, principal.userId, input);
    const marked = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into message_reads (message_id, user_id)
        select ${messages.id}, ${principal.userId}::uuid from ${messages} where ${among(messages.id, ids(rows))}
        on conflict do nothing returning message_id as id`),
    );
    return outcome(rows.length, marked.length, { messages: ids(marked) });
  },
});

export const bulkMarkUnreadSpec = defineMailboxAction({
  action: "triage.unread",
  permission: "mailbox.read",
  schema: selectionOf({}),
  async run({ tx, input, access, principal }) {
    const rows = await pick(tx, access, principal.userId, input);
    const unmarked = await tx
      .delete(messageReads)
      .where(and(eq(messageReads.userId, principal.userId), among(messageReads.messageId, ids(rows))))
      .returning({ id: messageReads.messageId });
    return outcome(rows.length, unmarked.length, { messages: ids(unmarked) });
  },
});

export const bulkFlagSpec = defineMailboxAction({
  action: "triage.flag",
  permission: "message.edit",
  schema: selectionOf({ flagged: bool }),
  async run({ tx, input, access, principal }) {
    const rows = await pick(tx, access, principal.userId, input);
    const flagged = await tx
      .update(messages)
      .set({ flagged: input.flagged })
      .where(and(among(messages.id, ids(rows)), ne(messages.flagged, input.flagged)))
      .returning({ id: messages.id });
    return outcome(rows.length, flagged.length, { flagged: input.flagged, messages: ids(flagged) });
  },
});

/** Moved together, undone together: the batch records where each message was, for `undoMoveSpec`. */
export const bulkMoveSpec = defineMailboxAction({
  action: "triage.move",
  permission: "message.edit",
  schema: selectionOf({ to: moveTargetField }),
  async run({ tx, input, access, principal }) {
    const to = await placeIn(tx, access, input.to);
    const picked = await pick(tx, access, principal.userId, input);
    const rows = picked.filter((r) => placeKey(r) !== placeKey(to));
    if (rows.length === 0) return outcome(picked.length, 0, { to: input.to }, { result: { batchId: null } });
    await tx
      .delete(triageBatches)
      .where(
        and(
          eq(triageBatches.mailboxId, access.mailbox.id),
          lt(triageBatches.createdAt, sql`now() - make_interval(mins => ${UNDO_MINUTES})`),
        ),
      );
    const [batch] = await tx
      .insert(triageBatches)
      .values({ mailboxId: access.mailbox.id, toFolder: to.folder, toFolderId: to.folderId, actorUserId: principal.userId })
      .returning({ id: triageBatches.id });
    const moved = ids(rows);
    await tx.execute(sql`insert into triage_batch_messages (batch_id, message_id, from_folder, from_folder_id)
      select ${batch.id}::uuid, ${messages.id}, ${messages.folder}, ${messages.folderId} from ${messages} where ${among(messages.id, moved)}`);
    await tx.update(messages).set(filedIn(to)).where(among(messages.id, moved));
    return outcome(picked.length, rows.length, { to: input.to, from: byFolder(rows) }, { target: batch.id, result: { batchId: batch.id } });
  },
});

/**
 * Undo a bulk move of this box, within UNDO_MINUTES: the messages still in the folder they were moved to go
 * back where they were; those moved again or deleted since stay as they are. Once undone, the batch is gone.
 */
export const undoMoveSpec = defineMailboxAction({
  action: "triage.undo",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), batchId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access }) {
    const [batch] = await tx
      .select({ id: triageBatches.id, toFolder: triageBatches.toFolder, toFolderId: triageBatches.toFolderId })
      .from(triageBatches)
      .where(
        and(
          eq(triageBatches.id, input.batchId),
          eq(triageBatches.mailboxId, access.mailbox.id),
          sql`${triageBatches.createdAt} >= now() - make_interval(mins => ${UNDO_MINUTES})`,
        ),
      )
      .for("update");
    if (!batch) throw new ActionError("not_found", fr.errors.notFound);
    // A message whose folder was deleted since goes back to Archives, where the box's own folders are filed.
    const restored = rowsOf<{ id: string; folder: Folder; folderId: string | null }>(
      await tx.execute(sql`update ${messages} set folder = b.from_folder, folder_id = b.from_folder_id from triage_batch_messages b
        where b.batch_id = ${batch.id}::uuid and ${messages.id} = b.message_id
          and ${messages.mailboxId} = ${access.mailbox.id}::uuid and ${messages.folder} = ${batch.toFolder}
          and ${messages.folderId} is not distinct from ${batch.toFolderId}::uuid
        returning ${messages.id} as id, b.from_folder as folder, b.from_folder_id as "folderId"`),
    );
    await tx.delete(triageBatches).where(eq(triageBatches.id, batch.id));
    // Every message of the batch was in reach when it was moved: the count is what is back.
    return outcome(
      restored.length,
      restored.length,
      { from: placeKey({ folder: batch.toFolder, folderId: batch.toFolderId }), to: byFolder(restored) },
      { target: batch.id },
    );
  },
});

/** Hand the selected messages of a shared box to a colleague who can read it, or take them back ("" = nobody). */
export const bulkAssignSpec = defineMailboxAction({
  action: "triage.assign",
  permission: "message.edit",
  schema: selectionOf({ assigneeId: z.union([z.literal(""), z.uuid(fr.errors.notFound)]) }),
  async run({ tx, input, access, principal }) {
    sharedOnly(access);
    const assignee = input.assigneeId || null;
    if (assignee && !can(await loadAccess(tx, assignee, access.mailbox.id), "mailbox.read"))
      throw new ActionError("invalid_input", fr.message.assignNoAccess, { assigneeId: [fr.message.assignNoAccess] });
    const rows = await pick(tx, access, principal.userId, input);
    const changed = rows.filter((r) => r.assignedUserId !== assignee);
    if (changed.length > 0)
      await tx
        .update(messages)
        .set({ assignedUserId: assignee })
        .where(among(messages.id, ids(changed)));
    return outcome(rows.length, changed.length, { assigneeAfter: assignee, messages: ids(changed) });
  },
});

/** Mark messages of a shared box "Traité" for the whole team (who and when are kept), or not any more. */
async function setDone(tx: Tx, principal: Principal, messageIds: string[], done: boolean) {
  return tx
    .update(messages)
    .set(done ? { doneAt: sql`now()`, doneByUserId: principal.userId } : { doneAt: null, doneByUserId: null })
    .where(and(among(messages.id, messageIds), done ? isNull(messages.doneAt) : isNotNull(messages.doneAt)))
    .returning({ id: messages.id });
}

export const bulkDoneSpec = defineMailboxAction({
  action: "triage.done",
  permission: "message.edit",
  schema: selectionOf({ done: bool }),
  async run({ tx, input, access, principal }) {
    sharedOnly(access);
    const rows = await pick(tx, access, principal.userId, input);
    const changed = await setDone(tx, principal, ids(rows), input.done);
    return outcome(rows.length, changed.length, { done: input.done, messages: ids(changed) });
  },
});

/** The same for the one message being read. */
export const doneSpec = defineMailboxAction({
  action: "message.done",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), messageId: z.uuid(fr.errors.notFound), done: bool }),
  async run({ tx, input, access, principal }) {
    sharedOnly(access);
    const [row] = await pick(tx, access, principal.userId, { id: [input.messageId], view: "all" });
    const changed = await setDone(tx, principal, [row.id], input.done);
    return { target: row.id, metadata: { done: input.done }, result: { done: input.done, changed: changed.length > 0 } };
  },
});
