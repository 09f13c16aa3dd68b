import { db } from "@/db/client";
import { downloadRoute } from "@/lib/download";
import { openAttachment } from "@/lib/mail/attachment-access";

/**
 * Download for people with `read` on the box. Served as an attachment, or
 * inline for PDF and images only; never sniffed, never able to run anything.
 */
export const GET = downloadRoute<{ id: string }>(async ({ request, actor, meta, params }) => {
  const file = await openAttachment(db, actor, params.id, meta, { inline: request.nextUrl.searchParams.get("inline") === "1" });
  return file && { ...file, contentType: file.inline ? file.contentType : "application/octet-stream" };
});
