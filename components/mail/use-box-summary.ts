"use client";

import { useQuery } from "@tanstack/react-query";
import type { BoxSummary } from "@/db/queries/folders";

export type { BoxSummary };

/**
 * The box's counters, polled: one query shared by the folder counts and the live updates.
 * One query per server render: a summary cached by an earlier page of the same box must not look like news.
 */
export function useBoxSummary(mailboxId: string, initial: BoxSummary, intervalMs: number): BoxSummary {
  const { data } = useQuery({
    queryKey: ["box-summary", mailboxId, initial.version],
    queryFn: async (): Promise<BoxSummary> => {
      const response = await fetch(`/api/mailboxes/${mailboxId}/summary`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: intervalMs,
    refetchOnWindowFocus: true,
  });
  return data ?? initial;
}
