import { eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write";
import { getSession } from "@/lib/auth/session";
import { checkMailbox } from "@/lib/authz/check";
import { fr } from "@/lib/i18n/fr";
import { isUuid } from "@/lib/ids";
import { INLINE_SAFE } from "@/lib/mail/attachments";
import { requestMeta } from "@/lib/request";
import { blobStore } from "@/lib/storage/blobs";

const notFound = () => new NextResponse(fr.errors.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Download for people with `read` on the box holding the message. Served as
 * an attachment, or inline for PDF and images only; never sniffed, never
 * able to run anything.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.redirect(new URL("/login", request.url));
  if (!isUuid(id)) return notFound();
  const [file] = await db
    .select({ id: attachments.id, filename: attachments.filename, contentType: attachments.contentType, sha256: attachments.sha256, mailboxId: messages.mailboxId })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(attachments.id, id));
  const meta = await requestMeta();
  // An attachment of a box out of reach answers as a missing one.
  if (!file || !(await checkMailbox(db, check.principal, file.mailboxId, "mailbox.read", meta))) return notFound();
  const content = await blobStore.get(db, file.sha256);
  if (!content) return notFound();
  const inline = request.nextUrl.searchParams.get("inline") === "1" && INLINE_SAFE.has(file.contentType);
  await writeAudit(db, meta, {
    actorUserId: check.principal.userId,
    mailboxId: file.mailboxId,
    action: "attachment.download",
    target: file.id,
    result: "success",
    metadata: { inline },
  });
  return new NextResponse(new Uint8Array(content), {
    headers: {
      "Content-Type": inline ? file.contentType : "application/octet-stream",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Content-Length": String(content.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
      "Cache-Control": "private, no-store",
    },
  });
}
