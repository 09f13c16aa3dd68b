import type { AddressEntry } from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { formatAddress, formatDateTime } from "@/lib/i18n/format";

type Original = {
  folder: string;
  fromAddress: string;
  fromName: string | null;
  to: AddressEntry[];
  subject: string;
  bodyText: string;
  receivedAt: Date;
};

/** Prefill for "Répondre": to the author (or to the recipients of one's own sent message), quoted body. */
export function replyDraft(original: Original) {
  const author = { address: original.fromAddress, name: original.fromName };
  const to = original.folder === "sent" ? original.to : [author];
  const subject = /^\s*re\s*:/i.test(original.subject) ? original.subject : fr.compose.replyPrefix + original.subject;
  const quoted = original.bodyText
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  const header = fr.compose.quoteHeader(formatDateTime(original.receivedAt), formatAddress(author));
  return { to: to.map(formatAddress).join(", "), cc: "", subject, body: `\n\n${header}\n${quoted}` };
}

/** Prefill from a saved draft: its fields as they were typed. */
export function draftPrefill(draft: { to: AddressEntry[]; cc: AddressEntry[]; subject: string; bodyText: string }) {
  return { to: draft.to.map(formatAddress).join(", "), cc: draft.cc.map(formatAddress).join(", "), subject: draft.subject, body: draft.bodyText };
}
