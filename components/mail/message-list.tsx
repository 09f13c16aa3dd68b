import Link from "next/link";
import type { AddressEntry } from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { readableSubject } from "@/lib/mail/xdm";
import { formatDateTime, formatListDate } from "@/lib/i18n/format";
import type { Folder } from "@/lib/mail/folders";
import { formatIns, isPatientAddress, patientsAmong } from "@/lib/mail/patient-address";
import { DeliveryRefresh } from "./delivery-status";

type Row = {
  id: string;
  threadId: string;
  draftId: string | null;
  fromAddress: string;
  fromName: string | null;
  senderName: string | null;
  to: AddressEntry[];
  /** The applicative box it was addressed to, when it landed here as that box's linked box. */
  viaAddress: string | null;
  subject: string;
  receivedAt: Date;
  unread: boolean;
  flagged: boolean;
  readReceiptAt: Date | null;
  /** Recipients at other operators still on the way, and those it failed to reach. */
  pending: number;
  failed: number;
  assigneeName: string | null;
};

/** A correspondent by name; a patient without one by INS rather than the bare address (docs/domain.md §3). */
const nameOf = (a: { address: string; name: string | null }) =>
  a.name ?? (isPatientAddress(a.address) ? fr.patients.ins(formatIns(a.address)) : a.address);

/** In Envoyés and Brouillons the person wants to see who it went to. */
function correspondent(row: Row, folder: Folder): string {
  if (folder === "sent" || folder === "drafts") return row.to.map(nameOf).join(", ");
  return nameOf({ address: row.fromAddress, name: row.fromName });
}

export function MessageList({
  mailboxId,
  mailboxName,
  folder,
  rows,
  nextCursor,
  isFirstPage,
  shared,
  view,
  liveRefreshMs,
}: {
  mailboxId: string;
  mailboxName: string;
  folder: Folder;
  rows: Row[];
  nextCursor: string | null;
  isFirstPage: boolean;
  /** A shared box offers the "assigned to me" filter. */
  shared: boolean;
  /** Which messages are listed: all, those assigned to the person, or the conversations with patients. */
  view: "all" | "assigned" | "patients";
  /** How often messages still on their way are asked about again. */
  liveRefreshMs: number;
}) {
  const base = `/m/${mailboxId}/${folder}`;
  const filter = view === "assigned" ? "assigned=me&" : view === "patients" ? "patients=1&" : "";
  const href = (row: Row) => (folder === "drafts" ? `/m/${mailboxId}/compose?draft=${row.draftId}` : `${base}/${row.threadId}`);
  return (
    <>
      <nav aria-label={fr.list.filter} className="mb-3 flex gap-4 text-sm">
        {[
          { href: base, current: view === "all", label: fr.list.all },
          ...(shared ? [{ href: `${base}?assigned=me`, current: view === "assigned", label: fr.list.assignedToMe }] : []),
          { href: `${base}?patients=1`, current: view === "patients", label: fr.list.patients },
        ].map((v) => (
          <Link
            key={v.href}
            href={v.href}
            aria-current={v.current ? "page" : undefined}
            className={v.current ? "font-semibold" : "text-brand-700 underline"}
          >
            {v.label}
          </Link>
        ))}
      </nav>
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
                  {patientsAmong([row.fromAddress, ...row.to.map((t) => t.address)]).length > 0 && (
                    <span className="mr-2 rounded-full bg-teal-800 px-2 py-0.5 text-xs font-semibold text-white">{fr.patients.badge}</span>
                  )}
                  {correspondent(row, folder)}
                  {row.viaAddress && <span className="block text-xs font-normal text-slate-700">{fr.message.via(row.viaAddress)}</span>}
                </span>
                <span className={`min-w-0 flex-1 truncate ${row.unread ? "font-bold" : ""}`}>
                  {readableSubject(row.subject) || fr.list.noSubject}
                  {folder === "sent" && row.senderName && (
                    <span className="block text-xs font-normal text-slate-700">{fr.list.sentBy(row.senderName, mailboxName)}</span>
                  )}
                  {folder === "drafts" && row.senderName && (
                    <span className="block text-xs font-normal text-slate-700">{fr.list.preparedBy(row.senderName)}</span>
                  )}
                  {row.failed > 0 && <span className="block text-xs font-medium text-red-700">{fr.delivery.undelivered(row.failed)}</span>}
                  {row.pending > 0 && <span className="block text-xs font-medium text-amber-800">{fr.delivery.pending(row.pending)}</span>}
                  {row.readReceiptAt && (
                    <span className="block text-xs font-normal text-green-800">
                      {fr.receipts.readOn(formatDateTime(row.readReceiptAt))}
                    </span>
                  )}
                  {row.assigneeName && (
                    <span className="block text-xs font-normal text-slate-700">{fr.message.assignedTo(row.assigneeName)}</span>
                  )}
                </span>
                {row.flagged && (
                  <span className="shrink-0 text-xs font-semibold text-amber-800">
                    <span aria-hidden>★ </span>
                    {fr.message.flagged}
                  </span>
                )}
                <time
                  dateTime={row.receivedAt.toISOString()}
                  title={formatDateTime(row.receivedAt)}
                  className="shrink-0 text-sm text-slate-700"
                >
                  {formatListDate(row.receivedAt)}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <DeliveryRefresh
        mailboxId={mailboxId}
        watched={rows.filter((r) => r.pending > 0).map(({ id, pending, failed }) => ({ id, pending, failed }))}
        intervalMs={liveRefreshMs}
      />
      <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
        {!isFirstPage && (
          <Link href={filter ? `${base}?${filter.slice(0, -1)}` : base} className="text-brand-700 underline">
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
