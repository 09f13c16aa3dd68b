"use server";

import { serverAction } from "@/lib/actions/server-action";
import { createBoxSpec, grantSpec, linkAppSpec, revokeSpec } from "@/lib/delegations/specs";

export const grant = serverAction(grantSpec);
export const revoke = serverAction(revokeSpec);
export const createBox = serverAction(createBoxSpec);
export const linkApp = serverAction(linkAppSpec);
