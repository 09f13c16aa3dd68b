"use server";

import { serverAction } from "@/lib/actions/server-action";
import {
  bulkAssignSpec,
  bulkDoneSpec,
  bulkFlagSpec,
  bulkMarkReadSpec,
  bulkMarkUnreadSpec,
  bulkMoveSpec,
  doneSpec,
  undoMoveSpec,
} from "@/lib/mail/triage-specs";

export const markReadMessages = serverAction(bulkMarkReadSpec);
export const markUnreadMessages = serverAction(bulkMarkUnreadSpec);
export const flagMessages = serverAction(bulkFlagSpec);
export const moveMessages = serverAction(bulkMoveSpec);
export const undoMove = serverAction(undoMoveSpec);
export const assignMessages = serverAction(bulkAssignSpec);
export const markDoneMessages = serverAction(bulkDoneSpec);
export const markDone = serverAction(doneSpec);
