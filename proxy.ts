import { NextResponse, type NextRequest } from "next/server";

/**
 * Security headers for every response, in one place. The script nonce is new
 * on every request; Next reads it from the request's CSP header and puts it
 * on its own scripts (pages are rendered per request, see app/layout.tsx).
 * Images may come from anywhere at the app level because a message's srcdoc
 * frame inherits this policy: the frame's own stricter policy
 * (components/mail/message-body.tsx) blocks remote ones until asked.
 */
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
    "form-action 'self'",
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

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (!OWN_POLICY.test(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(staticHeaders)) response.headers.set(name, value);
  return response;
}
