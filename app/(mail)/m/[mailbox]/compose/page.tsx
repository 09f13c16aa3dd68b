import { notFound } from "next/navigation";
import { ComposeForm } from "@/components/mail/compose-form";
import { MailShell } from "@/components/mail/mail-shell";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { findMessage } from "@/db/queries/messages";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { replyDraft } from "@/lib/mail/reply";

export default async function ComposePage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string }>;
  searchParams: Promise<{ reply?: string }>;
}) {
  const [{ mailbox }, { reply }] = await Promise.all([params, searchParams]);
  // A reply is written from the box holding the message, so it needs `send` there.
  const { principal, access } = await requireMailbox(mailbox, reply ? "message.send" : "mailbox.read");
  const original = reply ? await findMessage(db, access.mailbox.id, reply) : null;
  if (reply && !original) notFound();

  const sendable = (await mailboxesForSwitcher(db, principal.userId)).boxes.filter((b) => b.canSend);
  const boxes = original ? sendable.filter((b) => b.id === access.mailbox.id) : sendable;
  const preferred = boxes.find((b) => b.id === access.mailbox.id) ?? boxes[0];
  const draft = original ? replyDraft(original) : { to: "", subject: "", body: "" };

  return (
    <MailShell principal={principal} access={access}>
      <h1 className="mb-4 text-xl font-semibold">{original ? fr.compose.replyTitle : fr.compose.title}</h1>
      {preferred ? (
        <ComposeForm boxes={boxes} defaults={{ mailboxId: preferred.id, replyTo: original?.id ?? null, ...draft }} />
      ) : (
        <Alert kind="error">{fr.compose.noSendableBox}</Alert>
      )}
    </MailShell>
  );
}
