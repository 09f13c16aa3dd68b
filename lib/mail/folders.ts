export const FOLDERS = ["inbox", "sent", "drafts", "archive", "trash"] as const;
export type Folder = (typeof FOLDERS)[number];

/** Where a person may move a message to; Envoyés and Brouillons are filled by the app. */
export const MOVE_TARGETS = ["inbox", "archive", "trash"] as const;

export function isFolder(value: string): value is Folder {
  return (FOLDERS as readonly string[]).includes(value);
}
