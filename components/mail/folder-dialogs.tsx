"use client";

import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DeferredModal } from "@/components/ui/deferred-modal";
import { TextField } from "@/components/ui/field";
import { createFolder, deleteFolder, renameFolder } from "@/lib/actions/folders";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-mail";
import { FOLDER_NAME_MAX } from "@/lib/mail/folders";
import { folderLabel, type FolderOption } from "./folder-select";

const triggerClass = "inline-flex min-h-11 items-center text-sm text-brand-700 underline sm:min-h-0";

/** A form in a modal dialog, opened by a link-like button; its form starts afresh each time it opens. */
function FormDialog({ trigger, title, children }: { trigger: string; title: string; children: (close: () => void) => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <DeferredModal
      open={open}
      onOpenChange={setOpen}
      trigger={trigger}
      triggerClassName={triggerClass}
      title={title}
      classes={{
        content:
          "fixed top-1/2 left-1/2 z-50 w-[28rem] max-w-[92vw] -translate-x-1/2 -translate-y-1/2 rounded-md bg-white p-5 shadow-xl focus:outline-none",
        title: "mb-3 text-lg font-semibold",
      }}
    >
      {children(close)}
    </DeferredModal>
  );
}

/** The form's buttons: cancel closes, the other posts. */
function Actions({ submit, pending, close, danger = false }: { submit: string; pending: boolean; close: () => void; danger?: boolean }) {
  return (
    <div className="mt-4 flex justify-end gap-2">
      <Button type="button" variant="secondary" onClick={close}>
        {fr.customFolders.cancel}
      </Button>
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
        {submit}
      </Button>
    </div>
  );
}

/** Closes the dialog once the action succeeded (the page has been refreshed by then). */
function useCloseOnSuccess(ok: boolean, close: () => void) {
  useEffect(() => {
    if (ok) close();
  }, [ok, close]);
}

function CreateForm({ mailboxId, folders, close }: { mailboxId: string; folders: readonly FolderOption[]; close: () => void }) {
  const [state, action, pending] = useFormAction(createFolder);
  const parentId = useId();
  useCloseOnSuccess(state.ok, close);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <TextField
        label={fr.customFolders.name}
        name="name"
        required
        maxLength={FOLDER_NAME_MAX}
        autoFocus
        errors={state.fieldErrors?.name}
      />
      <div>
        <label htmlFor={parentId} className="block text-sm font-medium">
          {fr.customFolders.parent}
        </label>
        <select id={parentId} name="parentId" className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm">
          <option value="">{fr.customFolders.topLevel}</option>
          {folders
            .filter((f) => f.parentId === null)
            .map((f) => (
              <option key={f.id} value={f.id}>
                {fr.customFolders.inside(f.name)}
              </option>
            ))}
        </select>
      </div>
      {state.error && !state.fieldErrors?.name && <Alert kind="error">{state.error}</Alert>}
      <Actions submit={fr.customFolders.submitCreate} pending={pending} close={close} />
    </form>
  );
}

/** « Nouveau dossier », in the sidebar of those who organise the box. */
export function CreateFolderDialog({ mailboxId, folders }: { mailboxId: string; folders: readonly FolderOption[] }) {
  return (
    <FormDialog trigger={fr.customFolders.create} title={fr.customFolders.createTitle}>
      {(close) => <CreateForm mailboxId={mailboxId} folders={folders} close={close} />}
    </FormDialog>
  );
}

function RenameForm({ mailboxId, folder, close }: { mailboxId: string; folder: FolderOption; close: () => void }) {
  const [state, action, pending] = useFormAction(renameFolder);
  useCloseOnSuccess(state.ok, close);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="folderId" value={folder.id} />
      <TextField
        label={fr.customFolders.name}
        name="name"
        required
        maxLength={FOLDER_NAME_MAX}
        defaultValue={folder.name}
        autoFocus
        errors={state.fieldErrors?.name}
      />
      {state.error && !state.fieldErrors?.name && <Alert kind="error">{state.error}</Alert>}
      <Actions submit={fr.customFolders.submitRename} pending={pending} close={close} />
    </form>
  );
}

function DeleteForm({
  mailboxId,
  folder,
  total,
  folders,
  close,
}: {
  mailboxId: string;
  folder: FolderOption;
  total: number;
  folders: readonly FolderOption[];
  close: () => void;
}) {
  const [state, action, pending] = useFormAction(deleteFolder);
  const moveToId = useId();
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="folderId" value={folder.id} />
      {total === 0 ? (
        <p className="text-sm">{fr.customFolders.removeEmpty}</p>
      ) : (
        <div>
          <p className="mb-2 text-sm">{fr.customFolders.removeHeld(total)}</p>
          <label htmlFor={moveToId} className="block text-sm font-medium">
            {fr.customFolders.moveTo}
          </label>
          <select
            id={moveToId}
            name="moveTo"
            required
            defaultValue="archive"
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
          >
            <option value="archive">{fr.folders.archive}</option>
            <option value="inbox">{fr.folders.inbox}</option>
            {folders
              .filter((f) => f.id !== folder.id && f.parentId !== folder.id)
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {folderLabel(f, folders)}
                </option>
              ))}
          </select>
        </div>
      )}
      {state.error && <Alert kind="error">{state.error}</Alert>}
      <Actions submit={fr.customFolders.confirmRemove} pending={pending} close={close} danger />
    </form>
  );
}

/** « Renommer » and « Supprimer le dossier » on the list of one of the box's own folders; deleting asks first. */
export function FolderActions({
  mailboxId,
  folder,
  total,
  folders,
}: {
  mailboxId: string;
  folder: FolderOption;
  total: number;
  folders: readonly FolderOption[];
}) {
  return (
    <div role="group" aria-label={fr.customFolders.manage} className="flex flex-wrap gap-4">
      <FormDialog trigger={fr.customFolders.rename} title={fr.customFolders.renameTitle(folder.name)}>
        {(close) => <RenameForm mailboxId={mailboxId} folder={folder} close={close} />}
      </FormDialog>
      <FormDialog trigger={fr.customFolders.remove} title={fr.customFolders.removeTitle(folder.name)}>
        {(close) => <DeleteForm mailboxId={mailboxId} folder={folder} total={total} folders={folders} close={close} />}
      </FormDialog>
    </div>
  );
}
