"use server";

import { serverAction } from "@/lib/actions/server-action";
import { deleteSpec, markUnreadSpec, moveSpec } from "@/lib/mail/message-specs";

export const moveMessage = serverAction(moveSpec);
export const deleteMessage = serverAction(deleteSpec);
export const markUnread = serverAction(markUnreadSpec);
