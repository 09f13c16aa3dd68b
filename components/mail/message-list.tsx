import Link from "next/link";
import type { AddressEntry } from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime, formatListDate } from "@/lib/i18n/format";
import type { Folder } from "@/lib/mail/folders";

type Row = {
  id: string;
  threadId: string;
  fromAddress: string;
  fromName: string | null;
  senderName: string | null;
  to: AddressEntry[];
  subject: string;
  receivedAt: Date;
  unread: boolean;
  flagged: boolean;
  readReceiptAt: Date | null;
  assigneeName: string | null;
};

/** In Envoyés and Brouillons the person wants to see who it went to. */
function correspondent(row: Row, folder: Folder): string {
  if (folder === "sent" || folder === "drafts") return row.to.map((t) => t.name ?? t.address).join(", ");
  return row.fromName ?? row.fromAddress;
}

export function MessageList({
  mailboxId,
  mailboxName,
  folder,
  rows,
  nextCursor,
  isFirstPage,
  shared,
  assignedToMe,
}: {
  mailboxId: string;
  mailboxName: string;
  folder: Folder;
  rows: Row[];
  nextCursor: string | null;
  isFirstPage: boolean;
  /** A shared box offers the "assigned to me" filter. */
  shared: boolean;
  assignedToMe: boolean;
}) {
  const base = `/m/${mailboxId}/${folder}`;
  const filter = assignedToMe ? "assigned=me&" : "";
  const href = (row: Row) => (folder === "drafts" ? `/m/${mailboxId}/compose?draft=${row.id}` : `${base}/${row.threadId}`);
  return (
    <>
      {shared && (
        <nav aria-label={fr.list.filter} className="mb-3 flex gap-4 text-sm">
          <Link href={base} aria-current={!assignedToMe ? "page" : undefined} className={!assignedToMe ? "font-semibold" : "text-brand-700 underline"}>
            {fr.list.all}
          </Link>
          <Link href={`${base}?assigned=me`} aria-current={assignedToMe ? "page" : undefined} className={assignedToMe ? "font-semibold" : "text-brand-700 underline"}>
            {fr.list.assignedToMe}
          </Link>
        </nav>
      )}
      {rows.length === 0 ? (
        <p className="mt-6 text-slate-700">{fr.list.empty}</p>
      ) : (
      <ul aria-label={fr.list.messages} className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
        {rows.map((row) => (
          <li key={row.id}>
            <Link href={href(row)} className="flex flex-col gap-0.5 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-baseline sm:gap-4">
              <span className={`w-56 shrink-0 truncate ${row.unread ? "font-bold" : ""}`}>
                {row.unread && <span className="sr-only">{fr.list.unread} : </span>}
                {row.unread && <span aria-hidden className="mr-2 inline-block h-2 w-2 rounded-full bg-brand-700" />}
                {correspondent(row, folder)}
              </span>
              <span className={`min-w-0 flex-1 truncate ${row.unread ? "font-bold" : ""}`}>
                {row.subject || fr.list.noSubject}
                {folder === "sent" && row.senderName && (
                  <span className="block text-xs font-normal text-slate-700">{fr.list.sentBy(row.senderName, mailboxName)}</span>
                )}
                {folder === "drafts" && row.senderName && (
                  <span className="block text-xs font-normal text-slate-700">{fr.list.preparedBy(row.senderName)}</span>
                )}
                {row.readReceiptAt && (
                  <span className="block text-xs font-normal text-green-800">{fr.receipts.readOn(formatDateTime(row.readReceiptAt))}</span>
                )}
                {row.assigneeName && <span className="block text-xs font-normal text-slate-700">{fr.message.assignedTo(row.assigneeName)}</span>}
              </span>
              {row.flagged && (
                <span className="shrink-0 text-xs font-semibold text-amber-800">
                  <span aria-hidden>★ </span>
                  {fr.message.flagged}
                </span>
              )}
              <time dateTime={row.receivedAt.toISOString()} title={formatDateTime(row.receivedAt)} className="shrink-0 text-sm text-slate-700">
                {formatListDate(row.receivedAt)}
              </time>
            </Link>
          </li>
        ))}
      </ul>
      )}
      <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
        {!isFirstPage && (
          <Link href={assignedToMe ? `${base}?assigned=me` : base} className="text-brand-700 underline">
            {fr.list.first}
          </Link>
        )}
        {nextCursor && (
          <Link href={`${base}?${filter}cursor=${nextCursor}`} className="text-brand-700 underline">
            {fr.list.next}
          </Link>
        )}
      </nav>
    </>
  );
}
