"use client";

import Link from "next/link";
import { fr } from "@/lib/i18n/fr";
import { FOLDERS, MOVE_TARGETS, type Folder } from "@/lib/mail/folders";
import { DRAG_TYPE, moveSelection, type Picked } from "./selection-toolbar";
import { useBoxSummary, type BoxSummary } from "./use-box-summary";

/** The box's folders with their unread counts, which follow the polled summary while a message is read beside the list. */
export function FolderNav({
  mailboxId,
  current,
  summary: initial,
  intervalMs,
}: {
  mailboxId: string;
  current?: Folder;
  summary: BoxSummary;
  intervalMs: number;
}) {
  const { unread } = useBoxSummary(mailboxId, initial, intervalMs);
  const droppable = (folder: Folder) => folder !== current && (MOVE_TARGETS as readonly Folder[]).includes(folder);
  return (
    <nav aria-label={fr.nav.folders}>
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{fr.nav.folders}</h2>
      <ul className="space-y-1">
        {FOLDERS.map((folder) => {
          const count = unread[folder] ?? 0;
          return (
            <li
              key={folder}
              // Messages dragged from the list drop onto Réception, Archives or Corbeille.
              onDragOver={(event) => {
                if (droppable(folder) && event.dataTransfer.types.includes(DRAG_TYPE)) event.preventDefault();
              }}
              onDrop={(event) => {
                event.preventDefault();
                const picked = JSON.parse(event.dataTransfer.getData(DRAG_TYPE)) as Picked;
                void moveSelection(mailboxId, picked, folder);
              }}
            >
              <Link
                href={`/m/${mailboxId}/${folder}`}
                aria-current={folder === current ? "page" : undefined}
                className={`flex min-h-11 items-center justify-between rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 md:min-h-0 ${folder === current ? "bg-brand-50 font-semibold" : ""}`}
              >
                <span>{fr.folders[folder]}</span>
                {count > 0 && <span aria-label={fr.nav.unread(count)}>{count}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
