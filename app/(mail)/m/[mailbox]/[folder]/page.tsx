import { notFound } from "next/navigation";
import { ImportEml } from "@/components/mail/import-eml";
import { liveRefreshMs, MailShell } from "@/components/mail/mail-shell";
import { MessageList } from "@/components/mail/message-list";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { decodeCursor, listFolder } from "@/db/queries/messages";
import { can } from "@/lib/authz/permissions";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { isFolder } from "@/lib/mail/folders";

const notices = {
  sent: fr.compose.sentOk,
  sending: fr.compose.sentRemote,
  sentPartly: fr.compose.sentPartly,
  moved: fr.message.moved,
  deleted: fr.message.deleted,
  unread: fr.message.markedUnread,
  draft: fr.compose.draftSaved,
  draftDeleted: fr.compose.draftDeleted,
};

export default async function FolderPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string; folder: string }>;
  searchParams: Promise<{ cursor?: string; notice?: string; assigned?: string; patients?: string }>;
}) {
  const [{ mailbox, folder }, { cursor, notice, assigned, patients }] = await Promise.all([params, searchParams]);
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  if (!isFolder(folder)) notFound();
  const decoded = decodeCursor(cursor);
  const shared = access.mailbox.type !== "PER";
  const view = shared && assigned === "me" ? "assigned" : patients === "1" ? "patients" : "all";
  const page = await listFolder(db, { userId: principal.userId, access, folder, cursor: decoded, view });
  const noticeText = notice && notice in notices ? notices[notice as keyof typeof notices] : null;
  return (
    <MailShell principal={principal} access={access} folder={folder} listing>
      <h1 className="mb-4 text-xl font-semibold">
        {fr.folders[folder]} <span className="text-base font-normal text-slate-700">— {access.mailbox.displayName}</span>
      </h1>
      {noticeText && (
        <div className="mb-4">
          <Alert kind="notice">{noticeText}</Alert>
        </div>
      )}
      {folder === "inbox" && can(access, "message.edit") && <ImportEml mailboxId={access.mailbox.id} />}
      <MessageList
        mailboxId={access.mailbox.id}
        mailboxName={access.mailbox.displayName}
        folder={folder}
        rows={page.messages}
        nextCursor={page.nextCursor}
        isFirstPage={!decoded}
        shared={shared}
        view={view}
        liveRefreshMs={liveRefreshMs()}
      />
    </MailShell>
  );
}
