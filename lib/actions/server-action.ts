import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { requirePrincipal } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";
import { rememberWrite } from "@/lib/read-your-writes";
import { isSameOrigin, metaFrom } from "@/lib/request";
import { formDataToObject, type z } from "@/lib/validation";
import { runAction, type ActionSpec } from "./run";
import type { ActionState } from "./state";

/**
 * Build a server action from a spec: same-origin check → session → runAction
 * (guard from the DB, zod, transaction + audit) → the write remembered for
 * this browser's next lists → one ActionState. On success the page that
 * posted is rendered again, or, when the action names where to go next, the
 * browser is told and fetches that page itself: a redirect here would render
 * it inside the action's answer (Next fetches it from itself), so every send
 * would wait for the inbox to render before it is confirmed. Only with a
 * read replica, whose position goes in a cookie, is the redirect kept.
 */
export function serverAction<S extends z.ZodType, G extends object>(spec: ActionSpec<S, G>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const h = await headers();
    if (!isSameOrigin(h)) return { ok: false, error: fr.errors.badOrigin };
    const principal = await requirePrincipal();
    const { redirectTo, target: _, answer: __, ...state } = await runAction(db, principal, metaFrom(h), spec, formDataToObject(formData));
    if (!state.ok) return state;
    const wroteCookie = await rememberWrite();
    if (redirectTo) {
      // A cookie written makes Next's client refresh the page that posted, which would race the browser's
      // own navigation: the next page is then rendered into this answer, as a redirect does.
      if (wroteCookie) redirect(redirectTo);
      return { ...state, next: redirectTo };
    }
    revalidatePath("/", "layout");
    return state;
  };
}
