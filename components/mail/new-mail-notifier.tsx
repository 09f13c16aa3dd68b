"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import * as fr from "@/lib/i18n/fr-mail";
import { useNotificationPreferences } from "./notification-preferences";
import { NotificationSettings } from "./notification-settings";

type Arrival = {
  id: string;
  threadId: string;
  mailboxId: string;
  mailbox: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
};
type Answer = { cursor: string; arrivals: Arrival[] };

/**
 * Where this tab's notifications stand: kept by the module, so moving between
 * the pages of the app (each renders its own sidebar) neither misses nor repeats an arrival.
 */
let cursor: string | null = null;

/**
 * Desktop notifications of new mail in every box the person may read, once she
 * turned them on (app/api/notifications/route.ts, asked at the pace of the
 * page's live updates): the sender and the subject, or only the box when she
 * chose to hide them. Clicking one brings this tab forward on the message.
 */
export function NewMailNotifier({ intervalMs }: { intervalMs: number }) {
  const router = useRouter();
  const state = useNotificationPreferences();
  const known = "preferences" in state;
  const active = known && state.permission === "granted" && state.preferences.enabled;
  const hideDetails = useRef(false);
  useEffect(() => {
    hideDetails.current = known && state.preferences.hideDetails;
  });

  useEffect(() => {
    if (!active) {
      // Turned off: turned on again later, it starts from then, not from what came in meanwhile.
      if (known) cursor = null;
      return;
    }
    let stopped = false;
    const show = (arrival: Arrival) => {
      const [title, body] = hideDetails.current
        ? [fr.notifications.newIn(arrival.mailbox), undefined]
        : [arrival.fromName || arrival.fromAddress, arrival.subject || fr.list.noSubject];
      // Tagged by message: several open tabs show one notification, not one each.
      const notification = new Notification(title, { body, tag: arrival.id, lang: "fr" });
      notification.onclick = () => {
        window.focus();
        router.push(`/m/${arrival.mailboxId}/inbox/${arrival.threadId}`);
        notification.close();
      };
    };
    const poll = async () => {
      const query = cursor === null ? "" : `?since=${encodeURIComponent(cursor)}`;
      const response = await fetch(`/api/notifications${query}`, { cache: "no-store" }).catch(() => null);
      if (stopped || !response?.ok) return;
      const answer: Answer = await response.json();
      if (stopped) return;
      // Oldest first, so the newest ends up on top.
      for (const arrival of answer.arrivals.toReversed()) show(arrival);
      cursor = answer.cursor;
    };
    void poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, known, intervalMs, router]);

  if (!known) return null;
  return <NotificationSettings permission={state.permission} preferences={state.preferences} />;
}
