"use server";

import { randomUUID } from "node:crypto";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
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
import { passwordLoginEnabled, pscSettings } from "@/lib/auth/psc-settings";
import { unseal } from "@/lib/auth/sealed";

export async function login(_previous: ActionState, formData: FormData): Promise<ActionState> {
  if (!isSameOrigin(await headers())) return { ok: false, error: fr.errors.badOrigin };
  if (!passwordLoginEnabled()) return { ok: false, error: fr.login.passwordOff };
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

/**
 * Logout ends the session here and, after a Pro Santé Connect login, at PSC too: its logout endpoint gets
 * the ID token as a hint and brings the person back to the login page.
 */
export async function logout(): Promise<void> {
  const h = await headers();
  if (!isSameOrigin(h)) return;
  const check = await getSession();
  const ended = check && "principal" in check ? await endSession(db, check.principal, metaFrom(h)) : null;
  const back = "/login?loggedOut=1";
  const psc = pscSettings();
  const idToken = psc && ended?.pscIdToken ? unseal(ended.pscIdToken) : null;
  if (!psc || !idToken) return void (await signOut({ redirectTo: back }));
  await signOut({ redirect: false });
  const url = new URL(psc.logoutUrl);
  url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("post_logout_redirect_uri", new URL(back, h.get("origin")!).toString());
  url.searchParams.set("state", randomUUID());
  redirect(url.toString());
}

/** « Se connecter avec Pro Santé Connect »: off to PSC, back through Auth.js's callback. */
export async function loginWithPsc(): Promise<void> {
  if (!isSameOrigin(await headers()) || !pscSettings()) return;
  await signIn("psc", { redirectTo: "/" });
}
