import { randomUUID } from "node:crypto";
import { and, inArray, sql } from "drizzle-orm";
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
 *  the same box it replies to or references, else starts its own. One read for all the boxes. */
async function resolveThreads(db: Queryable, mailboxIds: string[], copy: MessageCopy): Promise<Map<string, string>> {
  const related = [...copy.references, ...(copy.inReplyTo ? [copy.inReplyTo] : [])];
  const found =
    related.length > 0
      ? await db
          .selectDistinctOn([messages.mailboxId], { mailboxId: messages.mailboxId, threadId: messages.threadId })
          .from(messages)
          .where(and(inArray(messages.mailboxId, mailboxIds), inArray(messages.messageId, related)))
      : [];
  const threads = new Map(found.map((r) => [r.mailboxId, r.threadId]));
  return new Map(mailboxIds.map((id) => [id, threads.get(id) ?? randomUUID()]));
}

/** Where one copy goes: its box, and what differs from one box to the next. */
export type Placement = {
  mailboxId: string;
  id?: string;
  /** The applicative box this copy was addressed to, when it landed in the box linked to it. */
  via?: string | null;
};

type CopyOptions = {
  draftId?: string;
  readBy?: string;
  receivedAt?: Date;
  receiptTo?: string | null;
  reportFor?: string | null;
};

type MessageColumn = keyof typeof messages.$inferInsert;

/** What a message's search document is made of, in the order `mail_search_document()` takes it (db/migrations/0027). */
const SEARCH_SOURCES: MessageColumn[] = ["subject", "fromName", "fromAddress", "to", "cc", "attachmentNames", "bodyText"];

/**
 * One insert of every copy, whatever their number: the shared values once, each in its column's type, and
 * what differs per box as arrays unnested into rows. The statement keeps one text and a few parameters, so
 * each connection prepares it once (db/client.ts), where ten rows of thirty values were parsed and planned
 * on every send. The copies' search document is computed once from the shared values (stemming the body is
 * most of a copy's cost), not by the trigger for each row.
 */
function insertCopies(shared: Partial<Record<MessageColumn, unknown>>, perCopy: Partial<Record<MessageColumn, (string | null)[]>>) {
  const column = (key: string) => messages[key as MessageColumn];
  const name = (key: string) => sql.identifier(column(key).name);
  const sharedKeys = Object.keys(shared);
  const perCopyKeys = Object.keys(perCopy);
  const perCopyNames = sql.join(perCopyKeys.map(name), sql`, `);
  const sharedValues = sharedKeys.map(
    (key) => sql`${sql.param(shared[key as MessageColumn], column(key))}::${sql.raw(column(key).getSQLType())} as ${name(key)}`,
  );
  const arrays = perCopyKeys.map((key) => sql`${sql.param(perCopy[key as MessageColumn])}::${sql.raw(column(key).getSQLType())}[]`);
  const sources = SEARCH_SOURCES.map((key) => (key in shared ? name(key) : sql`null`));
  return sql`with s as materialized (select ${sql.join(sharedValues, sql`, `)})
    insert into ${messages} (${perCopyNames}, ${sql.join(sharedKeys.map(name), sql`, `)}, ${name("search")})
    select c.*, s.*, (select mail_search_document(${sql.join(sources, sql`, `)}) from s)
    from unnest(${sql.join(arrays, sql`, `)}) as c(${perCopyNames}), s`;
}

/**
 * Store one copy of a message in each of these boxes' folder, in one statement (a send to ten local
 * boxes is one insert, not ten round trips); `readBy` marks them read for that person. Ids in order.
 */
export async function storeCopies(
  db: Queryable,
  placements: Placement[],
  folder: Folder,
  copy: MessageCopy,
  options: CopyOptions = {},
): Promise<string[]> {
  if (placements.length === 0) return [];
  const threads = await resolveThreads(
    db,
    placements.map((p) => p.mailboxId),
    copy,
  );
  const receivedAt = options.receivedAt ?? new Date();
  const ids = placements.map((p) => p.id ?? randomUUID());
  // What every copy shares, written once: its body is sent once, not once per box.
  const shared = {
    folder,
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
    subject: copy.subject,
    bodyText: copy.bodyText,
    bodyHtml: copy.html?.original ?? null,
    bodyHtmlSafe: copy.html?.safe ?? null,
    remoteImages: copy.html?.remoteImages ?? 0,
    htmlTooComplex: copy.html ? copy.html.safe === null : false,
    htmlComposed: copy.html?.composed ?? false,
    sentAt: copy.sentAt,
    receivedAt,
    receiptTo: options.receiptTo ?? null,
    reportFor: options.reportFor ?? null,
    draftId: options.draftId ?? null,
    size: Buffer.byteLength(copy.subject) + Buffer.byteLength(copy.html?.original ?? copy.bodyText),
  } satisfies Partial<typeof messages.$inferInsert>;
  await db.execute(
    insertCopies(shared, {
      id: ids,
      mailboxId: placements.map((p) => p.mailboxId),
      threadId: placements.map((p) => threads.get(p.mailboxId)!),
      viaAddress: placements.map((p) => p.via ?? null),
    }),
  );
  if (options.readBy) await db.insert(messageReads).values(ids.map((messageId) => ({ messageId, userId: options.readBy! })));
  return ids;
}

/** Store one copy in one box's folder. */
export async function storeCopy(
  db: Queryable,
  mailboxId: string,
  folder: Folder,
  copy: MessageCopy,
  options: CopyOptions & Omit<Placement, "mailboxId"> = {},
): Promise<string> {
  const { id, via, ...common } = options;
  const [stored] = await storeCopies(db, [{ mailboxId, id, via }], folder, copy, common);
  return stored;
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
