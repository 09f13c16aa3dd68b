"use client";

import * as fr from "@/lib/i18n/fr-mail";
import { savePreferences, type NotificationPreferences } from "./notification-preferences";

const buttonClass = "rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100";

/**
 * Turning desktop notifications on and off in this browser. The browser asks
 * for its permission only when the person presses « Activer les notifications ».
 */
export function NotificationSettings({
  permission,
  preferences,
}: {
  permission: NotificationPermission;
  preferences: NotificationPreferences;
}) {
  const active = permission === "granted" && preferences.enabled;
  const enable = async () => {
    const answer = await Notification.requestPermission();
    savePreferences({ ...preferences, enabled: answer === "granted" });
  };
  return (
    <section aria-labelledby="notifications-titre" className="mt-4 space-y-2 border-t border-slate-200 pt-3 text-sm">
      <h2 id="notifications-titre" className="font-semibold">
        {fr.notifications.label}
      </h2>
      {permission === "denied" ? (
        <p className="text-slate-700">{fr.notifications.denied}</p>
      ) : active ? (
        <>
          <p className="text-slate-700">{fr.notifications.enabled}</p>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={preferences.hideDetails}
              onChange={(event) => savePreferences({ ...preferences, hideDetails: event.target.checked })}
              className="size-4"
            />
            {fr.notifications.hideDetails}
          </label>
          <button type="button" className={buttonClass} onClick={() => savePreferences({ ...preferences, enabled: false })}>
            {fr.notifications.disable}
          </button>
        </>
      ) : (
        <button type="button" className={buttonClass} onClick={enable}>
          {fr.notifications.enable}
        </button>
      )}
    </section>
  );
}
