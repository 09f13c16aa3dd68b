"use client";

import { ErrorPanel } from "@/components/error-panel";

/** A page that failed to render, inside the root layout. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
