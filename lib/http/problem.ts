import { statusOf, type ErrorCode } from "@/lib/errors";

/** An error answered as RFC 9457 problem details: a machine `code`, a French `detail`, the code's status. */
export class ApiProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: Record<string, string[] | undefined>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

/** The answer for a problem: `application/problem+json`, never cached. */
export function problemResponse({ code, detail, extra }: Pick<ApiProblem, "code" | "detail" | "extra">): Response {
  const status = statusOf(code);
  return new Response(
    JSON.stringify({ type: `urn:mssante-webmail:problem:${code}`, title: code, status, detail, code, errors: extra.errors }),
    {
      status,
      headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...extra.headers },
    },
  );
}

export const problem = (code: ErrorCode, detail: string, extra?: ApiProblem["extra"]) =>
  problemResponse(new ApiProblem(code, detail, extra));
