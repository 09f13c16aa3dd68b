"use server";

import { mailboxAction } from "@/lib/actions/mailbox-action";
import { deleteSpec, markUnreadSpec, moveSpec } from "@/lib/mail/message-specs";

export const moveMessage = mailboxAction(moveSpec);
export const deleteMessage = mailboxAction(deleteSpec);
export const markUnread = mailboxAction(markUnreadSpec);
