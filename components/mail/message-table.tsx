"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { prepareToasts } from "@/components/ui/toasts";
import * as fr from "@/lib/i18n/fr-mail";
import { DRAG_TYPE, SelectionToolbar, type Picked, type TriageScope } from "./selection-toolbar";

export type ListRow = {
  id: string;
  threadId: string;
  href: string;
  correspondent: string;
  via: string | null;
  subject: string;
  preview: string;
  dateIso: string;
  dateLabel: string;
  dateTitle: string;
  unread: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  xdm: boolean;
  patient: boolean;
  notes: { text: string; tone: "muted" | "error" | "warn" | "ok" }[];
};

const tones = { muted: "text-slate-700", error: "font-medium text-red-700", warn: "font-medium text-amber-800", ok: "text-green-800" };

/**
 * The rows of a folder's page: open one in the reading pane, tick several (shift-click for a range).
 * A thread opened here reads as read at once, though the list itself is not rendered again.
 */
export function MessageTable({ rows, scope }: { rows: ListRow[]; scope: TriageScope }) {
  const openThread = useParams().thread as string | undefined;
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** "All N of the folder": resolved by the server from the folder and view, whatever is on this page. */
  const [wholeFolder, setWholeFolder] = useState(false);
  const anchor = useRef<number | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const previous = useRef(openThread);

  // Adjusted while rendering (react.dev, "storing information from previous renders"): a thread opened
  // here reads as read; a new page of rows (paging, a refresh) keeps selected only what is still listed.
  const [seen, setSeen] = useState({ openThread, rows });
  if (seen.openThread !== openThread || seen.rows !== rows) {
    setSeen({ openThread, rows });
    if (openThread && !opened.has(openThread)) setOpened(new Set(opened).add(openThread));
    if (seen.rows !== rows) {
      // Rows rendered again by the server know what was read (and marked unread since).
      setOpened(new Set());
      setSelected(new Set(rows.filter((r) => selected.has(r.id)).map((r) => r.id)));
      setWholeFolder(false);
    }
  }

  // Back from a message: focus returns to its row.
  useEffect(() => {
    if (!openThread && previous.current)
      list.current?.querySelector<HTMLAnchorElement>(`[data-thread="${previous.current}"] [data-row-link]`)?.focus();
    previous.current = openThread;
  }, [openThread]);

  const toggle = (index: number, range: boolean) => {
    const next = new Set(selected);
    const on = !selected.has(rows[index].id);
    const [from, to] =
      range && anchor.current !== null ? [Math.min(anchor.current, index), Math.max(anchor.current, index)] : [index, index];
    for (const row of rows.slice(from, to + 1))
      if (on) next.add(row.id);
      else next.delete(row.id);
    anchor.current = index;
    setSelected(next);
    setWholeFolder(false);
  };
  const clear = () => {
    setSelected(new Set());
    setWholeFolder(false);
  };
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <>
      <div className="flex flex-col gap-2 border-b border-slate-200 pb-2 text-sm">
        <div className="flex min-h-11 flex-wrap items-center gap-x-3">
          <label className="flex min-h-11 items-center gap-2 px-2">
            <input
              type="checkbox"
              className="h-5 w-5 accent-brand-700"
              checked={allOnPage}
              onChange={() => (allOnPage ? clear() : setSelected(new Set(rows.map((r) => r.id))))}
            />
            <span className={selected.size > 0 ? "sr-only" : ""}>{fr.list.selectPage}</span>
          </label>
          <span aria-live="polite">
            {wholeFolder ? fr.list.allSelected(scope.total) : selected.size > 0 ? fr.list.selected(selected.size) : ""}
          </span>
          {allOnPage && !wholeFolder && scope.total > rows.length && (
            <button type="button" className="min-h-11 text-brand-700 underline sm:min-h-0" onClick={() => setWholeFolder(true)}>
              {fr.list.selectAll(scope.total)}
            </button>
          )}
          {selected.size > 0 && (
            <button type="button" className="min-h-11 text-brand-700 underline sm:min-h-0" onClick={clear}>
              {fr.list.clearSelection}
            </button>
          )}
        </div>
        {selected.size > 0 && <SelectionToolbar scope={scope} ids={[...selected]} all={wholeFolder} onDone={clear} />}
      </div>
      <ul ref={list} aria-label={fr.list.messages} className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
        {rows.map((row, index) => {
          const unread = row.unread && !opened.has(row.threadId);
          const current = row.threadId === openThread;
          return (
            <li
              key={row.id}
              data-thread={row.threadId}
              // Dragged onto a folder: the ticked messages if this is one of them, else this one alone.
              draggable={scope.canEdit}
              onDragStart={(event) => {
                const picked: Picked = !selected.has(row.id)
                  ? { ids: [row.id] }
                  : wholeFolder
                    ? { folder: scope.folder, view: scope.view }
                    : { ids: [...selected] };
                event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(picked));
                event.dataTransfer.effectAllowed = "move";
                prepareToasts();
              }}
              onDragEnd={(event) => event.dataTransfer.dropEffect === "move" && clear()}
              className={`flex items-stretch ${current ? "bg-brand-50" : selected.has(row.id) ? "bg-slate-100" : "hover:bg-slate-50"}`}
            >
              <label className="flex min-w-11 shrink-0 cursor-pointer items-start justify-center pt-3">
                <input
                  type="checkbox"
                  data-row-select
                  className="h-5 w-5 accent-brand-700"
                  checked={selected.has(row.id)}
                  // onClick rather than onChange: the click carries the shift key of a range.
                  onClick={(e) => toggle(index, e.shiftKey)}
                  onChange={() => undefined}
                  aria-label={fr.list.select(row.subject)}
                />
              </label>
              <Link
                href={row.href}
                data-row-link
                aria-current={current ? "true" : undefined}
                className="flex min-w-0 flex-1 flex-col py-2 pr-3 focus-visible:outline-2 focus-visible:outline-brand-700"
              >
                <span className="flex items-baseline gap-2">
                  <span className={`min-w-0 flex-1 truncate ${unread ? "font-bold" : ""}`}>
                    {unread && <span className="sr-only">{fr.list.unread} : </span>}
                    {unread && <span aria-hidden className="mr-1.5 inline-block h-2 w-2 rounded-full bg-brand-700" />}
                    {row.correspondent}
                    {row.via && <span className="ml-1 text-xs font-normal text-slate-700">{row.via}</span>}
                  </span>
                  {row.hasAttachments && (
                    <span title={fr.list.attachment} className="shrink-0 text-slate-700">
                      <span aria-hidden>📎</span>
                      <span className="sr-only">{fr.list.attachment}</span>
                    </span>
                  )}
                  {row.flagged && (
                    <span className="shrink-0 text-xs font-semibold text-amber-800">
                      <span aria-hidden>★ </span>
                      <span className="sr-only">{fr.message.flagged}</span>
                    </span>
                  )}
                  <time dateTime={row.dateIso} title={row.dateTitle} className="shrink-0 text-xs text-slate-700">
                    {row.dateLabel}
                  </time>
                </span>
                <span className="flex items-baseline gap-2 text-sm">
                  {row.patient && (
                    <span className="shrink-0 rounded-full bg-teal-800 px-2 text-xs font-semibold text-white">{fr.patients.badge}</span>
                  )}
                  {row.xdm && (
                    <span className="shrink-0 rounded-full bg-indigo-800 px-2 text-xs font-semibold text-white">{fr.list.xdm}</span>
                  )}
                  <span className="min-w-0 truncate">
                    <span className={unread ? "font-bold" : ""}>{row.subject}</span>
                    {row.preview && <span className="text-slate-700"> — {row.preview}</span>}
                  </span>
                </span>
                {row.notes.map((note) => (
                  <span key={note.text} className={`text-xs ${tones[note.tone]}`}>
                    {note.text}
                  </span>
                ))}
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
