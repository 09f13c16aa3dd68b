"use server";

import { serverAction } from "@/lib/actions/server-action";
import { changePasswordSpec } from "@/lib/auth/password-spec";

export const changePassword = serverAction(changePasswordSpec);
