"use server";

import { serverAction } from "@/lib/actions/server-action";
import { importListeBlancheSpec } from "@/lib/mail/liste-blanche-spec";

export const importListeBlanche = serverAction(importListeBlancheSpec);
