import Link from "next/link";
import { deleteMessage, flagMessage, markUnread, moveMessage } from "@/lib/actions/mail";
import { declineReceipt, forward, sendReceipt } from "@/lib/actions/compose";
import { markDone } from "@/lib/actions/triage";
import type { AddressEntry } from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { formatAddress, formatDateTime } from "@/lib/i18n/format";
import type { PatientConversationView } from "@/db/queries/patients";
import type { DeliveryView } from "@/lib/mail/delivery-status";
import { threadSubject } from "@/lib/mail/thread-subject";
import type { XdmReading } from "@/lib/mail/xdm";
import { ActionButton } from "@/components/ui/action-button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { AssignForm } from "./assign-form";
import { FileInForm } from "./file-in-form";
import type { FolderOption } from "./folder-select";
import { AttachmentList } from "./attachment-list";
import { DeliveryStatus } from "./delivery-status";
import { FocusedHeading } from "./focused-heading";
import { MessageBody } from "./message-body";
import { PatientConversation } from "./patient-conversation";
import type { Folder } from "@/lib/mail/folders";
import { PrintLink } from "./print-link";
import { XdmDocuments } from "./xdm-documents";

type ThreadMessage = {
  id: string;
  folder: Folder;
  fromAddress: string;
  fromName: string | null;
  senderName: string | null;
  to: AddressEntry[];
  cc: AddressEntry[];
  bcc: AddressEntry[];
  replyTo: AddressEntry[];
  viaAddress: string | null;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  bodyHtmlSafe: string | null;
  remoteImages: number;
  htmlTooComplex: boolean;
  htmlComposed: boolean;
  receivedAt: Date;
  folderId: string | null;
  /** Unread when the thread was opened (opening marks it read). */
  unread: boolean;
  flagged: boolean;
  doneAt: Date | null;
  assignedUserId: string | null;
  receiptTo: string | null;
  receiptHandledAt: Date | null;
  readReceiptAt: Date | null;
  /** On a read receipt: the Message-ID it reports on. */
  reportFor: string | null;
  readBy: string[];
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  xdm: XdmReading | null;
};

function Addresses({ label, list }: { label: string; list: AddressEntry[] }) {
  if (list.length === 0) return null;
  return (
    <div className="flex gap-2">
      <dt className="w-20 shrink-0 text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words">{list.map(formatAddress).join(", ")}</dd>
    </div>
  );
}

/** Links styled as the compact buttons of a message's bar. */
const linkButton = "inline-flex min-h-11 items-center rounded-md px-3 py-1 text-sm font-medium sm:min-h-0";

export function ThreadView({
  mailboxId,
  folder,
  threadId,
  messages,
  canEdit,
  canSend,
  members,
  folders,
  remoteImages,
  deliveries,
  liveRefreshMs,
  patientConversations,
  fullPage = false,
}: {
  mailboxId: string;
  /** The folder the thread was opened from: a fixed folder's name, or the id of one of the box's own. */
  folder: string;
  threadId: string;
  messages: ThreadMessage[];
  canEdit: boolean;
  canSend: boolean;
  /** On a shared box: the colleagues a message can be assigned to, and whose reading is shown. */
  members: { id: string; name: string }[] | null;
  /** The box's own folders a message can be filed in (none without the right to organise). */
  folders: readonly FolderOption[];
  /** Remote images of received HTML shown, as the person asked (?images=1). */
  remoteImages: boolean;
  /** Sent messages' recipients at other operators and where each delivery stands, by message. */
  deliveries: Record<string, DeliveryView[]>;
  /** How often a delivery on its way is asked about again. */
  liveRefreshMs: number;
  /** The box's conversations with the patients of this thread. */
  patientConversations: PatientConversationView[];
  /** Shown alone, the list put aside (?full=1). */
  fullPage?: boolean;
}) {
  const subject = threadSubject(messages) || fr.list.noSubject;
  const threadHref = `/m/${mailboxId}/${folder}/${threadId}`;
  return (
    <article aria-labelledby="fil-objet">
      <p className="mb-2 flex flex-wrap gap-x-4 text-sm" data-print="hide">
        <Link
          href={`/m/${mailboxId}/${folder}`}
          data-shortcut="back"
          className="inline-flex min-h-11 items-center text-brand-700 underline sm:min-h-0"
        >
          {fr.message.back}
        </Link>
        <Link
          href={fullPage ? threadHref : `${threadHref}?full=1`}
          className="hidden min-h-11 items-center text-brand-700 underline sm:min-h-0 lg:inline-flex"
        >
          {fullPage ? fr.list.withList : fr.list.fullPage}
        </Link>
      </p>
      <FocusedHeading id="fil-objet" className="mb-4 text-xl font-semibold break-words">
        {subject}
      </FocusedHeading>
      <PatientConversation conversations={patientConversations} />
      <ol className="space-y-4" aria-label={fr.message.thread}>
        {messages.map((m, index) => {
          const fields = { mailboxId, messageId: m.id, folder };
          const content = (
            <>
              <dl className="space-y-1 text-sm">
                <div className="flex gap-2">
                  <dt className="w-20 shrink-0 text-slate-600">{fr.message.from}</dt>
                  <dd className="min-w-0 font-medium break-words">{formatAddress({ address: m.fromAddress, name: m.fromName })}</dd>
                </div>
                {m.senderName && (
                  <div className="flex gap-2">
                    <dt className="w-20 shrink-0 text-slate-600">{fr.message.sender}</dt>
                    <dd>{m.senderName}</dd>
                  </div>
                )}
                <Addresses label={fr.message.to} list={m.to} />
                <Addresses label={fr.message.cc} list={m.cc} />
                <Addresses label={fr.message.bcc} list={m.bcc} />
                <Addresses label={fr.message.replyTo} list={m.replyTo} />
                {m.viaAddress && (
                  <div className="flex gap-2">
                    <dt className="w-20 shrink-0 text-slate-600">{fr.message.receivedVia}</dt>
                    <dd className="min-w-0 break-words">{m.viaAddress}</dd>
                  </div>
                )}
                <div className="flex gap-2">
                  <dt className="w-20 shrink-0 text-slate-600">{fr.message.date}</dt>
                  <dd>
                    <time dateTime={m.receivedAt.toISOString()}>{formatDateTime(m.receivedAt)}</time>
                  </dd>
                </div>
                {members && (
                  <div className="flex gap-2">
                    <dt className="w-20 shrink-0 text-slate-600">{fr.message.readBy}</dt>
                    <dd>{m.readBy.join(", ")}</dd>
                  </div>
                )}
              </dl>
              {canSend && m.receiptTo && !m.receiptHandledAt && m.folder !== "sent" && (
                <div className="mt-3 flex flex-wrap items-center gap-2 rounded-md border border-amber-700 bg-amber-50 p-3 text-sm">
                  <span>{fr.receipts.asked}</span>
                  <ActionButton action={sendReceipt} fields={{ mailboxId, messageId: m.id }} label={fr.receipts.send} variant="primary" />
                  <ActionButton action={declineReceipt} fields={{ mailboxId, messageId: m.id }} label={fr.receipts.decline} />
                </div>
              )}
              {m.readReceiptAt && (
                <p className="mt-3 text-sm font-medium text-green-800">{fr.receipts.readOn(formatDateTime(m.readReceiptAt))}</p>
              )}
              {deliveries[m.id]?.length > 0 && (
                <DeliveryStatus mailboxId={mailboxId} messageId={m.id} initial={deliveries[m.id]} intervalMs={liveRefreshMs} />
              )}
              <MessageBody
                mailboxId={mailboxId}
                message={m}
                remoteImages={remoteImages}
                showImagesHref={`${threadHref}?images=1`}
                originalHref={`/api/messages/${m.id}/original`}
              />
              {m.xdm && <XdmDocuments reading={m.xdm} />}
              {m.attachments.length > 0 && <AttachmentList files={m.attachments} />}
              {/* One compact bar per message: what is done all day in sight, the rest folded under « Plus d'actions ». */}
              <div
                role="group"
                aria-label={fr.message.actions}
                className="mt-4 flex flex-wrap items-start gap-1.5 border-t border-slate-200 pt-3"
                data-print="hide"
              >
                {canSend && m.folder !== "trash" && (
                  <>
                    <Link
                      href={`/m/${mailboxId}/compose?reply=${m.id}`}
                      data-shortcut="reply"
                      className={`${linkButton} bg-brand-700 text-white hover:bg-brand-800`}
                    >
                      {fr.message.reply}
                    </Link>
                    <Link
                      href={`/m/${mailboxId}/compose?reply=${m.id}&all=1`}
                      data-shortcut="reply-all"
                      className={`${linkButton} border border-slate-400 bg-white hover:bg-slate-100`}
                    >
                      {fr.message.replyAll}
                    </Link>
                  </>
                )}
                {canEdit && m.folder !== "trash" && (
                  <ActionButton
                    action={forward}
                    fields={{ mailboxId, messageId: m.id }}
                    label={fr.message.forward}
                    shortcut="forward"
                    size="sm"
                  />
                )}
                {canEdit && m.folder !== "archive" && m.folder !== "trash" && m.folder !== "sent" && (
                  <ActionButton
                    action={moveMessage}
                    fields={{ ...fields, to: "archive" }}
                    label={fr.message.archive}
                    shortcut="archive"
                    size="sm"
                  />
                )}
                {canEdit && m.folder === "trash" && (
                  <ActionButton action={moveMessage} fields={{ ...fields, to: "inbox" }} label={fr.message.restore} size="sm" />
                )}
                {canEdit && m.folder !== "trash" && (
                  <ActionButton
                    action={moveMessage}
                    fields={{ ...fields, to: "trash" }}
                    label={fr.message.trash}
                    variant="danger"
                    shortcut="trash"
                    size="sm"
                  />
                )}
                {canEdit && m.folder === "trash" && (
                  <ConfirmButton
                    action={deleteMessage}
                    fields={fields}
                    label={fr.message.deleteForever}
                    question={fr.message.confirmDeleteForever}
                    confirmLabel={fr.message.confirmDelete}
                    size="sm"
                  />
                )}
                {canEdit && (
                  <ActionButton
                    action={flagMessage}
                    fields={{ ...fields, flagged: String(!m.flagged) }}
                    label={m.flagged ? fr.message.unflag : fr.message.flag}
                    shortcut="flag"
                    size="sm"
                  />
                )}
                {canEdit && members && (
                  <ActionButton
                    action={markDone}
                    fields={{ mailboxId, messageId: m.id, done: String(!m.doneAt) }}
                    label={m.doneAt ? fr.list.notDone : fr.list.done}
                    size="sm"
                  />
                )}
                <details className="w-full sm:w-auto">
                  <summary className={`${linkButton} cursor-pointer border border-slate-400 bg-white hover:bg-slate-100`}>
                    {fr.message.moreActions}
                  </summary>
                  <div className="mt-2 flex flex-col items-start gap-2 rounded-md border border-slate-300 bg-slate-50 p-3">
                    <div className="flex flex-wrap gap-2">
                      <ActionButton action={markUnread} fields={fields} label={fr.message.markUnread} size="sm" />
                      <PrintLink mailboxId={mailboxId} messageId={m.id} />
                    </div>
                    {canEdit && members && <AssignForm fields={fields} members={members} current={m.assignedUserId} />}
                    {canEdit && folders.length > 0 && m.folder !== "trash" && (
                      <FileInForm fields={fields} folders={folders} current={m.folderId} />
                    )}
                  </div>
                </details>
              </div>
            </>
          );
          // Older messages already read fold to one line (who, when); the latest and the unread are open.
          return (
            <li key={m.id} className="rounded-md border border-slate-300 bg-white p-4">
              {index === messages.length - 1 || m.unread ? (
                content
              ) : (
                <details>
                  <summary className="flex cursor-pointer flex-wrap justify-between gap-x-4 text-sm">
                    <span className="font-medium">{m.fromName ?? m.fromAddress}</span>
                    <time dateTime={m.receivedAt.toISOString()} className="text-slate-700">
                      {formatDateTime(m.receivedAt)}
                    </time>
                  </summary>
                  {content}
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </article>
  );
}
