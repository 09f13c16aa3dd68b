import { and, asc, desc, eq, inArray, isNull, ne, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { folderCounts, folderReads, messageReads, messages, scheduledSends, users } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import type { ReadAccess } from "@/lib/authz/permissions";
import { isUuid } from "@/lib/ids";
import { PATIENT_DOMAIN } from "@/lib/mail/patient-address";
import { attachedXdm, listAttachments } from "@/lib/mail/attachments";
import { recipientsIn } from "./deliveries";
import { NEVER_UNREAD, type Folder, type ListView } from "@/lib/mail/folders";
import { messageBodyColumns } from "./message-body";
import { personName } from "@/lib/people";

export const PAGE_SIZE = 50;

/**
 * This person's read mark on a listed message, left-joined: unread is "no
 * mark of hers", whatever colleagues did. A join is an index probe per row
 * listed; the same test as NOT EXISTS was planned as a hash of all her marks
 * (90,000 on a busy shared box) for a page of 50.
 */
export const readMark = alias(messageReads, "read_mark");
export const ownReadMark = (userId: string) => and(eq(readMark.messageId, messages.id), eq(readMark.userId, userId));
export const isUnread = sql<boolean>`${readMark.messageId} is null`;

/**
 * Unread as this person's lists and counts show it: no mark of hers, never in Envoyés or Brouillons, and
 * not arrived before her delegation on the box began (the rule the counters of db/migrations/0017 keep).
 */
export const unreadFor = (userId: string) =>
  sql<boolean>`(${and(
    isUnread,
    notInArray(messages.folder, [...NEVER_UNREAD]),
    sql`not delegated_after(${userId}::uuid, ${messages.mailboxId}, ${messages.receivedAt})`,
  )})`;

export type Cursor = { at: string; id: string };
/** Which rows a list page shows: those older than the cursor (the next page) or newer (back to the previous one). */
export type PageCursor = Cursor & { direction: "older" | "newer" };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** A list page's position from the URL: `cursor` goes to older messages, `before` back to newer ones. */
export function pageCursor({ cursor, before }: { cursor?: string; before?: string }): PageCursor | null {
  const older = decodeCursor(cursor);
  if (older) return { ...older, direction: "older" };
  const newer = decodeCursor(before);
  return newer ? { ...newer, direction: "newer" } : null;
}

/** A cursor that does not decode is ignored: the first page is shown. */
export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    return typeof at === "string" && !Number.isNaN(Date.parse(at)) && isUuid(id) ? { at, id } : null;
  } catch {
    return null;
  }
}

/** Keyset on (received_at, id), newest first: the rows after the cursor, and the cursor of the next page. */
export const cursorAt = sql<string>`${messages.receivedAt}::text`; // full precision: a JS Date would drop microseconds
export const olderThan = (cursor: Cursor | null) =>
  cursor ? sql`(${messages.receivedAt}, ${messages.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined;
export const newerThan = (cursor: Cursor) =>
  sql`(${messages.receivedAt}, ${messages.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
const cursorOf = (row: { id: string; cursorAt: string } | undefined) => (row ? encodeCursor({ at: row.cursorAt, id: row.id }) : null);
/** Rows read newest first: the page, the cursor to older rows if any, and to newer ones when the page did not start at the top. */
export function pageOf<R extends { id: string; cursorAt: string }>(rows: R[], hasNewer = false) {
  const page = rows.slice(0, PAGE_SIZE);
  return {
    page,
    nextCursor: rows.length > PAGE_SIZE ? cursorOf(page.at(-1)) : null,
    previousCursor: hasNewer ? cursorOf(page[0]) : null,
  };
}
/** Rows read oldest first from a cursor (going back): shown newest first; older rows exist, the cursor came from them. */
function pageBackOf<R extends { id: string; cursorAt: string }>(rows: R[]) {
  const page = rows.slice(0, PAGE_SIZE).reverse();
  return { page, nextCursor: cursorOf(page.at(-1)), previousCursor: rows.length > PAGE_SIZE ? cursorOf(page[0]) : null };
}

/** A body's start as one line of preview: quoted lines and line breaks left out. */
const oneLine = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((line) => !line.startsWith(">"))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);

const assignee = alias(users, "assignee");
const doneBy = alias(users, "done_by");

/** A message from or to a patient: its author, or one of those it was written to, at the patients' domain. */
const withPatient = sql`(${messages.fromAddress} like ${`%@${PATIENT_DOMAIN}`} or exists (select 1 from jsonb_array_elements(${messages.to}) r where r->>'address' like ${`%@${PATIENT_DOMAIN}`}))`;

/** The messages of a folder a view keeps, for this person: the list's filter, and a bulk selection's. */
export function inView(view: ListView, userId: string): SQL | undefined {
  if (view === "assigned") return eq(messages.assignedUserId, userId);
  if (view === "patients") return withPatient;
  if (view === "todo") return isNull(messages.doneAt);
  return undefined;
}

/**
 * A place's messages: one of the box's own folders, or a fixed folder (Archives without what is filed in the
 * box's own folders, which are kept among Archives).
 */
export function inPlace(folder: Folder, folderId: string | null): SQL | undefined {
  if (folderId) return eq(messages.folderId, folderId);
  return and(eq(messages.folder, folder), folder === "archive" ? isNull(messages.folderId) : undefined);
}

/** A draft's send put off, if any: when it goes, or the code of why it did not. */
const draftSchedule = (column: "send_at" | "failure") =>
  sql<string | null>`(select s.${sql.raw(column)} from ${scheduledSends} s where s.draft_message_id = ${messages.id})`;

/** One page of a folder, newest first, by keyset on (received_at, id): no OFFSET. */

export async function listFolder(
  db: Queryable,
  {
    userId,
    access,
    folder,
    folderId = null,
    cursor,
    view = "all",
  }: { userId: string; access: ReadAccess; folder: Folder; folderId?: string | null; cursor: PageCursor | null; view?: ListView },
) {
  const newer = cursor?.direction === "newer";
  const rows = await db
    .select({
      id: messages.id,
      threadId: messages.threadId,
      draftId: messages.draftId,
      fromAddress: messages.fromAddress,
      fromName: messages.fromName,
      senderName: messages.senderName,
      to: messages.to,
      viaAddress: messages.viaAddress,
      subject: messages.subject,
      // The start of the text is enough for one line; a TOASTed body is only decompressed that far.
      preview: sql<string>`left(${messages.bodyText}, 300)`,
      hasAttachments: sql<boolean>`${messages.attachmentNames} is not null`,
      hasXdm: sql<boolean>`position('IHE_XDM.ZIP' in upper(coalesce(${messages.attachmentNames}, ''))) > 0`,
      receivedAt: messages.receivedAt,
      cursorAt,
      flagged: messages.flagged,
      readReceiptAt: messages.readReceiptAt,
      // Only sent copies have recipients at other operators.
      // Only drafts can have a send put off (lib/mail/scheduled-send.ts).
      scheduledAt: (folder === "drafts" ? draftSchedule("send_at") : sql`null`).mapWith(scheduledSends.sendAt),
      scheduleFailure: folder === "drafts" ? draftSchedule("failure") : sql<string | null>`null`,
      pending: folder === "sent" ? recipientsIn("pending") : sql<number>`0`,
      failed: folder === "sent" ? recipientsIn("failed") : sql<number>`0`,
      assignee: { firstName: assignee.firstName, lastName: assignee.lastName, civility: assignee.civility },
      doneAt: messages.doneAt,
      doneBy: { firstName: doneBy.firstName, lastName: doneBy.lastName, civility: doneBy.civility },
      unread: unreadFor(userId),
    })
    .from(messages)
    .leftJoin(readMark, ownReadMark(userId))
    .leftJoin(assignee, eq(assignee.id, messages.assignedUserId))
    .leftJoin(doneBy, eq(doneBy.id, messages.doneByUserId))
    .where(
      and(
        eq(messages.mailboxId, access.mailbox.id),
        inPlace(folder, folderId),
        inView(view, userId),
        newer ? newerThan(cursor) : olderThan(cursor),
      ),
    )
    .orderBy(...(newer ? [asc(messages.receivedAt), asc(messages.id)] : [desc(messages.receivedAt), desc(messages.id)]))
    .limit(PAGE_SIZE + 1);
  const { page, nextCursor, previousCursor } = newer ? pageBackOf(rows) : pageOf(rows, cursor !== null);
  return {
    messages: page.map(({ cursorAt: _, assignee: a, doneBy: b, ...m }) => ({
      ...m,
      preview: oneLine(m.preview),
      assigneeName: a ? personName(a) : null,
      doneByName: b ? personName(b) : null,
    })),
    nextCursor,
    previousCursor,
  };
}

/**
 * Unread per box and folder for this person, from the counters the triggers keep: never a scan of a folder.
 * Envoyés and Brouillons never count.
 */
export type UnreadCount = { mailboxId: string; folder: string; total: number; unread: number };

export async function unreadCounts(db: Queryable, userId: string, boxes: readonly ReadAccess[]): Promise<UnreadCount[]> {
  if (boxes.length === 0) return [];
  return db
    .select({
      mailboxId: folderCounts.mailboxId,
      folder: folderCounts.folder,
      total: folderCounts.total,
      unread: sql<number>`(case when ${inArray(folderCounts.folder, [...NEVER_UNREAD])} then 0 else ${folderCounts.total} - coalesce(${folderReads.read}, 0) end)::int`,
    })
    .from(folderCounts)
    .leftJoin(
      folderReads,
      and(eq(folderReads.userId, userId), eq(folderReads.mailboxId, folderCounts.mailboxId), eq(folderReads.folder, folderCounts.folder)),
    )
    .where(
      inArray(
        folderCounts.mailboxId,
        boxes.map((a) => a.mailbox.id),
      ),
    );
}

/**
 * Open a thread of one box: its messages in that box (the Corbeille shows only
 * its own), marked read for this person, each consultation traced. A thread
 * of another box finds nothing.
 */
export async function openThread(
  db: Queryable,
  {
    principal,
    access,
    folder,
    threadId,
    meta,
  }: { principal: Principal; access: ReadAccess; folder: Folder; threadId: string; meta: RequestMeta },
) {
  if (!isUuid(threadId)) return null;
  const mailboxId = access.mailbox.id;
  const rows = await db
    .select({
      id: messages.id,
      folder: messages.folder,
      folderId: messages.folderId,
      messageId: messages.messageId,
      fromAddress: messages.fromAddress,
      fromName: messages.fromName,
      senderName: messages.senderName,
      to: messages.to,
      cc: messages.cc,
      bcc: messages.bcc,
      replyTo: messages.replyTo,
      viaAddress: messages.viaAddress,
      subject: messages.subject,
      ...messageBodyColumns,
      sentAt: messages.sentAt,
      receivedAt: messages.receivedAt,
      flagged: messages.flagged,
      assignedUserId: messages.assignedUserId,
      receiptTo: messages.receiptTo,
      receiptHandledAt: messages.receiptHandledAt,
      readReceiptAt: messages.readReceiptAt,
      reportFor: messages.reportFor,
      doneAt: messages.doneAt,
      doneBy: { firstName: doneBy.firstName, lastName: doneBy.lastName, civility: doneBy.civility },
      unread: isUnread,
    })
    .from(messages)
    .leftJoin(readMark, ownReadMark(principal.userId))
    .leftJoin(doneBy, eq(doneBy.id, messages.doneByUserId))
    .where(
      and(
        eq(messages.mailboxId, mailboxId),
        eq(messages.threadId, threadId),
        folder === "trash" ? eq(messages.folder, "trash") : ne(messages.folder, "trash"),
        ne(messages.folder, "drafts"),
      ),
    )
    .orderBy(asc(messages.receivedAt), asc(messages.id));
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.id);
  const unread = rows.filter((r) => r.unread).map((r) => ({ messageId: r.id, userId: principal.userId }));
  // The reading is traced before anything is shown: the read marks ride in the audit's own statement
  // (lib/audit/write.ts), so both land or neither, with no transaction around them. Who had read what and the
  // files are read meanwhile; nothing is returned unless the trace landed.
  const [, reads, files] = await Promise.all([
    writeAudit(
      db,
      meta,
      ids.map((id) => ({
        actorUserId: principal.userId,
        mailboxId,
        action: "message.read" as const,
        target: id,
        result: "success" as const,
      })),
      unread.length > 0 ? db.$with("marked").as(db.insert(messageReads).values(unread).onConflictDoNothing().returning()) : undefined,
    ),
    // On a shared box, colleagues see who has read what.
    db
      .select({
        messageId: messageReads.messageId,
        userId: messageReads.userId,
        firstName: users.firstName,
        lastName: users.lastName,
        civility: users.civility,
      })
      .from(messageReads)
      .innerJoin(users, eq(users.id, messageReads.userId))
      .where(inArray(messageReads.messageId, ids))
      .orderBy(asc(messageReads.readAt)),
    listAttachments(db, access, ids),
  ]);
  // She has read every message of the thread from now on: her mark just written is the newest, whether or not
  // the read beside it saw it.
  const readBy = (id: string) => {
    const marks = reads.filter((r) => r.messageId === id);
    return [...marks.map(personName), ...(marks.some((r) => r.userId === principal.userId) ? [] : [principal.name])];
  };
  const xdm = await attachedXdm(db, files);
  return rows.map(({ doneBy: b, ...row }) => ({
    ...row,
    doneByName: b ? personName(b) : null,
    readBy: readBy(row.id),
    attachments: files.filter((f) => f.messageId === row.id),
    xdm: xdm.get(row.id) ?? null,
  }));
}

/** One message of one box, for answering it or resuming a draft. */
export async function findMessage(db: Queryable, access: ReadAccess, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: messages.id,
      folder: messages.folder,
      fromAddress: messages.fromAddress,
      fromName: messages.fromName,
      to: messages.to,
      cc: messages.cc,
      bcc: messages.bcc,
      replyTo: messages.replyTo,
      subject: messages.subject,
      bodyText: messages.bodyText,
      bodyHtmlSafe: messages.bodyHtmlSafe,
      receivedAt: messages.receivedAt,
      receiptTo: messages.receiptTo,
    })
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.mailboxId, access.mailbox.id)));
  return row ?? null;
}
