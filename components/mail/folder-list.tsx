import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { folderTotal } from "@/db/queries/folders";
import { foldersFor, membersOf, placeFor } from "@/db/queries/render-cache";
import { listFolder, pageCursor } from "@/db/queries/messages";
import type { AddressEntry } from "@/db/schema";
import { cancelScheduled } from "@/lib/actions/compose";
import { reasonLabel } from "@/lib/audit/labels";
import { can } from "@/lib/authz/permissions";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime, formatListDate } from "@/lib/i18n/format";
import type { Folder, ListView } from "@/lib/mail/folders";
import { formatIns, isPatientAddress, patientsAmong } from "@/lib/mail/patient-address";
import { readableSubject } from "@/lib/mail/xdm";
import { listRead } from "@/lib/read-your-writes";
import { DeliveryRefresh } from "./delivery-status";
import { FolderActions } from "./folder-dialogs";
import { ImportEml } from "./import-eml";
import { liveRefreshMs } from "./mail-shell";
import { ListHeading } from "./list-heading";
import { MessageTable, type ListRow } from "./message-table";

const notices = {
  sent: fr.compose.sentOk,
  sending: fr.compose.sentRemote,
  sentPartly: fr.compose.sentPartly,
  moved: fr.message.moved,
  deleted: fr.message.deleted,
  unread: fr.message.markedUnread,
  draft: fr.compose.draftSaved,
  draftDeleted: fr.compose.draftDeleted,
  folderDeleted: fr.customFolders.deleted,
  scheduled: fr.compose.scheduledNotice,
};

/** The list's state in the URL. */
export type FolderQuery = {
  cursor?: string;
  before?: string;
  start?: string;
  notice?: string;
  assigned?: string;
  patients?: string;
  todo?: string;
  /** After « Envoyer » with a delay: the send that « Annuler l'envoi » can still stop. */
  schedule?: string;
};

/** A correspondent by name; a patient without one by INS rather than the bare address (docs/domain.md §3). */
const nameOf = (a: { address: string; name: string | null }) =>
  a.name ?? (isPatientAddress(a.address) ? fr.patients.ins(formatIns(a.address)) : a.address);

/** In Envoyés and Brouillons the person wants to see who it went to. */
const correspondent = (row: { fromAddress: string; fromName: string | null; to: AddressEntry[] }, folder: Folder) =>
  folder === "sent" || folder === "drafts" ? row.to.map(nameOf).join(", ") : nameOf({ address: row.fromAddress, name: row.fromName });

/** One page of a folder as the list pane shows it: rows as plain data for the client table, position and paging links. */
export async function FolderList({ mailboxId, folder, query }: { mailboxId: string; folder: string; query: FolderQuery }) {
  const { principal, access } = await requireMailbox(mailboxId, "mailbox.read");
  const place = await placeFor(db, access, folder);
  if (!place) notFound();
  const { folderId } = place;
  const shared = access.mailbox.type !== "PER";
  const view: ListView =
    shared && query.assigned === "me" ? "assigned" : shared && query.todo === "1" ? "todo" : query.patients === "1" ? "patients" : "all";
  const cursor = pageCursor(query);
  const canEdit = can(access, "message.edit");
  const [[page, total, own], members] = await Promise.all([
    // The own folders with their counts as the sidebar's summary reads them (one read, memoised per database).
    listRead((reads) =>
      Promise.all([
        listFolder(reads, { userId: principal.userId, access, folder: place.folder, folderId, cursor, view }),
        folderTotal(reads, { userId: principal.userId, access, folder: place.folder, folderId, view }),
        foldersFor(reads, principal.userId, access),
      ]),
    ),
    shared ? membersOf(db, access) : null,
  ]);
  const folders = own.map(({ id, name, parentId }) => ({ id, name, parentId }));
  const shown = own.find((f) => f.id === folderId);
  const base = `/m/${access.mailbox.id}/${folder}`;
  const filter: Record<string, string> = { all: {}, assigned: { assigned: "me" }, todo: { todo: "1" }, patients: { patients: "1" } }[view];
  const start = page.previousCursor ? Math.max(1, Number.parseInt(query.start ?? "", 10) || 1) : 1;
  const link = (extra: Record<string, string>) => {
    const search = new URLSearchParams({ ...filter, ...extra }).toString();
    return search ? `${base}?${search}` : base;
  };
  const notice = query.notice && query.notice in notices ? notices[query.notice as keyof typeof notices] : null;
  const rows: ListRow[] = page.messages.map((m) => ({
    id: m.id,
    threadId: m.threadId,
    href: place.folder === "drafts" ? `/m/${access.mailbox.id}/compose?draft=${m.draftId}` : `${base}/${m.threadId}`,
    correspondent: correspondent(m, place.folder),
    via: m.viaAddress ? fr.message.via(m.viaAddress) : null,
    subject: readableSubject(m.subject) || fr.list.noSubject,
    preview: m.preview,
    dateIso: m.receivedAt.toISOString(),
    dateLabel: formatListDate(m.receivedAt),
    dateTitle: formatDateTime(m.receivedAt),
    unread: m.unread,
    flagged: m.flagged,
    hasAttachments: m.hasAttachments,
    xdm: m.hasXdm,
    patient: patientsAmong([m.fromAddress, ...m.to.map((t) => t.address)]).length > 0,
    notes: [
      ...(place.folder === "sent" && m.senderName
        ? [{ text: fr.list.sentBy(m.senderName, access.mailbox.displayName), tone: "muted" as const }]
        : []),
      ...(place.folder === "drafts" && m.senderName ? [{ text: fr.list.preparedBy(m.senderName), tone: "muted" as const }] : []),
      ...(m.scheduledAt
        ? [
            m.scheduleFailure
              ? { text: fr.compose.scheduledFailed(reasonLabel(m.scheduleFailure)), tone: "error" as const }
              : { text: fr.compose.scheduledFor(formatDateTime(m.scheduledAt)), tone: "warn" as const },
          ]
        : []),
      ...(m.failed > 0 ? [{ text: fr.delivery.undelivered(m.failed), tone: "error" as const }] : []),
      ...(m.pending > 0 ? [{ text: fr.delivery.pending(m.pending), tone: "warn" as const }] : []),
      ...(m.readReceiptAt ? [{ text: fr.receipts.readOn(formatDateTime(m.readReceiptAt)), tone: "ok" as const }] : []),
      ...(m.assigneeName ? [{ text: fr.message.assignedTo(m.assigneeName), tone: "muted" as const }] : []),
      ...(m.doneAt && m.doneByName ? [{ text: fr.list.doneBy(m.doneByName, formatDateTime(m.doneAt)), tone: "ok" as const }] : []),
    ],
  }));
  return (
    <div className="flex flex-col gap-3">
      <ListHeading>
        {place.name} <span className="text-base font-normal text-slate-700">— {access.mailbox.displayName}</span>
      </ListHeading>
      {shown && canEdit && <FolderActions mailboxId={access.mailbox.id} folder={shown} total={shown.total} folders={folders} />}
      {notice && <Alert kind="notice">{notice}</Alert>}
      {query.notice === "undo" && query.schedule && (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm">
          <span>{fr.compose.undoPending}</span>
          <ActionButton
            action={cancelScheduled}
            fields={{ mailboxId: access.mailbox.id, scheduleId: query.schedule }}
            label={fr.compose.undo}
          />
        </div>
      )}
      {folder === "inbox" && canEdit && <ImportEml mailboxId={access.mailbox.id} />}
      <nav aria-label={fr.list.filter} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {[
          { href: base, current: view === "all", label: fr.list.all },
          ...(shared
            ? [
                { href: `${base}?todo=1`, current: view === "todo", label: fr.list.todo },
                { href: `${base}?assigned=me`, current: view === "assigned", label: fr.list.assignedToMe },
              ]
            : []),
          { href: `${base}?patients=1`, current: view === "patients", label: fr.list.patients },
        ].map((v) => (
          <Link
            key={v.href}
            href={v.href}
            aria-current={v.current ? "page" : undefined}
            className={`inline-flex min-h-11 items-center sm:min-h-0 ${v.current ? "font-semibold" : "text-brand-700 underline"}`}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="mt-6 text-slate-700">{fr.list.empty}</p>
      ) : (
        <MessageTable rows={rows} scope={{ mailboxId: access.mailbox.id, folder, view, total, canEdit, members, folders }} />
      )}
      <DeliveryRefresh
        mailboxId={access.mailbox.id}
        watched={page.messages.filter((r) => r.pending > 0).map(({ id, pending, failed }) => ({ id, pending, failed }))}
        intervalMs={liveRefreshMs()}
      />
      {rows.length > 0 && (
        <nav aria-label="Pagination" className="flex flex-wrap items-center gap-4 text-sm">
          <span>{fr.list.position(start, start + rows.length - 1, Math.max(total, start + rows.length - 1))}</span>
          {page.previousCursor && (
            <Link
              href={start <= 51 ? link({}) : link({ before: page.previousCursor, start: String(start - 50) })}
              className="inline-flex min-h-11 items-center text-brand-700 underline sm:min-h-0"
            >
              {fr.list.previous}
            </Link>
          )}
          {page.nextCursor && (
            <Link
              href={link({ cursor: page.nextCursor, start: String(start + rows.length) })}
              className="inline-flex min-h-11 items-center text-brand-700 underline sm:min-h-0"
            >
              {fr.list.next}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
