"use server";

import { createTokenSpec, revokeTokenSpec } from "@/lib/api/token-specs";
import { serverAction } from "@/lib/actions/server-action";

// The clear secret travels back once, in the create action's answer; the page never puts it anywhere else.
export const createToken = serverAction(createTokenSpec);
export const revokeToken = serverAction(revokeTokenSpec);
