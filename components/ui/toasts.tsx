"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";
import type { ExternalToast } from "sonner";

/**
 * Notices (sonner) load when a page first needs them — messages ticked or dragged — rather than with every
 * page: about 9 KB of the inbox's JavaScript. The Toaster is mounted then, before its first notice, so
 * screen readers announce notices in a live region that was already there.
 */
const Toaster = lazy(() => import("sonner").then((m) => ({ default: m.Toaster })));

let wanted = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Mount the Toaster now: a notice may follow (a selection was made, a drag began). */
export function prepareToasts() {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}

/** Notices of bulk actions, with their « Annuler »: announced politely, kept while hovered or focused. */
export function LazyToaster() {
  const shown = useSyncExternalStore(
    subscribe,
    () => wanted,
    () => false,
  );
  return shown ? (
    <Suspense>
      <Toaster position="bottom-center" />
    </Suspense>
  ) : null;
}

async function sonner() {
  prepareToasts();
  return (await import("sonner")).toast;
}

export async function toast(message: string, options?: ExternalToast) {
  (await sonner())(message, options);
}

export async function toastError(message: string | undefined) {
  (await sonner()).error(message);
}
