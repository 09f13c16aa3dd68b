"use client";

/**
 * Choices this browser keeps in localStorage, read with useSyncExternalStore: `subscribe` hears this tab's
 * saves (`notify`) and other tabs' (`storage` events, which reach only the other tabs).
 */
const listeners = new Set<() => void>();

export function subscribeStore(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function saveToStore(key: string, value: string) {
  localStorage.setItem(key, value);
  for (const listener of listeners) listener();
}
