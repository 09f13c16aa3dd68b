import { resolveMx } from "node:dns/promises";

export type Route = { host: string; port: number };

/**
 * `SMTP_ROUTES`: `domain=host:port` pairs separated by commas; `*` matches
 * every domain without a route of its own (a smarthost). Tests and
 * closed networks route this way; otherwise MX records decide.
 */
export function parseRoutes(text: string | undefined): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const entry of (text ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([*a-z0-9.-]+)=([^:\s]+)(?::(\d+))?$/i.exec(entry);
    if (!match) throw new Error(`SMTP_ROUTES: "${entry}" is not domain=host:port`);
    routes.set(match[1].toLowerCase(), { host: match[2], port: Number(match[3] ?? 25) });
  }
  return routes;
}

/** Where mail for a domain goes: its configured route, else its MX hosts by preference, else the domain itself (RFC 5321 §5.1). */
export async function routesFor(domain: string, routes: Map<string, Route>): Promise<Route[]> {
  const fixed = routes.get(domain) ?? routes.get("*");
  if (fixed) return [fixed];
  const records = await resolveMx(domain).catch((error: NodeJS.ErrnoException) => {
    // No MX record: the domain's own address is the implicit MX. A domain that does not exist
    // (ENOTFOUND) is rethrown and fails for good; any other failure is worth a retry.
    if (error.code === "ENODATA") return [];
    throw error;
  });
  if (records.length === 0) return [{ host: domain, port: 25 }];
  return records.sort((a, b) => a.priority - b.priority).map((r) => ({ host: r.exchange, port: 25 }));
}
