"use client";

import { redirect, RedirectType, unstable_rethrow } from "next/navigation";
import { useActionState } from "react";
import * as fr from "@/lib/i18n/fr-forms";
import { limits } from "@/lib/mail/limits";
import { idle, type ActionState } from "./state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Bytes a form takes once posted: its text in UTF-8, its files as they are, and the framing of each part. */
export function formBytes(formData: FormData): number {
  let total = 0;
  for (const [name, value] of formData) total += 128 + new Blob([name, value]).size;
  return total;
}

/** What proxy.ts answers to a form post it refuses: shown as is, the rest of what can fail is said in general. */
const REFUSALS = new Set([fr.requests.lengthRequired, fr.requests.tooLarge(limits.form), fr.requests.malformed, fr.errors.badOrigin]);

/**
 * useActionState for a form posted to a server action that never loses what
 * was typed: `check`, then the size of a form post, are checked before
 * anything is sent; a refused or failed request becomes the form's error, in
 * French, where Next would replace the page with its own. A not-found from
 * the action goes on to Next. A success naming the next page goes there as
 * a server action's redirect did: thrown to Next's boundary, which navigates
 * and then starts the form's part of the page afresh (a dialog closed, a
 * form emptied).
 */
export function useFormAction(action: Action, check?: (formData: FormData) => ActionState | null) {
  return useActionState(async (previous: ActionState, formData: FormData): Promise<ActionState> => {
    const refused: ActionState | null =
      check?.(formData) ??
      (formBytes(formData) > limits.form ? { ok: false, code: "too_large", error: fr.requests.tooLarge(limits.form) } : null);
    if (refused) return refused;
    let state: ActionState;
    try {
      state = await action(previous, formData);
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, error: error instanceof Error && REFUSALS.has(error.message) ? error.message : fr.requests.failed };
    }
    if (state.next) redirect(state.next, RedirectType.push);
    return state;
  }, idle);
}
