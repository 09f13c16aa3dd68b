"use client";

import { useParams, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import * as fr from "@/lib/i18n/fr-mail";
import { useBoxSummary, type BoxSummary } from "./use-box-summary";

/**
 * Keeps the open page current without a reload: polls the box's summary
 * (counters only) and, on a folder's list, when its version moves, asks the
 * server components to render again (list and counts). Not while a message is open beside the list:
 * rendering its pane again would trace a second reading; the list follows once it is closed.
 * The tab title carries the unread count of Réception; a polite live region announces new mail to screen readers.
 */
export function LiveUpdates({
  mailboxId,
  initial,
  refresh,
  title,
  intervalMs,
}: {
  mailboxId: string;
  initial: BoxSummary;
  /** Re-render the page when the box changes (lists only). */
  refresh: boolean;
  title: string;
  intervalMs: number;
}) {
  const router = useRouter();
  const reading = Boolean(useParams().thread);
  const current = useBoxSummary(mailboxId, initial, intervalMs);
  const inbox = current.unread.inbox ?? 0;

  useEffect(() => {
    if (refresh && !reading && current.version !== initial.version) router.refresh();
  }, [refresh, reading, current.version, initial.version, router]);

  useEffect(() => {
    const wanted = inbox > 0 ? `(${inbox}) ${title}` : title;
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next writes the page's own <title> after hydration and on navigation: ours is put back.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [inbox, title]);

  // Said once when the unread count grows, and kept until it changes again.
  const [announcement, setAnnouncement] = useState("");
  const previous = useRef(inbox);
  useEffect(() => {
    if (inbox > previous.current) setAnnouncement(fr.live.newMail(inbox - previous.current));
    previous.current = inbox;
  }, [inbox]);

  return (
    <p role="status" aria-live="polite" className="sr-only">
      {announcement}
    </p>
  );
}
