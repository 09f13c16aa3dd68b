import type { AddressEntry } from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { formatAddress, formatDateTime } from "@/lib/i18n/format";
import { cleanComposedHtml } from "./composed-html";
import { textToHtml } from "./text-paragraphs";

type Original = {
  folder: string;
  fromAddress: string;
  fromName: string | null;
  to: AddressEntry[];
  /** Where the author asked answers to go (an applicative box names its organisational box). */
  replyTo: AddressEntry[];
  subject: string;
  bodyText: string;
  /** Its HTML as shown (sanitised on receipt), when it has some within bounds. */
  bodyHtmlSafe: string | null;
  receivedAt: Date;
};

/** The original's content as the editor can hold it: its HTML reduced to what the editor writes, else its text. */
export const contentHtml = (original: Pick<Original, "bodyText" | "bodyHtmlSafe">) =>
  original.bodyHtmlSafe === null ? textToHtml(original.bodyText) : cleanComposedHtml(original.bodyHtmlSafe);

/**
 * Prefill for "Répondre": to the author, or where her Reply-To says (or to
 * the recipients of one's own sent message), quoted body (as "> " lines, and
 * as a quote block for the editor); "Répondre à tous" adds the other
 * recipients, never the box itself.
 */
export function replyDraft(original: Original & { cc: AddressEntry[] }, { all = false, ownAddress = "" } = {}) {
  const author = { address: original.fromAddress, name: original.fromName };
  const direct = original.folder === "sent" ? original.to : original.replyTo.length > 0 ? original.replyTo : [author];
  const others = all ? [...(original.folder === "sent" ? [] : original.to), ...original.cc] : [];
  const seen = new Set<string>([ownAddress]);
  const keep = (list: AddressEntry[]) => list.filter((a) => !seen.has(a.address) && seen.add(a.address));
  const to = keep(direct);
  const cc = keep(others);
  const subject = /^\s*re\s*:/i.test(original.subject) ? original.subject : fr.compose.replyPrefix + original.subject;
  const quoted = original.bodyText
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  const header = fr.compose.quoteHeader(formatDateTime(original.receivedAt), formatAddress(author));
  return {
    to: to.map(formatAddress).join(", "),
    cc: cc.map(formatAddress).join(", "),
    bcc: "",
    subject,
    body: `\n\n${header}\n${quoted}`,
    html: `${textToHtml(header)}<blockquote>${contentHtml(original)}</blockquote>`,
  };
}

/** Prefill from a saved draft: its fields as they were typed, with formatting if it was written with some. */
export function draftPrefill(draft: {
  to: AddressEntry[];
  cc: AddressEntry[];
  bcc: AddressEntry[];
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}) {
  const list = (l: AddressEntry[]) => l.map(formatAddress).join(", ");
  return {
    to: list(draft.to),
    cc: list(draft.cc),
    bcc: list(draft.bcc),
    subject: draft.subject,
    body: draft.bodyText,
    html: draft.bodyHtml,
  };
}

export function forwardPrefix(subject: string): string {
  return /^\s*(tr|fwd?)\s*:/i.test(subject) ? subject : fr.compose.forwardPrefix + subject;
}
