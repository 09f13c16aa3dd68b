"use client";

import { useEffect, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { prepareToasts, toast, toastError } from "@/components/ui/toasts";
import {
  assignMessages,
  flagMessages,
  markDoneMessages,
  markReadMessages,
  markUnreadMessages,
  moveMessages,
  undoMove,
} from "@/lib/actions/triage";
import type { ActionState } from "@/lib/actions/state";
import * as fr from "@/lib/i18n/fr-mail";
import { MOVE_TARGETS, type ListView } from "@/lib/mail/folders";
import { FolderSelect, folderLabel, type FolderOption } from "./folder-select";
import { MemberSelect } from "./member-select";

export type TriageScope = {
  mailboxId: string;
  /** The folder listed: a fixed folder's name, or the id of one of the box's own. */
  folder: string;
  view: ListView;
  /** Messages of the folder in this view, for "all of the folder". */
  total: number;
  canEdit: boolean;
  /** On a shared box: "Traité" and the colleagues a message can be assigned to. */
  members: { id: string; name: string }[] | null;
  /** The box's own folders, to file messages in. */
  folders: readonly FolderOption[];
};

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Fixed folders offered from a folder: never where the messages already are. */
const targets = (folder: string) => MOVE_TARGETS.filter((t) => t !== folder);

/** A move target as the toast names it: a fixed folder, or one of the box's own. */
export const placeLabel = (key: string, folders: readonly FolderOption[]) => {
  const own = folders.find((f) => f.id === key);
  return own ? folderLabel(own, folders) : (fr.folders[key as keyof typeof fr.folders] ?? key);
};

/** The drag-and-drop payload of messages dragged from the list onto a folder. */
export const DRAG_TYPE = "application/x-mssante-messages";

/** What is ticked: some messages by id, or the whole folder in a view, which the server resolves itself (never N ids). */
export type Picked = { ids: readonly string[] } | { folder: string; view: ListView };

/** Post one triage action for a selection. */
export function postSelection(mailboxId: string, picked: Picked, action: Action, fields: Record<string, string>) {
  const form = new FormData();
  form.set("mailboxId", mailboxId);
  if ("ids" in picked) for (const id of picked.ids) form.append("id", id);
  else {
    form.set("all", "1");
    form.set("folder", picked.folder);
    form.set("view", picked.view);
  }
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return action({ ok: false }, form);
}

/** Move a selection, then say so with "Annuler" for ten seconds; false when refused (the selection stays). */
export async function moveSelection(mailboxId: string, picked: Picked, to: string, label: string) {
  const state = await postSelection(mailboxId, picked, moveMessages, { to });
  if (!state.ok) {
    toastError(state.error);
    return false;
  }
  const batchId = state.result?.batchId;
  toast(fr.list.moved(Number(state.result?.count ?? 0), label), {
    duration: 10_000,
    action:
      typeof batchId === "string"
        ? {
            label: fr.list.undo,
            onClick: async () => {
              const form = new FormData();
              form.set("mailboxId", mailboxId);
              form.set("batchId", batchId);
              const undone = await undoMove({ ok: false }, form);
              if (undone.ok) toast(fr.list.undone(Number(undone.result?.count ?? 0)));
              else toastError(undone.error);
            },
          }
        : undefined,
  });
  return true;
}

/** What can be done to the ticked messages at once. */
export function SelectionToolbar({
  scope,
  ids,
  all,
  onDone,
}: {
  scope: TriageScope;
  ids: readonly string[];
  all: boolean;
  onDone: () => void;
}) {
  const [pending, start] = useTransition();
  // Shown once messages are ticked: the notices of what it does can follow.
  useEffect(prepareToasts, []);
  const picked: Picked = all ? { folder: scope.folder, view: scope.view } : { ids };
  const run = (action: Action, fields: Record<string, string>) =>
    start(async () => {
      const state = await postSelection(scope.mailboxId, picked, action, fields);
      if (!state.ok) {
        toastError(state.error);
        return;
      }
      onDone();
      toast(fr.list.changed(Number(state.result?.count ?? 0)));
    });
  const move = (to: string) =>
    start(async () => {
      if (await moveSelection(scope.mailboxId, picked, to, placeLabel(to, scope.folders))) onDone();
    });
  return (
    <div role="toolbar" aria-label={fr.list.bulk} data-selection-toolbar className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="secondary" disabled={pending} onClick={() => run(markReadMessages, {})}>
        {fr.list.markRead}
      </Button>
      <Button variant="secondary" disabled={pending} onClick={() => run(markUnreadMessages, {})}>
        {fr.list.markUnread}
      </Button>
      {scope.canEdit && (
        <>
          <Button variant="secondary" disabled={pending} data-shortcut="flag" onClick={() => run(flagMessages, { flagged: "true" })}>
            {fr.list.flag}
          </Button>
          <Button variant="secondary" disabled={pending} onClick={() => run(flagMessages, { flagged: "false" })}>
            {fr.list.unflag}
          </Button>
          {scope.members && (
            <>
              <Button variant="secondary" disabled={pending} onClick={() => run(markDoneMessages, { done: "true" })}>
                {fr.list.done}
              </Button>
              <Button variant="secondary" disabled={pending} onClick={() => run(markDoneMessages, { done: "false" })}>
                {fr.list.notDone}
              </Button>
            </>
          )}
          {targets(scope.folder).map((to) => (
            <Button
              key={to}
              variant={to === "trash" ? "danger" : "secondary"}
              disabled={pending}
              data-shortcut={to === "archive" ? "archive" : to === "trash" ? "trash" : undefined}
              onClick={() => move(to)}
            >
              {fr.list.moveTo} {fr.folders[to]}
            </Button>
          ))}
          {scope.folders.some((f) => f.id !== scope.folder) && (
            <form
              className="flex items-center gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                move(String(new FormData(event.currentTarget).get("to") ?? ""));
              }}
            >
              <FolderSelect folders={scope.folders} exclude={scope.folder} />
              <Button type="submit" variant="secondary" disabled={pending}>
                {fr.customFolders.file}
              </Button>
            </form>
          )}
          {scope.members && (
            <form
              className="flex items-center gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                run(assignMessages, { assigneeId: String(new FormData(event.currentTarget).get("assigneeId") ?? "") });
              }}
            >
              <MemberSelect members={scope.members} />
              <Button type="submit" variant="secondary" disabled={pending}>
                {fr.list.apply}
              </Button>
            </form>
          )}
        </>
      )}
    </div>
  );
}
