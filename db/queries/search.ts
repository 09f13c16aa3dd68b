import { and, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { rowsOf, withCustomPlans, type Queryable } from "@/db/client";
import { mailboxFolders, mailboxes, messages } from "@/db/schema";
import { listAccess, type MailboxAccess } from "@/lib/authz/access";
import { can, type ReadAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { endOfParisDay, startOfParisDay } from "@/lib/i18n/format";
import { snippet, highlight } from "@/lib/mail/highlight";
import { z } from "@/lib/validation";
import { cursorAt, decodeCursor, olderThan, type Cursor, ownReadMark, PAGE_SIZE, pageOf, readMark, unreadFor } from "./messages";

// Postgres text cannot hold NUL; other control characters mean nothing in a search either.
const cleaned = (max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .replace(/\p{Cc}/gu, " ")
        .trim()
        .slice(0, max),
    )
    .optional()
    .catch(undefined);
const day = z.iso.date().optional().catch(undefined);

/** The search as read from the URL; unreadable values are ignored rather than refused. */
export const searchQuery = z.object({
  q: cleaned(200),
  from: cleaned(100),
  to: cleaned(100),
  after: day,
  before: day,
  attachments: z.literal("1").optional().catch(undefined),
  unread: z.literal("1").optional().catch(undefined),
  all: z.literal("1").optional().catch(undefined),
  cursor: z.string().optional().catch(undefined),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** `%`, `_` and `\` typed in a filter are searched for as such. */
const contains = (value: string) => `%${value.replace(/[\\%_]/g, "\\$&")}%`;

// websearch_to_tsquery never fails on its input: quotes, `-`, `or`, `&`, `!`, `:*` are read as words or its own simple syntax.
const tsquery = (q: string) => sql`websearch_to_tsquery('french', mail_fold(${q}))`;

/** The French stems of the words typed, as Postgres computes them, folded: what the highlighter looks for. */
async function stemsOf(db: Queryable, q: string): Promise<string[]> {
  const result = await db.execute(sql`select unnest(tsvector_to_array(to_tsvector('french', mail_fold(${q})))) as stem`);
  return rowsOf<{ stem: string }>(result).map((r) => r.stem);
}

/**
 * The box's newest messages a search looks through first. Words that always come together (« compte rendu
 * opératoire ») fool the planner's estimates: it then fetches and sorts every match from the full-text index
 * (tens of thousands in a big box) for a page of 50. Walking the window in date order bounds the work, and
 * stops at a page for common words; a page found there is the answer, since nothing newer exists outside it.
 */
const RECENT_WINDOW = 2_000;

/** A range of the box to look in: the window walked row by row in date order, or what lies past it. */
type Range = { walk: boolean; where: SQL; limit: number };

/**
 * One box's page of matches: from its newest messages when they hold a full page; otherwise the window's
 * matches, then the page goes on past the window's edge (the full-text index then finds them, without
 * reading the window again).
 */
async function newestFirst<R>(
  db: Queryable,
  mailboxId: string,
  cursor: Cursor | null,
  matching: (reads: Queryable, range?: Range) => Promise<R[]>,
) {
  const [edge] = await db
    .select({ at: cursorAt, id: messages.id })
    .from(messages)
    .where(and(eq(messages.mailboxId, mailboxId), olderThan(cursor)))
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .offset(RECENT_WINDOW - 1)
    .limit(1);
  // A box (or what is left of it past the cursor) smaller than the window: one pass sees it all.
  if (!edge) return matching(db);
  const recent = await matching(db, {
    walk: true,
    where: sql`(${messages.receivedAt}, ${messages.id}) >= (${edge.at}::timestamptz, ${edge.id}::uuid)`,
    limit: PAGE_SIZE + 1,
  });
  if (recent.length > PAGE_SIZE) return recent;
  const older = await matching(db, { walk: false, where: olderThan(edge)!, limit: PAGE_SIZE + 1 - recent.length });
  return [...recent, ...older];
}

/**
 * Search the box the person is in, or with `all` every box she may read, re-read from `db` (the primary: rights
 * never lag); the messages are read from `reads` (the replica when it serves this request). `held`: her rights
 * when the page reads them already.
 */
export async function searchForPerson(
  db: Queryable,
  userId: string,
  current: ReadAccess,
  query: SearchQuery,
  reads: Queryable = db,
  held?: Promise<MailboxAccess[]>,
) {
  const boxes = query.all ? (await (held ?? listAccess(db, userId))).filter((a) => can(a, "mailbox.read")) : [current];
  return searchMessages(reads, { userId, boxes, query });
}

/**
 * Full-text search in the given boxes, newest first, by keyset pages. Every
 * word must match (French stemming, accents ignored); filters narrow it.
 * Results carry the subject and a passage of the body, highlighted.
 */
export async function searchMessages(
  db: Queryable,
  { userId, boxes, query }: { userId: string; boxes: readonly ReadAccess[]; query: SearchQuery },
) {
  const filters: (SQL | undefined)[] = [
    query.from ? or(ilike(messages.fromAddress, contains(query.from)), ilike(messages.fromName, contains(query.from))) : undefined,
    query.to ? or(ilike(sql`${messages.to}::text`, contains(query.to)), ilike(sql`${messages.cc}::text`, contains(query.to))) : undefined,
    query.after ? gte(messages.receivedAt, startOfParisDay(query.after)) : undefined,
    query.before ? lt(messages.receivedAt, endOfParisDay(query.before)) : undefined,
    query.attachments ? isNotNull(messages.attachmentNames) : undefined,
    query.unread ? unreadFor(userId) : undefined,
  ];
  const mailboxIds = boxes.map((a) => a.mailbox.id);
  if (mailboxIds.length === 0 || (!query.q && filters.every((f) => !f))) return { results: [], nextCursor: null };
  const cursor = decodeCursor(query.cursor);
  const inBoxes = mailboxIds.length === 1 ? eq(messages.mailboxId, mailboxIds[0]) : inArray(messages.mailboxId, mailboxIds);
  // In the window the words are checked row by row as the date index is walked (ts_match_vq is @@ that no
  // index serves), stopping at a page; beyond it the full-text index finds them.
  const words = (walk: boolean) =>
    query.q
      ? walk
        ? sql`ts_match_vq(${messages.search}, ${tsquery(query.q)})`
        : sql`${messages.search} @@ ${tsquery(query.q)}`
      : undefined;
  const matching = (reads: Queryable, range?: Range) =>
    reads
      .select({
        id: messages.id,
        mailboxId: messages.mailboxId,
        mailboxName: mailboxes.displayName,
        folder: messages.folder,
        folderId: messages.folderId,
        folderName: mailboxFolders.name,
        threadId: messages.threadId,
        draftId: messages.draftId,
        fromAddress: messages.fromAddress,
        fromName: messages.fromName,
        subject: messages.subject,
        // Enough of the body for a passage: never the whole of a long message.
        body: sql<string>`left(${messages.bodyText}, 20000)`,
        hasAttachments: sql<boolean>`${messages.attachmentNames} is not null`,
        receivedAt: messages.receivedAt,
        cursorAt,
        unread: unreadFor(userId),
      })
      .from(messages)
      .leftJoin(readMark, ownReadMark(userId))
      .innerJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
      .leftJoin(mailboxFolders, eq(mailboxFolders.id, messages.folderId))
      .where(and(inBoxes, words(range?.walk ?? false), ...filters, olderThan(cursor), range?.where))
      .orderBy(desc(messages.receivedAt), desc(messages.id))
      .limit(range?.limit ?? PAGE_SIZE + 1);
  // The stems do not depend on the data: read beside the search, outside its transaction.
  const [rows, stems] = await Promise.all([
    withCustomPlans(db, (tx) => (mailboxIds.length === 1 ? newestFirst(tx, mailboxIds[0], cursor, matching) : matching(tx))),
    query.q ? stemsOf(db, query.q) : Promise.resolve([]),
  ]);
  const { page, nextCursor } = pageOf(rows);
  return {
    results: page.map(({ body, cursorAt: _, ...r }) => ({
      ...r,
      subject: highlight(r.subject || fr.list.noSubject, stems),
      passage: snippet(body, stems),
    })),
    nextCursor,
  };
}
