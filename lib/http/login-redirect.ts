import { NextResponse, type NextRequest } from "next/server";
import { statusOf } from "@/lib/errors";

type Route<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/**
 * For a link a person opens (a download, an export): a browser navigating to
 * it without a session is sent to sign in, as a page would; a script asking
 * for it still gets the 401 problem.
 */
export function loginOnNavigation<P>(route: Route<P>): Route<P> {
  return async (request, context) => {
    const response = await route(request, context);
    const navigation = request.headers.get("accept")?.includes("text/html") ?? false;
    return response.status === statusOf("unauthenticated") && navigation ? NextResponse.redirect(new URL("/login", request.url)) : response;
  };
}
