import { notFound } from "next/navigation";
import { ComposeForm } from "@/components/mail/compose-form";
import { MailShell } from "@/components/mail/mail-shell";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { findMessage } from "@/db/queries/messages";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { draftPrefill, replyDraft } from "@/lib/mail/prefill";

export default async function ComposePage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string }>;
  searchParams: Promise<{ reply?: string; draft?: string }>;
}) {
  const [{ mailbox }, { reply, draft }] = await Promise.all([params, searchParams]);
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const sourceId = draft ?? reply;
  const source = sourceId ? await findMessage(db, access.mailbox.id, sourceId) : null;
  if (sourceId && (!source || (draft ? source.folder !== "drafts" : source.folder === "drafts"))) notFound();

  // Writing needs `edit` (to keep a draft) or `send`; an answer or a draft stays in its box.
  const writable = (await mailboxesForSwitcher(db, principal.userId)).boxes.filter((b) => b.canSend || b.canEdit);
  const boxes = source ? writable.filter((b) => b.id === access.mailbox.id) : writable;
  const preferred = boxes.find((b) => b.id === access.mailbox.id) ?? boxes[0];
  const prefill = !source ? { to: "", cc: "", subject: "", body: "" } : draft ? draftPrefill(source) : replyDraft(source);
  const title = draft ? fr.compose.draftTitle : reply ? fr.compose.replyTitle : fr.compose.title;

  return (
    <MailShell principal={principal} access={access} folder={draft ? "drafts" : undefined}>
      <h1 className="mb-4 text-xl font-semibold">{title}</h1>
      {preferred ? (
        <ComposeForm
          boxes={boxes}
          defaults={{ mailboxId: preferred.id, replyTo: reply ? source!.id : null, draftId: draft ? source!.id : null, ...prefill }}
        />
      ) : (
        <Alert kind="error">{fr.compose.noSendableBox}</Alert>
      )}
    </MailShell>
  );
}
