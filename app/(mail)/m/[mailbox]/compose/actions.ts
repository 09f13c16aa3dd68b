"use server";

import { serverAction } from "@/lib/actions/server-action";
import { sendSpec } from "@/lib/mail/send-spec";

export const send = serverAction(sendSpec);
