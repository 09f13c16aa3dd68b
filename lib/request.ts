import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/audit/write";

type HeaderBag = { get(name: string): string | null };

/** Client address as reported by the proxy in front (Next sets x-forwarded-for itself when there is none). */
export function metaFrom(h: HeaderBag): RequestMeta {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip");
  return { ip: forwarded?.replace(/^::ffff:/, "") || null, userAgent: h.get("user-agent") };
}

export async function requestMeta(): Promise<RequestMeta> {
  return metaFrom(await headers());
}

/** Server actions must come from our own pages: a missing or foreign Origin is refused. */
export function isSameOrigin(h: HeaderBag): boolean {
  const origin = h.get("origin");
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
