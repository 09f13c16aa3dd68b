import { expect } from "vitest";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

// What an audit value may look like: an id, a time, a code or a content type. A file
// name, an address or a sentence has a dot, an @ or a space, and matches none of them.
const SHAPES = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/,
  /^[A-Za-z][A-Za-z0-9_]*$/,
  /^[a-z]+\/[a-z0-9+-]+$/,
];

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** Every reason is a code and every metadata string has the shape of an id, a time or a code: none is text someone typed. */
export async function expectAuditFreeOfUserText(db: Db) {
  const rows = await db
    .select({ id: auditLog.id, action: auditLog.action, reason: auditLog.reason, metadata: auditLog.metadata })
    .from(auditLog);
  const offending = rows.flatMap((row) =>
    [...(row.reason ? [row.reason] : []), ...strings(row.metadata)]
      .filter((s) => s !== "" && !SHAPES.some((shape) => shape.test(s)))
      .map((value) => ({ id: row.id, action: row.action, value })),
  );
  expect(offending).toEqual([]);
}
