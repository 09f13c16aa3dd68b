"use client";

import { useSyncExternalStore } from "react";
import { saveToStore, subscribeStore } from "./browser-store";

/** This browser's choice, kept in localStorage: notifications on, and whether they hide sender and subject. */
export type NotificationPreferences = { enabled: boolean; hideDetails: boolean };

const KEY = "mssante.notifications";
/** A string, so an unchanged state is the same snapshot: the browser's permission, then the stored choice. */
const snapshot = () =>
  typeof Notification === "undefined" ? "unsupported" : `${Notification.permission}|${localStorage.getItem(KEY) ?? ""}`;

function parse(stored: string): NotificationPreferences {
  try {
    const value = JSON.parse(stored);
    return { enabled: value?.enabled === true, hideDetails: value?.hideDetails === true };
  } catch {
    return { enabled: false, hideDetails: false };
  }
}

/** Saves the choice (and tells this tab's readers: `storage` events reach the other tabs only). */
export function savePreferences(preferences: NotificationPreferences) {
  saveToStore(KEY, JSON.stringify(preferences));
}

/**
 * The browser's notification permission and this browser's choice; `unknown`
 * while rendered on the server, `unsupported` where there are no notifications.
 */
export function useNotificationPreferences():
  { permission: "unknown" | "unsupported" } | { permission: NotificationPermission; preferences: NotificationPreferences } {
  const state = useSyncExternalStore(subscribeStore, snapshot, () => "unknown");
  if (state === "unknown" || state === "unsupported") return { permission: state };
  const bar = state.indexOf("|");
  return { permission: state.slice(0, bar) as NotificationPermission, preferences: parse(state.slice(bar + 1)) };
}
