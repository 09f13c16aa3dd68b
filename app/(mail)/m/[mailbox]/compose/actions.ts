"use server";

import { serverAction } from "@/lib/actions/server-action";
import { deleteDraftSpec, saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";

export const send = serverAction(sendSpec);
export const saveDraft = serverAction(saveDraftSpec);
export const deleteDraft = serverAction(deleteDraftSpec);
