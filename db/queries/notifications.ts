import { and, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { mailboxes, messages } from "@/db/schema";
import { listAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";

/** The most arrivals one answer reports: a notification each, newest first; older ones of the same moment are passed over. */
export const ARRIVALS_LIMIT = 5;

/** Before any mail: what a person with empty boxes starts from. */
export const EPOCH_CURSOR = "1970-01-01T00:00:00.000000Z";

/** received_at as ISO 8601 in UTC to the microsecond, so a cursor handed back never re-reports the row it came from. */
const isoMicros = sql<string>`to_char(${messages.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Mail that reached Réception of every box this person may read, with her
 * rights read afresh from the database: `since` null gives only the cursor to
 * start from (the newest arrival now), else the newest arrivals after it (at
 * most ARRIVALS_LIMIT) and the cursor to ask from next time. Sender and
 * subject only, never a body; what she wrote herself from one of those boxes
 * is not news to her. One index probe per box.
 */
export async function newArrivals(db: Queryable, userId: string, since: string | null) {
  const boxes = (await listAccess(db, userId)).filter((a) => can(a, "mailbox.read"));
  if (boxes.length === 0) return { cursor: since ?? EPOCH_CURSOR, arrivals: [] };
  const recent = db
    .select({
      id: messages.id,
      threadId: messages.threadId,
      fromAddress: messages.fromAddress,
      fromName: messages.fromName,
      subject: messages.subject,
      receivedAt: messages.receivedAt,
      at: isoMicros.as("at"),
    })
    .from(messages)
    .where(
      and(
        eq(messages.mailboxId, mailboxes.id),
        eq(messages.folder, "inbox"),
        since === null ? undefined : sql`${messages.receivedAt} > ${since}::timestamptz`,
        notInArray(
          messages.fromAddress,
          boxes.map((a) => a.mailbox.address),
        ),
      ),
    )
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .limit(since === null ? 1 : ARRIVALS_LIMIT)
    .as("recent");
  const rows = await db
    .select({
      id: recent.id,
      threadId: recent.threadId,
      mailboxId: mailboxes.id,
      mailbox: mailboxes.displayName,
      fromAddress: recent.fromAddress,
      fromName: recent.fromName,
      subject: recent.subject,
      at: recent.at,
    })
    .from(mailboxes)
    .crossJoinLateral(recent)
    .where(
      inArray(
        mailboxes.id,
        boxes.map((a) => a.mailbox.id),
      ),
    )
    .orderBy(desc(recent.receivedAt), desc(recent.id))
    .limit(ARRIVALS_LIMIT);
  const cursor = rows[0]?.at ?? since ?? EPOCH_CURSOR;
  return { cursor, arrivals: since === null ? [] : rows };
}
