"use client";

import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useState } from "react";

function Clock() {
  const { data } = useQuery({ queryKey: ["now"], queryFn: async () => Date.now(), refetchInterval: 30_000 });
  return <output>{data}</output>;
}

export function Poll() {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <Clock />
    </QueryClientProvider>
  );
}
