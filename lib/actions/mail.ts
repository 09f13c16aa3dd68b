"use server";

import { serverAction } from "@/lib/actions/server-action";
import { assignSpec, deleteSpec, flagSpec, importSpec, markUnreadSpec, moveSpec } from "@/lib/mail/message-specs";

export const moveMessage = serverAction(moveSpec);
export const deleteMessage = serverAction(deleteSpec);
export const markUnread = serverAction(markUnreadSpec);
export const flagMessage = serverAction(flagSpec);
export const assignMessage = serverAction(assignSpec);
export const importMessage = serverAction(importSpec);
