import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { folderCounts, folderReads, messageReads, messages, users } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import type { ReadAccess } from "@/lib/authz/permissions";
import { isUuid } from "@/lib/ids";
import { PATIENT_DOMAIN } from "@/lib/mail/patient-address";
import { attachedXdm, listAttachments } from "@/lib/mail/attachments";
import { recipientsIn } from "./deliveries";
import { messageBodyColumns } from "./message-body";
import type { Folder } from "@/lib/mail/folders";
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

type Cursor = { at: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
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
export function pageOf<R extends { id: string; cursorAt: string }>(rows: R[]) {
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null };
}

const assignee = alias(users, "assignee");

/** One page of a folder, newest first, by keyset on (received_at, id): no OFFSET. */
/** A message from or to a patient: its author, or one of those it was written to, at the patients' domain. */
const withPatient = sql`(${messages.fromAddress} like ${`%@${PATIENT_DOMAIN}`} or exists (select 1 from jsonb_array_elements(${messages.to}) r where r->>'address' like ${`%@${PATIENT_DOMAIN}`}))`;

export async function listFolder(
  db: Queryable,
  {
    userId,
    access,
    folder,
    cursor,
    view = "all",
  }: { userId: string; access: ReadAccess; folder: Folder; cursor: Cursor | null; view?: "all" | "assigned" | "patients" },
) {
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
      receivedAt: messages.receivedAt,
      cursorAt,
      flagged: messages.flagged,
      readReceiptAt: messages.readReceiptAt,
      // Only sent copies have recipients at other operators.
      pending: folder === "sent" ? recipientsIn("pending") : sql<number>`0`,
      failed: folder === "sent" ? recipientsIn("failed") : sql<number>`0`,
      assignee: { firstName: assignee.firstName, lastName: assignee.lastName, civility: assignee.civility },
      unread: isUnread,
    })
    .from(messages)
    .leftJoin(readMark, ownReadMark(userId))
    .leftJoin(assignee, eq(assignee.id, messages.assignedUserId))
    .where(
      and(
        eq(messages.mailboxId, access.mailbox.id),
        eq(messages.folder, folder),
        view === "assigned" ? eq(messages.assignedUserId, userId) : undefined,
        view === "patients" ? withPatient : undefined,
        olderThan(cursor),
      ),
    )
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .limit(PAGE_SIZE + 1);
  const { page, nextCursor } = pageOf(rows);
  return {
    messages: page.map(({ cursorAt: _, assignee: a, ...m }) => ({ ...m, assigneeName: a ? personName(a) : null })),
    nextCursor,
  };
}

/** Unread per box and folder for this person, from the counters the triggers keep: never a scan of a folder. */
export async function unreadCounts(db: Queryable, userId: string, boxes: readonly ReadAccess[]) {
  if (boxes.length === 0) return [];
  return db
    .select({
      mailboxId: folderCounts.mailboxId,
      folder: folderCounts.folder,
      total: folderCounts.total,
      unread: sql<number>`(${folderCounts.total} - coalesce(${folderReads.read}, 0))::int`,
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
 * What the sidebar shows of one box for this person — unread per folder — and
 * a version that changes whenever mail arrives, moves, goes or is read: the
 * page polls it to know when to refresh. Counters and one index probe only.
 */
export async function boxSummary(db: Queryable, userId: string, access: ReadAccess) {
  const [counts, [newest]] = await Promise.all([
    unreadCounts(db, userId, [access]),
    db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.mailboxId, access.mailbox.id), eq(messages.folder, "inbox")))
      .orderBy(desc(messages.receivedAt), desc(messages.id))
      .limit(1),
  ]);
  const unread = Object.fromEntries(counts.filter((r) => r.unread > 0).map((r) => [r.folder, r.unread])) as Partial<Record<Folder, number>>;
  const version = [newest?.id ?? "", ...counts.map((c) => `${c.folder}:${c.total}:${c.unread}`).sort()].join("|");
  return { unread, version };
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
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: messages.id,
        folder: messages.folder,
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
        unread: isUnread,
      })
      .from(messages)
      .leftJoin(readMark, ownReadMark(principal.userId))
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
    const unread = rows.filter((r) => r.unread);
    if (unread.length > 0) {
      await tx
        .insert(messageReads)
        .values(unread.map((r) => ({ messageId: r.id, userId: principal.userId })))
        .onConflictDoNothing();
    }
    await writeAudit(
      tx,
      meta,
      rows.map((row) => ({
        actorUserId: principal.userId,
        mailboxId,
        action: "message.read" as const,
        target: row.id,
        result: "success" as const,
      })),
    );
    // On a shared box, colleagues see who has read what.
    const reads = await tx
      .select({ messageId: messageReads.messageId, firstName: users.firstName, lastName: users.lastName, civility: users.civility })
      .from(messageReads)
      .innerJoin(users, eq(users.id, messageReads.userId))
      .where(
        inArray(
          messageReads.messageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(messageReads.readAt));
    const ids = rows.map((r) => r.id);
    const files = await listAttachments(tx, access, ids);
    const xdm = await attachedXdm(tx, files);
    return rows.map((row) => ({
      ...row,
      readBy: reads.filter((r) => r.messageId === row.id).map(personName),
      attachments: files.filter((f) => f.messageId === row.id),
      xdm: xdm.get(row.id) ?? null,
    }));
  });
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
      receivedAt: messages.receivedAt,
      receiptTo: messages.receiptTo,
    })
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.mailboxId, access.mailbox.id)));
  return row ?? null;
}
