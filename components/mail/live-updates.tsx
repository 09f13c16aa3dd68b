"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { fr } from "@/lib/i18n/fr";

type Summary = { unread: Partial<Record<string, number>>; version: string };

/**
 * Keeps the open page current without a reload: polls the box's summary
 * (counters only) and, when its version moves, asks the server components to
 * render again (list and counts). The tab title carries the unread count of
 * Réception; a polite live region announces new mail to screen readers.
 */
export function LiveUpdates({ mailboxId, initial, title, intervalMs }: { mailboxId: string; initial: Summary; title: string; intervalMs: number }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["box-summary", mailboxId],
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
    if (current.version !== initial.version) router.refresh();
  }, [current.version, initial.version, router]);

  // Next sets the title on navigation: set it again after every render.
  useEffect(() => {
    document.title = inbox > 0 ? `(${inbox}) ${title}` : title;
  });

  const previous = useRef(inbox);
  const arrived = inbox > previous.current ? inbox - previous.current : 0;
  useEffect(() => {
    previous.current = inbox;
  }, [inbox]);

  return (
    <p role="status" aria-live="polite" className="sr-only">
      {arrived > 0 ? fr.live.newMail(arrived) : ""}
    </p>
  );
}
