const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and forms: anything else must read as "not found",
 *  not reach Postgres as an invalid uuid error. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
