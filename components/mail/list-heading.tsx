"use client";

import { useParams } from "next/navigation";

/** The folder's title: the page's heading while no message is open, below the message's subject once one is. */
export function ListHeading({ children }: { children: React.ReactNode }) {
  const Heading = useParams().thread ? "h2" : "h1";
  return <Heading className="text-xl font-semibold">{children}</Heading>;
}
