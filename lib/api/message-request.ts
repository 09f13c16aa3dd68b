import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiIdempotency } from "@/db/schema";
import { formatBytes, fr } from "@/lib/i18n/fr";
import { ApiProblem, problem } from "@/lib/http/problem";
import { limits } from "@/lib/mail/limits";

type HeaderBag = { get(name: string): string | null };

/** A whole message in one request: its files (base64 in JSON: 4/3 of their size) and its text. */
export const MAX_REQUEST_BYTES = Math.ceil((limits.message * 4) / 3) + limits.form;

// RFC 9110 token-ish: printable ASCII without spaces, as the Idempotency-Key draft leaves its format to the server.
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, required on every send. */
export function idempotencyKeyOf(h: HeaderBag): string {
  const key = h.get("idempotency-key")?.trim() ?? "";
  if (!KEY.test(key)) throw new ApiProblem("idempotency_key_missing", fr.api.idempotencyKeyMissing);
  return key;
}

type RawFile = { name: string; bytes: Buffer };

/**
 * A send request as plain fields for the spec's zod schema: JSON (files as
 * base64 `content`) or multipart (files in `attachments` parts). Its length is
 * checked from the headers before anything is read.
 */
export async function readMessageRequest(request: Request): Promise<Record<string, unknown>> {
  const length = request.headers.get("content-length");
  if (length === null) throw new ApiProblem("length_required", fr.requests.lengthRequired);
  if (Number(length) > MAX_REQUEST_BYTES) throw new ApiProblem("too_large", fr.api.tooLarge(formatBytes(MAX_REQUEST_BYTES)));
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/json")) return fromJson(await request.json().catch(() => invalid(fr.api.invalidJson)));
  if (type.startsWith("multipart/form-data")) return fromForm(await request.formData().catch(() => invalid(fr.requests.malformed)));
  throw new ApiProblem("unsupported_type", fr.api.unsupportedType);
}

function invalid(detail: string): never {
  throw new ApiProblem("bad_request", detail);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromJson(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) invalid(fr.api.invalidJson);
  const { attachments, ...fields } = body as Record<string, unknown>;
  if (attachments === undefined) return fields;
  if (!Array.isArray(attachments))
    throw new ApiProblem("invalid_input", fr.api.badAttachment, { errors: { attachments: [fr.api.badAttachment] } });
  const files = attachments.map((a: unknown): RawFile => {
    const { filename, content } = (a ?? {}) as Record<string, unknown>;
    if (typeof filename !== "string" || typeof content !== "string" || !BASE64.test(content.replace(/\s+/g, "")))
      throw new ApiProblem("invalid_input", fr.api.badAttachment, { errors: { attachments: [fr.api.badAttachment] } });
    return { name: filename, bytes: Buffer.from(content, "base64") };
  });
  return { ...fields, attachments: files };
}

async function fromForm(form: FormData): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const files: RawFile[] = [];
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    if (key === "attachments") {
      for (const v of values) {
        if (typeof v === "string") throw new ApiProblem("invalid_input", fr.api.fileField, { errors: { attachments: [fr.api.fileField] } });
        files.push({ name: v.name, bytes: Buffer.from(await v.arrayBuffer()) });
      }
      continue;
    }
    if (values.some((v) => typeof v !== "string"))
      throw new ApiProblem("invalid_input", fr.api.fileField, { errors: { [key]: [fr.api.fileField] } });
    out[key] = ["to", "cc", "bcc"].includes(key) ? values : values[0];
  }
  // A form says yes as the browsers do; JSON has its own booleans.
  for (const flag of ["receipt", "closeConversation"])
    if (typeof out[flag] === "string") out[flag] = ["1", "true", "on", "oui"].includes(out[flag].toLowerCase());
  return { ...out, attachments: files };
}

/** What makes two sends the same: every field as read, files by their content's hash (a multipart boundary changes nothing). */
export function fingerprintOf(input: Record<string, unknown>): string {
  const files = (input.attachments as RawFile[] | undefined) ?? [];
  const canonical = JSON.stringify({
    to: input.to ?? null,
    cc: input.cc ?? null,
    bcc: input.bcc ?? null,
    subject: input.subject ?? null,
    body: input.body ?? null,
    receipt: input.receipt ?? null,
    closeConversation: input.closeConversation ?? null,
    attachments: files.map((f) => [f.name, createHash("sha256").update(f.bytes).digest("hex")]),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * The first answer given under this key, replayed; another request under the
 * same key is refused. Null when the key is new.
 */
export async function replayed(db: Queryable, tokenId: string, key: string, fingerprint: string): Promise<Response | null> {
  const [row] = await db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
  if (!row) return null;
  if (row.requestSha256 !== fingerprint) return problem("idempotency_key_reused", fr.api.idempotencyKeyReused);
  return Response.json(row.response, { status: row.status, headers: { "Idempotent-Replayed": "true", "Cache-Control": "no-store" } });
}
