import type { ErrorCode } from "@/lib/errors";
import { fr } from "@/lib/i18n/fr";
import { isSameOrigin } from "@/lib/request";
import { problem } from "./problem";

type HeaderBag = { get(name: string): string | null };
export type Refusal = { code: ErrorCode; error: string };

export const malformed: Refusal = { code: "bad_request", error: fr.requests.malformed };
export const isMultipart = (h: HeaderBag) => /^multipart\//i.test(h.get("content-type") ?? "");

/**
 * What can be refused from a request's headers alone, before its body is
 * read: a body of unannounced length (411), more than `maxBytes` (413), a
 * multipart body without the boundary that separates its parts (400), then
 * an Origin that is not ours (403). `tooLarge` words the 413, written only
 * when it is answered (every form post passes here).
 */
export function refuseFromHeaders(
  h: HeaderBag,
  maxBytes: number,
  tooLarge: () => string = () => fr.requests.tooLarge(maxBytes),
): Refusal | null {
  const length = h.get("content-length");
  if (length === null && h.get("transfer-encoding")) return { code: "length_required", error: fr.requests.lengthRequired };
  if (length !== null && Number(length) > maxBytes) return { code: "too_large", error: tooLarge() };
  if (isMultipart(h) && !/;\s*boundary=[^;\s]/i.test(h.get("content-type")!)) return malformed;
  if (!isSameOrigin(h)) return { code: "bad_origin", error: fr.errors.badOrigin };
  return null;
}

/** The refusal as every /api/ answer says it: a problem (RFC 9457) with the code's status. */
export const refusalProblem = ({ code, error }: Refusal) => problem(code, error);

/** A route's form body, or null when it cannot be read as one (truncated, wrong type, broken parts). */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
