import { isIP } from "node:net";
import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/audit/write";
import { vouched } from "@/lib/http/forwarded";

type HeaderBag = { get(name: string): string | null };

/**
 * The client's address: X-Forwarded-For as the forwarding guard left it
 * (lib/http/forwarded.ts: the socket's address, or the client a trusted
 * proxy reports). Unknown when the guard did not see the request.
 */
export function metaFrom(h: HeaderBag): RequestMeta {
  const forwarded = vouched(h)
    ? h
        .get("x-forwarded-for")
        ?.trim()
        .replace(/^::ffff:/, "")
    : undefined;
  return { ip: forwarded && isIP(forwarded) ? forwarded : null, userAgent: h.get("user-agent") };
}

export async function requestMeta(): Promise<RequestMeta> {
  return metaFrom(await headers());
}

/**
 * Mutations must come from our own pages: a missing, `null` or foreign Origin
 * is refused. The host compared is the forwarded one only when a trusted
 * proxy set it; anyone else's X-Forwarded-Host is never believed.
 */
export function isSameOrigin(h: HeaderBag): boolean {
  const origin = h.get("origin");
  const host = (vouched(h) ? h.get("x-forwarded-host")?.split(",")[0].trim() : null) || h.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
