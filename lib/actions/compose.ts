"use server";

import { serverAction } from "@/lib/actions/server-action";
import { removeAttachmentSpec } from "@/lib/mail/attachment-specs";
import { declineReceiptSpec, deleteDraftSpec, forwardSpec, saveDraftSpec, sendReceiptSpec } from "@/lib/mail/compose-specs";
import { cancelScheduledSpec, composeSendSpec } from "@/lib/mail/scheduled-send";

/** « Envoyer »: at once, or after the person's delay for « Annuler l'envoi », or at the time she chose. */
export const send = serverAction(composeSendSpec);
export const cancelScheduled = serverAction(cancelScheduledSpec);
export const saveDraft = serverAction(saveDraftSpec);
export const deleteDraft = serverAction(deleteDraftSpec);
export const forward = serverAction(forwardSpec);
export const sendReceipt = serverAction(sendReceiptSpec);
export const declineReceipt = serverAction(declineReceiptSpec);
export const removeAttachment = serverAction(removeAttachmentSpec);
