"use client";

import { useId } from "react";
import * as fr from "@/lib/i18n/fr-mail";

/** A folder of the box's own as menus offer it. */
export type FolderOption = { id: string; name: string; parentId: string | null };

/** A sub-folder is named with its parent, as the sidebar shows it beneath. */
export function folderLabel(folder: FolderOption, folders: readonly FolderOption[]) {
  const parent = folder.parentId ? folders.find((f) => f.id === folder.parentId) : null;
  return parent ? `${parent.name} / ${folder.name}` : folder.name;
}

/** « Classer dans »: the box's own folders, but the one the messages are in. */
export function FolderSelect({ folders, exclude }: { folders: readonly FolderOption[]; exclude?: string }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="text-sm">
        {fr.customFolders.fileIn}
      </label>
      <select id={id} name="to" required className="rounded-md border border-slate-400 bg-white px-2 py-2 text-sm">
        {folders
          .filter((f) => f.id !== exclude)
          .map((f) => (
            <option key={f.id} value={f.id}>
              {folderLabel(f, folders)}
            </option>
          ))}
      </select>
    </>
  );
}
