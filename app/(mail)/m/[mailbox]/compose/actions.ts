"use server";

import { mailboxAction } from "@/lib/actions/mailbox-action";
import { sendSpec } from "@/lib/mail/send-spec";

export const send = mailboxAction(sendSpec);
