"use client";

import Link from "next/link";
import * as fr from "@/lib/i18n/fr-mail";
import { FOLDERS, MOVE_TARGETS } from "@/lib/mail/folders";
import { CreateFolderDialog } from "./folder-dialogs";
import { DRAG_TYPE, moveSelection, placeLabel, type Picked } from "./selection-toolbar";
import { useBoxSummary, type BoxSummary } from "./use-box-summary";

/** One folder of the sidebar: a link with its unread count, where messages dragged from the list can drop. */
function FolderLink({
  href,
  label,
  count,
  current,
  droppable,
  onDrop,
  nested = false,
}: {
  href: string;
  label: string;
  count: number;
  current: boolean;
  droppable: boolean;
  onDrop: (picked: Picked) => void;
  nested?: boolean;
}) {
  return (
    <li
      onDragOver={(event) => {
        if (droppable && event.dataTransfer.types.includes(DRAG_TYPE)) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        onDrop(JSON.parse(event.dataTransfer.getData(DRAG_TYPE)) as Picked);
      }}
    >
      <Link
        href={href}
        aria-current={current ? "page" : undefined}
        title={label}
        className={`flex min-h-11 items-center justify-between rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 md:min-h-0 ${nested ? "pl-6" : ""} ${current ? "bg-brand-50 font-semibold" : ""}`}
      >
        <span className="min-w-0 truncate">{label}</span>
        {count > 0 && <span aria-label={fr.nav.unread(count)}>{count}</span>}
      </Link>
    </li>
  );
}

/**
 * The box's folders — the fixed ones, then its own — with their unread counts, which follow the polled
 * summary while a message is read beside the list (a folder a colleague creates appears the same way).
 */
export function FolderNav({
  mailboxId,
  current,
  summary: initial,
  intervalMs,
  canEdit,
}: {
  mailboxId: string;
  /** The folder shown: a fixed folder's name, or the id of one of the box's own. */
  current?: string;
  summary: BoxSummary;
  intervalMs: number;
  /** May organise the box: create folders, drop messages on them. */
  canEdit: boolean;
}) {
  const { unread, folders } = useBoxSummary(mailboxId, initial, intervalMs);
  const drop = (to: string) => (picked: Picked) => void moveSelection(mailboxId, picked, to, placeLabel(to, folders));
  return (
    <nav aria-label={fr.nav.folders}>
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{fr.nav.folders}</h2>
      <ul className="space-y-1">
        {FOLDERS.map((folder) => (
          <FolderLink
            key={folder}
            href={`/m/${mailboxId}/${folder}`}
            label={fr.folders[folder]}
            count={unread[folder] ?? 0}
            current={folder === current}
            // Messages dragged from the list drop onto Réception, Archives or Corbeille.
            droppable={canEdit && folder !== current && (MOVE_TARGETS as readonly string[]).includes(folder)}
            onDrop={drop(folder)}
          />
        ))}
      </ul>
      {(folders.length > 0 || canEdit) && (
        <>
          <h2 className="mt-4 mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{fr.customFolders.heading}</h2>
          <ul className="space-y-1">
            {folders.map((f) => (
              <FolderLink
                key={f.id}
                href={`/m/${mailboxId}/${f.id}`}
                label={f.name}
                count={unread[f.id] ?? 0}
                current={f.id === current}
                droppable={canEdit && f.id !== current}
                onDrop={drop(f.id)}
                nested={f.parentId !== null}
              />
            ))}
          </ul>
          {canEdit && (
            <div className="mt-2 px-2">
              <CreateFolderDialog mailboxId={mailboxId} folders={folders} />
            </div>
          )}
        </>
      )}
    </nav>
  );
}
