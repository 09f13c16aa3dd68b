import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { withAuthRequest } from "@/lib/auth/auth-request";
import { handlers } from "@/lib/auth/config";
import { auditPscFailure } from "@/lib/auth/psc-callback";
import { metaFrom } from "@/lib/request";

/**
 * The request at the address the browser used, as Auth.js's server actions read it (createActionURL), so
 * a PSC callback names the redirect_uri its authorisation request named. Next hands route handlers its own
 * hostname, and a NextRequest would put it back: a plain Request carries the address. With AUTH_URL set,
 * Auth.js takes its address from there instead.
 */
function asBrowserSees(request: NextRequest): NextRequest {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (process.env.AUTH_URL || !host) return request;
  const url = new URL(request.url);
  url.host = host;
  url.protocol = `${request.headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? url.protocol.replace(":", "")}:`;
  return new Request(url, request) as NextRequest;
}

/** Auth.js's routes, each run with its request's origin at hand; a PSC answer Auth.js refused is traced. */
export async function GET(request: NextRequest) {
  return withAuthRequest(metaFrom(request.headers), async (context) => {
    const response = await handlers.GET(asBrowserSees(request));
    if (context.error && request.nextUrl.pathname.endsWith("/callback/psc")) await auditPscFailure(db, context.meta, context.error);
    return response;
  });
}

export async function POST(request: NextRequest) {
  return withAuthRequest(metaFrom(request.headers), () => handlers.POST(asBrowserSees(request)));
}
