import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { findDraft, findSentDraft } from "@/db/queries/drafts";
import { sentDrafts } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import type { MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";

// The class of the per-draft locks; the two-key form never meets the audit chain's one-key lock.
const DRAFT_LOCK = 0x44524654;

/** "Ce message a déjà été envoyé par … le …", naming the person, or "vous" for herself. */
export function alreadySentMessage(sent: { sentBy: string; senderName: string; sentAt: Date }, viewerId: string) {
  return fr.errors.alreadySent(sent.sentBy === viewerId ? fr.compose.you : sent.senderName, formatDateTime(sent.sentAt));
}

/**
 * Hold one draft id of one box until the transaction ends, then read it: its draft, null for an id not
 * used yet, or `already_sent` naming who sent it. Every save, upload, send and deletion of a draft starts
 * here, so two of them on one id run one after the other and the second sees what the first committed,
 * whether or not the draft had ever been saved.
 */
export async function openDraft(tx: Tx, access: MailboxAccess, draftId: string, viewerId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${DRAFT_LOCK}, hashtext(${`${access.mailbox.id}/${draftId}`}))`);
  const draft = await findDraft(tx, access, draftId);
  if (draft) return draft;
  const sent = await findSentDraft(tx, access, draftId);
  if (sent) throw new ActionError("already_sent", alreadySentMessage(sent, viewerId));
  return null;
}

/** This draft id went out as this copy: from now on it answers `already_sent`, even once the copy is deleted. */
export async function recordSent(
  tx: Tx,
  access: MailboxAccess,
  draftId: string,
  sent: { messageId: string; sentBy: string; sentAt: Date },
) {
  await tx.insert(sentDrafts).values({ mailboxId: access.mailbox.id, draftId, ...sent });
}
