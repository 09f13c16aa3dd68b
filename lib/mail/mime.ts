import MailComposer from "nodemailer/lib/mail-composer";
import type { AddressEntry } from "@/db/schema";
import type { MssDocumentHeaders } from "./deliver";

/** X-MSS-NIL: the product's reference, on every message (docs/domain.md §4). */
export const PRODUCT_NIL = "MSSante-Webmail-0.1";

export type MimeInput = {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: AddressEntry;
  sender: AddressEntry | null;
  to: AddressEntry[];
  cc: AddressEntry[];
  replyTo?: AddressEntry[];
  subject: string;
  text: string;
  /** The HTML part: as it arrived (an exported copy), or as written here; the text part is its alternative. */
  originalHtml?: string | null;
  date: Date;
  receiptTo: string | null;
  /** X-MSS-CODECDA / X-MSS-INS, when an IHE_XDM archive of CDA documents goes with the message. */
  mss?: MssDocumentHeaders | null;
  /** X-MSS-MES: FIN, the professional closing the conversation with a patient. */
  endsConversation?: boolean;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

const mailbox = (a: AddressEntry) => ({ name: a.name ?? "", address: a.address });

// nodemailer's composer encodes and folds every header, so a line break typed in a subject or a name can never start a header of its own.
function compose(input: MimeInput, headers: Record<string, string | string[]>): Promise<Buffer> {
  if (input.receiptTo) headers["Disposition-Notification-To"] = input.receiptTo;
  if (input.mss) {
    // One header line per document (the field is multi-valued), then whether every document names its patient by INS.
    headers["X-MSS-CODECDA"] = input.mss.codeCda;
    headers["X-MSS-INS"] = input.mss.ins;
  }
  if (input.endsConversation) headers["X-MSS-MES"] = "FIN";
  const composer = new MailComposer({
    messageId: input.messageId,
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references.length ? input.references : undefined,
    from: mailbox(input.from),
    sender: input.sender ? mailbox(input.sender) : undefined,
    to: input.to.map(mailbox),
    cc: input.cc.length ? input.cc.map(mailbox) : undefined,
    replyTo: input.replyTo?.length ? input.replyTo.map(mailbox) : undefined,
    subject: input.subject,
    // The composer leaves a typed line break as it is: SMTP carries CRLF only, so the stored bytes are the bytes sent.
    text: input.text.replace(/\r?\n/g, "\r\n"),
    html: input.originalHtml ?? undefined,
    date: input.date,
    headers,
    attachments: input.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  });
  return composer.compile().build();
}

/**
 * The RFC 5322 message as it leaves for another operator, built by
 * nodemailer's composer. Bcc is never written (recipients get it only as an
 * envelope address).
 */
export async function buildMime(input: MimeInput): Promise<Buffer> {
  return compose(input, { "X-MSS-NIL": PRODUCT_NIL });
}

/**
 * A stored message as a .eml file, rebuilt by the same composer from what is
 * kept: headers, text, attachments, and the received HTML exactly as it
 * arrived, for a mail client to open when this webmail will not show it.
 */
export async function buildOriginal(input: MimeInput): Promise<Buffer> {
  return compose(input, {});
}
