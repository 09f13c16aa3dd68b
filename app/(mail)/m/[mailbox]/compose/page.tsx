import { notFound } from "next/navigation";
import { ComposeForm } from "@/components/mail/compose-form";
import { MailShell } from "@/components/mail/mail-shell";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { findMessage } from "@/db/queries/messages";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { listAttachments } from "@/lib/mail/attachments";
import { limits } from "@/lib/mail/limits";
import { draftPrefill, replyDraft } from "@/lib/mail/prefill";
import { signatureFor } from "@/lib/mail/signature";

export default async function ComposePage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string }>;
  searchParams: Promise<{ reply?: string; all?: string; draft?: string; to?: string }>;
}) {
  const [{ mailbox }, { reply, all, draft, to }] = await Promise.all([params, searchParams]);
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const sourceId = draft ?? reply;
  const source = sourceId ? await findMessage(db, access.mailbox.id, sourceId) : null;
  if (sourceId && (!source || (draft ? source.folder !== "drafts" : source.folder === "drafts"))) notFound();

  // Writing needs `edit` (to keep a draft) or `send`; an answer or a draft stays in its box.
  const writable = (await mailboxesForSwitcher(db, principal.userId)).boxes.filter((b) => b.canSend || b.canEdit);
  const boxes = source ? writable.filter((b) => b.id === access.mailbox.id) : writable;
  const preferred = boxes.find((b) => b.id === access.mailbox.id) ?? boxes[0];
  if (!preferred) {
    return (
      <MailShell principal={principal} access={access}>
        <Alert kind="error">{fr.compose.noSendableBox}</Alert>
      </MailShell>
    );
  }
  const signature = draft ? "" : await signatureFor(db, preferred.id);
  const prefill = draft
    ? draftPrefill(source!)
    : reply
      ? (({ body, ...rest }) => ({ ...rest, body: `\n\n${signature}${body}` }))(replyDraft(source!, { all: all === "1", ownAddress: access.mailbox.address }))
      : { to: to ?? "", cc: "", bcc: "", subject: "", body: `\n\n${signature}` };
  const title = draft ? fr.compose.draftTitle : reply ? fr.compose.replyTitle : fr.compose.title;

  return (
    <MailShell principal={principal} access={access} folder={draft ? "drafts" : undefined}>
      <h1 className="mb-4 text-xl font-semibold">{title}</h1>
      <ComposeForm
        boxes={boxes}
        limits={{ subject: limits.subject, attachment: limits.attachment, message: limits.message }}
        attachments={draft ? await listAttachments(db, [source!.id]) : []}
        defaults={{
          mailboxId: preferred.id,
          replyTo: reply ? source!.id : null,
          draftId: draft ? source!.id : null,
          receipt: Boolean(draft && source!.receiptTo),
          ...prefill,
        }}
      />
    </MailShell>
  );
}
