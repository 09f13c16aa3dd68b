"use client";

import { useQuery } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useEffect } from "react";
import * as fr from "@/lib/i18n/fr-mail";
import { inFlight, undeliveredCounts, type DeliveryView } from "@/lib/mail/delivery-status";

type Deliveries = Record<string, DeliveryView[]>;

async function fetchDeliveries(mailboxId: string, ids: string[]): Promise<Deliveries> {
  const response = await fetch(`/api/mailboxes/${mailboxId}/deliveries?ids=${ids.join(",")}`, { cache: "no-store" });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()).deliveries;
}

/** A query per server render: what an earlier render cached must not hide fresher props. */
const renderKey = (views: DeliveryView[]) => views.map((v) => `${v.recipient}:${v.state}:${v.label}`).join("|");

const STATE_STYLE: Record<DeliveryView["state"], string> = {
  sending: "text-slate-700",
  retrying: "text-amber-800",
  delivered: "text-green-800",
  failed: "text-red-700",
};

/**
 * Where a sent message stands for each recipient at another operator. While
 * one is on its way the list asks again every few seconds (only this list:
 * the thread is not rendered again, so its consultation is not traced twice).
 */
export function DeliveryStatus({
  mailboxId,
  messageId,
  initial,
  intervalMs,
}: {
  mailboxId: string;
  messageId: string;
  initial: DeliveryView[];
  intervalMs: number;
}) {
  const { data } = useQuery({
    queryKey: ["deliveries", mailboxId, messageId, renderKey(initial)],
    queryFn: async () => (await fetchDeliveries(mailboxId, [messageId]))[messageId] ?? [],
    initialData: initial,
    staleTime: intervalMs,
    refetchInterval: (query) => (query.state.data?.some(inFlight) ? intervalMs : false),
  });
  const views = data ?? initial;
  const titleId = `acheminement-${messageId}`;
  return (
    <div className="mt-3 text-sm">
      <p id={titleId} className="font-medium text-slate-700">
        {fr.delivery.title}
      </p>
      <ul className="mt-1 space-y-1" aria-labelledby={titleId}>
        {views.map((v) => (
          <li key={v.recipient} className="break-words">
            {v.recipient} : <span className={`font-medium ${STATE_STYLE[v.state]}`}>{v.label}</span>
            {v.read && <span className="font-medium text-green-800"> · {v.read}</span>}
            {v.detail && <span className="block text-xs text-slate-700">{v.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * On the Envoyés list: asks how the messages still on their way stand, and
 * renders the list again when one of them settles or fails. Not while a message is open beside the list:
 * rendering its pane again would trace a second reading (its own DeliveryStatus follows it); the list
 * follows once it is closed.
 */
export function DeliveryRefresh({
  mailboxId,
  watched,
  intervalMs,
}: {
  mailboxId: string;
  /** The listed messages with recipients on their way, and their marks as rendered. */
  watched: { id: string; pending: number; failed: number }[];
  intervalMs: number;
}) {
  const router = useRouter();
  const reading = Boolean(useParams().thread);
  const key = watched.map((w) => `${w.id}:${w.pending}:${w.failed}`).join("|");
  const { data } = useQuery({
    queryKey: ["deliveries-list", mailboxId, key],
    queryFn: () =>
      fetchDeliveries(
        mailboxId,
        watched.map((w) => w.id),
      ),
    enabled: watched.length > 0,
    staleTime: intervalMs,
    refetchInterval: intervalMs,
  });
  const changed =
    data !== undefined &&
    watched.some((w) => {
      const now = undeliveredCounts(data[w.id] ?? []);
      return now.pending !== w.pending || now.failed !== w.failed;
    });
  useEffect(() => {
    if (changed && !reading) router.refresh();
  }, [changed, reading, router]);
  return null;
}
