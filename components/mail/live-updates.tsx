"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { fr } from "@/lib/i18n/fr";

type Summary = { unread: Partial<Record<string, number>>; version: string };

/**
 * Keeps the open page current without a reload: polls the box's summary
 * (counters only) and, on a folder's list, when its version moves, asks the
 * server components to render again (list and counts). The tab title carries the unread count of
 * Réception; a polite live region announces new mail to screen readers.
 */
export function LiveUpdates({
  mailboxId,
  initial,
  refresh,
  title,
  intervalMs,
}: {
  mailboxId: string;
  initial: Summary;
  /** Re-render the page when the box changes (lists only). */
  refresh: boolean;
  title: string;
  intervalMs: number;
}) {
  const router = useRouter();
  const { data } = useQuery({
    // One query per server render: a summary cached by an earlier page of the same box must not look like news.
    queryKey: ["box-summary", mailboxId, initial.version],
    queryFn: async (): Promise<Summary> => {
      const response = await fetch(`/api/mailboxes/${mailboxId}/summary`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: intervalMs,
    refetchOnWindowFocus: true,
  });
  const current = data ?? initial;
  const inbox = current.unread.inbox ?? 0;

  useEffect(() => {
    if (refresh && current.version !== initial.version) router.refresh();
  }, [refresh, current.version, initial.version, router]);

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
