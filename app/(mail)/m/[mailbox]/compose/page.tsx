import { notFound } from "next/navigation";
import { ComposeForm } from "@/components/mail/compose-form";
import { MailShell, preloadShell } from "@/components/mail/mail-shell";
import { SentDraftNotice } from "@/components/mail/sent-draft-notice";
import { Alert } from "@/components/ui/alert";
import { db } from "@/db/client";
import { scheduleOf } from "@/db/queries/scheduled";
import { reasonLabel } from "@/lib/audit/labels";
import { templatesOf } from "@/db/queries/templates";
import { can, type ReadAccess } from "@/lib/authz/permissions";
import { findDraft, findSentDraft } from "@/db/queries/drafts";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { accessesOf } from "@/db/queries/render-cache";
import { findMessage } from "@/db/queries/messages";
import { requirePrincipal } from "@/lib/auth/session";
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
  preloadShell(await requirePrincipal());
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const saved = draft ? await findDraft(db, access, draft) : null;
  // A put-off send that failed says why in French from here: the labels of every refusal stay on the server.
  const schedule = saved ? await scheduleOf(db, access, saved.draftId!) : null;
  if (draft && !saved) {
    // Sent meanwhile (by a colleague, or by a send whose answer never came back): say so, never "introuvable".
    const sent = await findSentDraft(db, access, draft);
    if (!sent) notFound();
    return (
      <MailShell principal={principal} access={access} folder="drafts">
        <SentDraftNotice mailboxId={access.mailbox.id} sent={sent} viewerId={principal.userId} />
      </MailShell>
    );
  }
  const parent = reply && !draft ? await findMessage(db, access, reply) : null;
  if (reply && !draft && (!parent || parent.folder === "drafts")) notFound();
  const source = saved ?? parent;

  // Writing needs `edit` (to keep a draft) or `send`; an answer or a draft stays in its box.
  const writable = (await mailboxesForSwitcher(db, principal.userId, db, accessesOf(db, principal.userId))).boxes.filter(
    (b) => b.canSend || b.canEdit,
  );
  const boxes = source ? writable.filter((b) => b.id === access.mailbox.id) : writable;
  const preferred = boxes.find((b) => b.id === access.mailbox.id) ?? boxes[0];
  if (!preferred) {
    return (
      <MailShell principal={principal} access={access}>
        <Alert kind="error">{fr.compose.noSendableBox}</Alert>
      </MailShell>
    );
  }
  // Text and HTML side by side: the person's browser writes in one or the other.
  const signature = saved ? { text: "", html: "" } : await signatureFor(db, preferred.id);
  const prefill = saved
    ? draftPrefill(saved)
    : parent
      ? (({ body, html, ...rest }) => ({ ...rest, body: `\n\n${signature.text}${body}`, html: `<p></p>${signature.html}${html}` }))(
          replyDraft(parent, { all: all === "1", ownAddress: access.mailbox.address }),
        )
      : { to: to ?? "", cc: "", bcc: "", subject: "", body: `\n\n${signature.text}`, html: `<p></p>${signature.html}` };
  const title = saved ? fr.compose.draftTitle : parent ? fr.compose.replyTitle : fr.compose.title;

  return (
    <MailShell principal={principal} access={access} folder={saved ? "drafts" : undefined}>
      <h1 className="mb-4 text-xl font-semibold">{title}</h1>
      <ComposeForm
        boxes={boxes}
        limits={{
          subject: limits.subject,
          body: limits.body,
          attachment: limits.attachment,
          message: limits.message,
          attachments: limits.attachments,
        }}
        attachments={saved ? await listAttachments(db, access, [saved.id]) : []}
        scheduled={schedule && { ...schedule, failure: schedule.failure && reasonLabel(schedule.failure) }}
        templates={await templatesOf(
          db,
          (await accessesOf(db, principal.userId)).filter(
            (a): a is ReadAccess => boxes.some((b) => b.id === a.mailbox.id) && can(a, "mailbox.read"),
          ),
        )}
        defaults={{
          mailboxId: preferred.id,
          replyTo: parent?.id ?? null,
          draftId: saved?.draftId ?? null,
          receipt: Boolean(saved?.receiptTo),
          ...prefill,
        }}
      />
    </MailShell>
  );
}
