import MailComposer from "nodemailer/lib/mail-composer";
import type { AddressEntry } from "@/db/schema";

/** X-MSS-NIL: the product's reference, on every message (domain.md §4). */
export const PRODUCT_NIL = "MSSante-Webmail-0.1";

export type MimeInput = {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: AddressEntry;
  sender: AddressEntry | null;
  to: AddressEntry[];
  cc: AddressEntry[];
  subject: string;
  text: string;
  date: Date;
  receiptTo: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

const mailbox = (a: AddressEntry) => ({ name: a.name ?? "", address: a.address });

/**
 * The RFC 5322 message as it leaves for another operator, built by
 * nodemailer's composer: it encodes and folds every header, so a line break
 * typed in a subject or a name can never start a header of its own. Bcc is
 * never written (recipients get it only as an envelope address).
 */
export async function buildMime(input: MimeInput): Promise<Buffer> {
  const headers: Record<string, string> = { "X-MSS-NIL": PRODUCT_NIL };
  if (input.receiptTo) headers["Disposition-Notification-To"] = input.receiptTo;
  const composer = new MailComposer({
    messageId: input.messageId,
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references.length ? input.references : undefined,
    from: mailbox(input.from),
    sender: input.sender ? mailbox(input.sender) : undefined,
    to: input.to.map(mailbox),
    cc: input.cc.length ? input.cc.map(mailbox) : undefined,
    subject: input.subject,
    text: input.text,
    date: input.date,
    headers,
    attachments: input.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  });
  return composer.compile().build();
}
