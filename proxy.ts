import { NextResponse, type NextRequest } from "next/server";
import { statusOf } from "@/lib/errors";
import { KEPT_LIST_HEADER, keepsFolderList } from "@/lib/http/kept-list";
import { isMultipart, malformed, readForm, refusalProblem, refuseFromHeaders, type Refusal } from "@/lib/http/refusals";
import { limits } from "@/lib/mail/limits";
import { pscSettings } from "@/lib/auth/psc-settings";

/**
 * Security headers for every response, in one place. The script nonce is new
 * on every request; Next reads it from the request's CSP header and puts it
 * on its own scripts (pages are rendered per request, see app/layout.tsx).
 * Images may come from anywhere at the app level because a message's srcdoc
 * frame inherits this policy: the frame's own stricter policy
 * (components/mail/message-body.tsx) blocks remote ones until asked.
 */
const psc = pscSettings();
const pscOrigins = psc ? ` ${[...new Set([psc.authorizationUrl, psc.logoutUrl].map((u) => new URL(u).origin))].join(" ")}` : "";

function contentSecurityPolicy(nonce: string) {
  // React needs eval for its debugging aids in development only.
  const devEval = process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // A login with Pro Santé Connect, and a logout from it, leave for PSC's own pages.
    `form-action 'self'${pscOrigins}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

const staticHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  ...(process.env.NODE_ENV === "production" ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
};

// The attachment download sets its own stricter policy (default-src 'none'); Next would keep ours over it.
const OWN_POLICY = /^\/api\/attachments\/[^/]+$/;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every other method is a form post (a server action, a draft saved on
 * leaving) or an auth call: refused here, with a French message and a 4xx,
 * when Next would otherwise answer 500 (too large, unannounced length, parts
 * it cannot read, an Origin not ours). Multipart bodies are read once here to
 * find broken ones: Next has already buffered them for this function.
 */
async function refusal(request: NextRequest): Promise<Refusal | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const refused = refuseFromHeaders(request.headers, limits.form);
  if (refused) return refused;
  if (isMultipart(request.headers) && !(await readForm(request))) return malformed;
  return null;
}

function refusalResponse(request: NextRequest, refused: Refusal) {
  if (request.nextUrl.pathname.startsWith("/api/")) return refusalProblem(refused);
  // Next's client gives a refused server action's body as the error message only when the type is exactly text/plain.
  const type = request.headers.has("next-action") ? "text/plain" : "text/plain; charset=utf-8";
  return new NextResponse(refused.error, { status: statusOf(refused.code), headers: { "Content-Type": type } });
}

export async function proxy(request: NextRequest) {
  const refused = await refusal(request);
  if (refused) {
    const response = refusalResponse(request, refused);
    for (const [name, value] of Object.entries(staticHeaders)) response.headers.set(name, value);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.delete(KEPT_LIST_HEADER);
  if (keepsFolderList(request.method, request.nextUrl.pathname, request.headers)) requestHeaders.set(KEPT_LIST_HEADER, "1");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (!OWN_POLICY.test(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(staticHeaders)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Next buffers in memory, up to 10 MB, the body of every request this function sees: uploads stream past it
  // (their routes check length, type and Origin themselves). Exact paths: downloads under /api/attachments/ stay.
  // The software API (/api/v1/) authenticates with a bearer token, not a cookie: no Origin to check, and its
  // routes bound their own bodies (lib/http/api-route.ts).
  matcher: ["/((?!api/attachments$|api/annuaire/import$|api/v1/).*)"],
};
