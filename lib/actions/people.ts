"use server";

import { serverAction } from "@/lib/actions/server-action";
import { disablePersonSpec, enablePersonSpec } from "@/lib/people/specs";

export const disablePerson = serverAction(disablePersonSpec);
export const enablePerson = serverAction(enablePersonSpec);
