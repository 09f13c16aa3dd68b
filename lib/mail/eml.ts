import { simpleParser, type AddressObject, type EmailAddress } from "mailparser";
import type { AddressEntry } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import type { ErrorCode } from "@/lib/errors";
import { fr } from "@/lib/i18n/fr";
import { storable } from "@/lib/validation";
import { newMessageId, type MessageCopy } from "./deliver";
import { limits } from "./limits";
import { htmlBody } from "./html-body";

const refuse = (code: ErrorCode, message: string) => new ActionError(code, message, { file: [message] });

// mailsplit's bounds (its defaults), given explicitly so the refusal can name them.
const BOUNDS = { maxHeadSize: 1024 * 1024, maxChildNodes: 1000 };

/** Why the parser gave up: a bound is named as such; a sender is not what is missing. */
function parseFailure(error: unknown): ActionError {
  if ((error as { code?: string })?.code !== "EMAXLEN") return refuse("unreadable_file", fr.importEml.unparsable);
  return /child nodes/i.test((error as Error).message)
    ? refuse("too_large", fr.importEml.tooManyParts(BOUNDS.maxChildNodes))
    : refuse("too_large", fr.importEml.headersTooLarge(BOUNDS.maxHeadSize));
}

export type ParsedEml = {
  copy: MessageCopy;
  files: { name: string; bytes: Buffer }[];
  /** RFC 8098 Disposition-Notification-To: where the writer asks for a read receipt. */
  receiptTo: string | null;
  /** A delivery or read report (RFC 6522 multipart/report): worth reading for what it reports on. */
  isReport: boolean;
};

// Group members count as recipients; a group's own name is not an address.
function addresses(field: AddressObject | AddressObject[] | undefined): AddressEntry[] {
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return flat([field ?? []].flat().flatMap((o) => o.value))
    .filter((a) => a.address)
    .map((a) => ({ address: storable(a.address!.toLowerCase()), name: a.name ? storable(a.name) : null }));
}

// mailparser derives text from HTML only when the HTML is the whole message (not, say, beside attachments): hand it the HTML alone.
async function textOfHtml(html: string): Promise<string> {
  return (await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`))).text ?? "";
}

/**
 * A received message (RFC 5322, MIME) as a copy to store, parsed by
 * mailparser. Without a sender address the file is not taken for a message.
 * The text part, or text mailparser derives from the HTML, feeds search; the
 * HTML is sanitised here, once, within bounds (lib/mail/html-body.ts).
 */
export async function parseEml(bytes: Buffer, box: { address: string }): Promise<ParsedEml> {
  const mail = await simpleParser(bytes, BOUNDS).catch((error: unknown) => {
    throw parseFailure(error);
  });
  const [from] = addresses(mail.from);
  if (!from) throw refuse("unreadable_file", fr.importEml.unreadable);
  const bodyText = mail.text || (mail.html ? await textOfHtml(mail.html) : "");
  if (bodyText.length > limits.body) throw refuse("too_large", fr.errors.bodyTooLong);
  return {
    // Anything of the message may hold a NUL, which Postgres cannot store: dropped here, before any query sees it.
    copy: {
      messageId: mail.messageId ? storable(mail.messageId) : newMessageId(box.address),
      inReplyTo: mail.inReplyTo ? storable(mail.inReplyTo) : null,
      references: [mail.references ?? []].flat().map(storable),
      from,
      sender: null,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      bcc: [],
      replyTo: addresses(mail.replyTo),
      subject: storable(mail.subject ?? "").slice(0, limits.subject),
      bodyText: storable(bodyText),
      html: mail.html ? htmlBody(storable(mail.html)) : null,
      sentAt: mail.date ?? null,
    },
    receiptTo: addresses(mail.headers.get("disposition-notification-to") as AddressObject | undefined)[0]?.address ?? null,
    isReport: (mail.headers.get("content-type") as { value?: string } | undefined)?.value?.toLowerCase() === "multipart/report",
    // Inline parts are already in the HTML as data: URLs (mailparser replaces their cid: links).
    files: mail.attachments.filter((a) => !a.related).map((a) => ({ name: a.filename ?? "piece-jointe", bytes: a.content })),
  };
}
