import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { requestMeta } from "@/lib/request";
import { auth } from "./config";
import type { Principal } from "./principal";
import { resumeSession } from "./sessions";

/** The signed-in person for this request, re-checked against the database once per request. */
export const getSession = cache(async () => {
  const session = await auth();
  return resumeSession(db, session?.sid, await requestMeta());
});

export async function requirePrincipal(): Promise<Principal> {
  const check = await getSession();
  if (check && "principal" in check) return check.principal;
  redirect(check ? "/login?expired=1" : "/login");
}
