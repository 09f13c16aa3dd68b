import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { folderCounts, mailboxFolders, messages } from "@/db/schema";
import type { ReadAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { isUuid } from "@/lib/ids";
import { isFolder, type Folder, type ListView, type Place } from "@/lib/mail/folders";
import { inPlace, inView, ownReadMark, readMark, unreadCounts, unreadFor, type UnreadCount } from "./messages";

/** A folder of the box's own as the sidebar and the move menus show it, with this person's counts. */
export type CustomFolder = { id: string; name: string; parentId: string | null; total: number; unread: number };

/**
 * The box's own folders for this person, each parent followed by its sub-folders, by name: how many messages
 * each holds and how many she has not read (one pass over each folder's index; the fixed folders have
 * counters).
 */
export async function customFolders(db: Queryable, userId: string, access: ReadAccess): Promise<CustomFolder[]> {
  const rows = await db
    .select({
      id: mailboxFolders.id,
      name: mailboxFolders.name,
      parentId: mailboxFolders.parentId,
      total: sql<number>`count(${messages.id})::int`,
      unread: sql<number>`(count(${messages.id}) filter (where ${unreadFor(userId)}))::int`,
    })
    .from(mailboxFolders)
    .leftJoin(messages, and(eq(messages.folderId, mailboxFolders.id), eq(messages.mailboxId, mailboxFolders.mailboxId)))
    .leftJoin(readMark, ownReadMark(userId))
    .where(eq(mailboxFolders.mailboxId, access.mailbox.id))
    .groupBy(mailboxFolders.id);
  return nested(rows);
}

/** The box's own folders without counts, as the move menus of a message offer them. */
export async function folderOptions(db: Queryable, access: ReadAccess) {
  return nested(
    await db
      .select({ id: mailboxFolders.id, name: mailboxFolders.name, parentId: mailboxFolders.parentId })
      .from(mailboxFolders)
      .where(eq(mailboxFolders.mailboxId, access.mailbox.id)),
  );
}

/** Each top-level folder followed by its sub-folders, by name as French sorts it. */
function nested<F extends { name: string; parentId: string | null; id: string }>(rows: F[]): F[] {
  const byName = (a: F, b: F) => a.name.localeCompare(b.name, "fr", { sensitivity: "base" });
  return rows
    .filter((f) => f.parentId === null)
    .sort(byName)
    .flatMap((parent) => [parent, ...rows.filter((f) => f.parentId === parent.id).sort(byName)]);
}

/** A place named in a URL or a form, in this box: a fixed folder, or a folder of the box's own (else null, as missing). */
export async function findPlace(
  db: Queryable,
  access: ReadAccess,
  key: string,
): Promise<(Place & { name: string; parentId: string | null }) | null> {
  if (isFolder(key)) return { folder: key, folderId: null, name: fr.folders[key], parentId: null };
  if (!isUuid(key)) return null;
  const [row] = await db
    .select({ id: mailboxFolders.id, name: mailboxFolders.name, parentId: mailboxFolders.parentId })
    .from(mailboxFolders)
    .where(and(eq(mailboxFolders.id, key), eq(mailboxFolders.mailboxId, access.mailbox.id)));
  return row ? { folder: "archive", folderId: row.id, name: row.name, parentId: row.parentId } : null;
}

/**
 * How many messages a folder's list holds: the counters for a whole fixed folder (Archives less what is filed
 * in the box's own folders), a count for one of the box's own or for a filtered view.
 */
export async function folderTotal(
  db: Queryable,
  {
    userId,
    access,
    folder,
    folderId = null,
    view,
  }: { userId: string; access: ReadAccess; folder: Folder; folderId?: string | null; view: ListView },
) {
  if (view === "all" && !folderId) {
    const [[row], filed] = await Promise.all([
      db
        .select({ total: folderCounts.total })
        .from(folderCounts)
        .where(and(eq(folderCounts.mailboxId, access.mailbox.id), eq(folderCounts.folder, folder))),
      folder === "archive" ? customFolders(db, userId, access) : [],
    ]);
    return (row?.total ?? 0) - filed.reduce((sum, f) => sum + f.total, 0);
  }
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.mailboxId, access.mailbox.id), inPlace(folder, folderId), inView(view, userId)));
  return row.total;
}

/** The box's folders as the sidebar shows them: unread by fixed folder name or own folder id, and the own folders. */
export type BoxSummary = {
  unread: Partial<Record<string, number>>;
  folders: { id: string; name: string; parentId: string | null }[];
  version: string;
};

/**
 * What the sidebar shows of one box for this person — unread per folder, the box's own folders — and a
 * version that changes whenever mail arrives, moves, goes or is read, or a folder is made, renamed or
 * removed: the page polls it to know when to refresh. Counters, one index probe, and the own folders
 * (read by `folders`: a page passes the render's memoised reader, db/queries/render-cache.ts).
 */
export async function boxSummary(
  db: Queryable,
  userId: string,
  access: ReadAccess,
  folders: typeof customFolders = customFolders,
  /** The person's counts when the page reads them already (the switcher's): they may hold other boxes'. */
  counted: Promise<UnreadCount[]> = unreadCounts(db, userId, [access]),
): Promise<BoxSummary> {
  const [all, own, [newest]] = await Promise.all([
    counted,
    folders(db, userId, access),
    db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.mailboxId, access.mailbox.id), eq(messages.folder, "inbox")))
      .orderBy(desc(messages.receivedAt), desc(messages.id))
      .limit(1),
  ]);
  const counts = all.filter((c) => c.mailboxId === access.mailbox.id);
  const filedUnread = own.reduce((sum, f) => sum + f.unread, 0);
  const unread: Record<string, number> = {};
  for (const c of counts) {
    const n = c.folder === "archive" ? c.unread - filedUnread : c.unread;
    if (n > 0) unread[c.folder] = n;
  }
  for (const f of own) if (f.unread > 0) unread[f.id] = f.unread;
  const version = [
    newest?.id ?? "",
    ...counts.map((c) => `${c.folder}:${c.total}:${c.unread}`).sort(),
    ...own.map((f) => `${f.id}:${f.parentId ?? ""}:${f.name}:${f.total}:${f.unread}`),
  ].join("|");
  return { unread, folders: own.map(({ id, name, parentId }) => ({ id, name, parentId })), version };
}
