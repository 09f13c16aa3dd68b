"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { db } from "@/db/client";
import type { ActionState } from "@/lib/actions/state";
import { signIn, signOut } from "@/lib/auth/config";
import { readCredentials } from "@/lib/auth/credentials";
import { LoginLocked } from "@/lib/auth/login-locked";
import { getSession } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/sessions";
import { fr } from "@/lib/i18n/fr";
import { isSameOrigin, metaFrom } from "@/lib/request";

export async function login(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!isSameOrigin(await headers())) return { ok: false, error: fr.errors.badOrigin };
  const read = readCredentials({ login: formData.get("login"), password: formData.get("password") });
  if (!read.ok) return { ok: false, code: "invalid_input", error: read.error };
  try {
    await signIn("credentials", { ...read.credentials, redirectTo: "/" });
    return { ok: true };
  } catch (error) {
    // Success is a thrown redirect: only an authentication failure is ours to report.
    if (error instanceof LoginLocked)
      return { ok: false, code: "rate_limited", error: fr.login.locked(Math.ceil(error.retryAfterSeconds / 60)) };
    if (error instanceof AuthError) return { ok: false, error: fr.login.invalid };
    throw error;
  }
}

export async function logout(): Promise<void> {
  const h = await headers();
  if (!isSameOrigin(h)) return;
  const check = await getSession();
  if (check && "principal" in check) await endSession(db, check.principal, metaFrom(h));
  await signOut({ redirectTo: "/login?loggedOut=1" });
}
