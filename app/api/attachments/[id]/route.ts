import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { getSession } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";
import { openAttachment } from "@/lib/mail/attachment-access";
import { requestMeta } from "@/lib/request";

/**
 * Download for people with `read` on the box. Served as an attachment, or
 * inline for PDF and images only; never sniffed, never able to run anything.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.redirect(new URL("/login", request.url));
  const file = await openAttachment(db, check.principal, id, await requestMeta(), { inline: request.nextUrl.searchParams.get("inline") === "1" });
  if (!file) return new NextResponse(fr.errors.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new NextResponse(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.inline ? file.contentType : "application/octet-stream",
      "Content-Disposition": `${file.inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Content-Length": String(file.content.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
      "Cache-Control": "private, no-store",
    },
  });
}
