"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "sonner";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* Notices of bulk actions, with their "Annuler": announced politely, kept while hovered or focused. */}
      <Toaster position="bottom-center" />
    </QueryClientProvider>
  );
}
