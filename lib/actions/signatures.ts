"use server";

import { serverAction } from "@/lib/actions/server-action";
import { saveSignatureSpec } from "@/lib/mail/signature-spec";

export const saveSignature = serverAction(saveSignatureSpec);
