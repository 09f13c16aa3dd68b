export const FOLDERS = ["inbox", "sent", "drafts", "archive", "trash"] as const;
export type Folder = (typeof FOLDERS)[number];

/** Where a person may move a message to; Envoyés and Brouillons are filled by the app. */
export const MOVE_TARGETS = ["inbox", "archive", "trash"] as const;

export function isFolder(value: string): value is Folder {
  return (FOLDERS as readonly string[]).includes(value);
}

/** Never unread, for anyone: what the box wrote itself. */
export const NEVER_UNREAD = ["sent", "drafts"] as const satisfies readonly Folder[];

/**
 * Ways to narrow a folder's list (and a bulk selection of "all of the folder"): everything, what is
 * assigned to me, what involves a patient, what no one of the team has marked "Traité" yet.
 */
export const LIST_VIEWS = ["all", "assigned", "patients", "todo"] as const;
export type ListView = (typeof LIST_VIEWS)[number];
