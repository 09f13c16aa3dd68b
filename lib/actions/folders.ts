"use server";

import { serverAction } from "@/lib/actions/server-action";
import { createFolderSpec, deleteFolderSpec, renameFolderSpec } from "@/lib/mail/folder-specs";

export const createFolder = serverAction(createFolderSpec);
export const renameFolder = serverAction(renameFolderSpec);
export const deleteFolder = serverAction(deleteFolderSpec);
