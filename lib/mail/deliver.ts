import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { messageReads, messages, type AddressEntry } from "@/db/schema";
import type { Folder } from "./folders";
import type { HtmlBody } from "./html-body";

export type MessageCopy = {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: AddressEntry;
  sender: (AddressEntry & { userId: string }) | null;
  to: AddressEntry[];
  cc: AddressEntry[];
  bcc: AddressEntry[];
  /** RFC 5322 Reply-To: an applicative box's messages name its organisational box. */
  replyTo?: AddressEntry[];
  subject: string;
  bodyText: string;
  /** The MSSanté headers describing CDA documents in an IHE_XDM archive (docs/domain.md §4), on what is sent. */
  mss?: MssDocumentHeaders | null;
  /** X-MSS-MES: FIN: the professional ends the conversation with the patient (docs/domain.md §3). */
  endsConversation?: boolean;
  /** The HTML part: received, or written with formatting here (lib/mail/composed-html.ts). */
  html?: HtmlBody | null;
  sentAt: Date | null;
};

/** X-MSS-CODECDA (the CDA `code` of each document) and X-MSS-INS (O when every document names its patient by INS). */
export type MssDocumentHeaders = { codeCda: string[]; ins: "O" | "N" };

/** RFC 5322 Message-ID on the sending box's domain. */
export function newMessageId(fromAddress: string): string {
  return `<${randomUUID()}@${fromAddress.split("@")[1]}>`;
}

/** Threads are per box, as in IMAP: a copy joins the thread of any message of
 *  the same box it replies to or references, else starts its own. */
async function resolveThread(db: Queryable, mailboxId: string, copy: MessageCopy): Promise<string> {
  const related = [...copy.references, ...(copy.inReplyTo ? [copy.inReplyTo] : [])];
  if (related.length > 0) {
    const [parent] = await db
      .select({ threadId: messages.threadId })
      .from(messages)
      .where(and(eq(messages.mailboxId, mailboxId), inArray(messages.messageId, related)))
      .limit(1);
    if (parent) return parent.threadId;
  }
  return randomUUID();
}

/** Store one copy in one box's folder; `readBy` marks it read for that person (the sender's own copy). */
export async function storeCopy(
  db: Queryable,
  mailboxId: string,
  folder: Folder,
  copy: MessageCopy,
  options: {
    id?: string;
    draftId?: string;
    readBy?: string;
    receivedAt?: Date;
    receiptTo?: string | null;
    reportFor?: string | null;
    /** The applicative box this copy was addressed to, when it landed in the box linked to it. */
    via?: string | null;
  } = {},
): Promise<string> {
  const threadId = await resolveThread(db, mailboxId, copy);
  const [row] = await db
    .insert(messages)
    .values({
      id: options.id,
      mailboxId,
      folder,
      threadId,
      messageId: copy.messageId,
      inReplyTo: copy.inReplyTo,
      references: copy.references,
      fromAddress: copy.from.address,
      fromName: copy.from.name,
      senderAddress: copy.sender?.address ?? null,
      senderName: copy.sender?.name ?? null,
      senderUserId: copy.sender?.userId ?? null,
      to: copy.to,
      cc: copy.cc,
      bcc: copy.bcc,
      replyTo: copy.replyTo ?? [],
      viaAddress: options.via ?? null,
      subject: copy.subject,
      bodyText: copy.bodyText,
      bodyHtml: copy.html?.original ?? null,
      bodyHtmlSafe: copy.html?.safe ?? null,
      remoteImages: copy.html?.remoteImages ?? 0,
      htmlTooComplex: copy.html ? copy.html.safe === null : false,
      htmlComposed: copy.html?.composed ?? false,
      sentAt: copy.sentAt,
      receivedAt: options.receivedAt ?? new Date(),
      receiptTo: options.receiptTo ?? null,
      reportFor: options.reportFor ?? null,
      draftId: options.draftId ?? null,
      size: Buffer.byteLength(copy.subject) + Buffer.byteLength(copy.html?.original ?? copy.bodyText),
    })
    .returning({ id: messages.id });
  if (options.readBy) await db.insert(messageReads).values({ messageId: row.id, userId: options.readBy });
  return row.id;
}

/** A new draft of a box, written by this person: empty unless told otherwise. */
export function draftCopy(
  box: { address: string; displayName: string },
  author: { name: string; userId: string },
  fields: Partial<Pick<MessageCopy, "inReplyTo" | "references" | "to" | "cc" | "bcc" | "subject" | "bodyText" | "html">> = {},
): MessageCopy {
  return {
    messageId: newMessageId(box.address),
    inReplyTo: null,
    references: [],
    from: { address: box.address, name: box.displayName },
    sender: { address: box.address, name: author.name, userId: author.userId },
    to: [],
    cc: [],
    bcc: [],
    subject: "",
    bodyText: "",
    sentAt: null,
    ...fields,
  };
}
