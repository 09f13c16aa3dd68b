export const FOLDERS = ["inbox", "sent", "drafts", "archive", "trash"] as const;
export type Folder = (typeof FOLDERS)[number];

/** Where a person may move a message to; Envoyés and Brouillons are filled by the app. */
export const MOVE_TARGETS = ["inbox", "archive", "trash"] as const;

export function isFolder(value: string): value is Folder {
  return (FOLDERS as readonly string[]).includes(value);
}

/**
 * Where a list shows or a move files messages: a fixed folder, or one of the box's own folders
 * (`folderId`), whose messages are filed among Archives.
 */
export type Place = { folder: Folder; folderId: string | null };

/** A place as URLs and forms name it: the fixed folder's name, or the id of the box's own folder. */
export const placeKey = (place: Place) => place.folderId ?? place.folder;

/** One level of nesting: a folder of the box's own may hold sub-folders, which hold none. */
export const FOLDER_NAME_MAX = 60;

/** Never unread, for anyone: what the box wrote itself. */
export const NEVER_UNREAD = ["sent", "drafts"] as const satisfies readonly Folder[];

/**
 * Ways to narrow a folder's list (and a bulk selection of "all of the folder"): everything, what is
 * assigned to me, what involves a patient, what no one of the team has marked "Traité" yet.
 */
export const LIST_VIEWS = ["all", "assigned", "patients", "todo"] as const;
export type ListView = (typeof LIST_VIEWS)[number];
