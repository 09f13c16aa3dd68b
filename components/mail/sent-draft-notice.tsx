import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { findSentDraft } from "@/db/queries/drafts";
import { fr } from "@/lib/i18n/fr";
import { alreadySentMessage } from "@/lib/mail/drafts";

type Sent = NonNullable<Awaited<ReturnType<typeof findSentDraft>>>;

/** A draft reopened after it went out: who sent it and when, and its copy while the box keeps it. */
export function SentDraftNotice({ mailboxId, sent, viewerId }: { mailboxId: string; sent: Sent; viewerId: string }) {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{fr.compose.sentTitle}</h1>
      <Alert kind="notice">{alreadySentMessage(sent, viewerId)}</Alert>
      {sent.copy && (
        <p className="mt-4">
          <Link href={`/m/${mailboxId}/${sent.copy.folder}/${sent.copy.threadId}`} className="text-brand-700 underline">
            {fr.compose.viewSent}
          </Link>
        </p>
      )}
    </>
  );
}
