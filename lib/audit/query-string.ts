import type { AuditFilter } from "@/db/queries/audit";

/** The filter back into a query string, for pagination and export links. */
export function filterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
