import { simpleParser, type AddressObject, type EmailAddress } from "mailparser";
import type { AddressEntry } from "@/db/schema";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { newMessageId, type MessageCopy } from "./deliver";
import { limits } from "./limits";

const refuse = (message: string) => new ActionError(message, { file: [message] });

export type ParsedEml = { copy: MessageCopy; files: { name: string; bytes: Buffer }[] };

// Group members count as recipients; a group's own name is not an address.
function addresses(field: AddressObject | AddressObject[] | undefined): AddressEntry[] {
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return flat([field ?? []].flat().flatMap((o) => o.value))
    .filter((a) => a.address)
    .map((a) => ({ address: a.address!.toLowerCase(), name: a.name || null }));
}

// mailparser derives text from HTML only when the HTML is the whole message (not, say, beside attachments): hand it the HTML alone.
async function textOfHtml(html: string): Promise<string> {
  return (await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`))).text ?? "";
}

/**
 * A received message (RFC 5322, MIME) as a copy to store, parsed by
 * mailparser. Without a sender address the file is not taken for a message.
 * The text part, or text mailparser derives from the HTML, feeds search.
 */
export async function parseEml(bytes: Buffer, box: { address: string }): Promise<ParsedEml> {
  const mail = await simpleParser(bytes).catch(() => {
    throw refuse(fr.importEml.unreadable);
  });
  const [from] = addresses(mail.from);
  if (!from) throw refuse(fr.importEml.unreadable);
  const bodyText = mail.text || (mail.html ? await textOfHtml(mail.html) : "");
  if (bodyText.length > limits.body) throw refuse(fr.errors.bodyTooLong);
  return {
    copy: {
      messageId: mail.messageId ?? newMessageId(box.address),
      inReplyTo: mail.inReplyTo ?? null,
      references: [mail.references ?? []].flat(),
      from,
      sender: null,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      bcc: [],
      subject: (mail.subject ?? "").slice(0, limits.subject),
      bodyText,
      bodyHtml: mail.html || null,
      sentAt: mail.date ?? null,
    },
    // Inline parts are already in the HTML as data: URLs (mailparser replaces their cid: links).
    files: mail.attachments.filter((a) => !a.related).map((a) => ({ name: a.filename ?? "piece-jointe", bytes: a.content })),
  };
}
