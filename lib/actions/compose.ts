"use server";

import { serverAction } from "@/lib/actions/server-action";
import { removeAttachmentSpec } from "@/lib/mail/attachment-specs";
import { declineReceiptSpec, deleteDraftSpec, forwardSpec, saveDraftSpec, sendReceiptSpec, sendSpec } from "@/lib/mail/compose-specs";

export const send = serverAction(sendSpec);
export const saveDraft = serverAction(saveDraftSpec);
export const deleteDraft = serverAction(deleteDraftSpec);
export const forward = serverAction(forwardSpec);
export const sendReceipt = serverAction(sendReceiptSpec);
export const declineReceipt = serverAction(declineReceiptSpec);
export const removeAttachment = serverAction(removeAttachmentSpec);
