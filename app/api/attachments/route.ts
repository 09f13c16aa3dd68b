import { NextResponse, type NextRequest } from "next/server";
import { runRouteAction } from "@/lib/actions/route-action";
import { fr } from "@/lib/i18n/fr";
import { addAttachmentSpec } from "@/lib/mail/attachment-specs";
import { limits } from "@/lib/mail/limits";

/** Upload one file to a draft (a route, not an action, so the browser can show progress). */
export async function POST(request: NextRequest) {
  // Refuse an oversize upload from its announced length, before reading it.
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > limits.attachment + 64 * 1024) {
    return NextResponse.json({ ok: false, error: fr.attachments.fileTooLarge("", limits.attachment) }, { status: 413 });
  }
  const form = await request.formData();
  return runRouteAction(request, addAttachmentSpec, {
    mailboxId: form.get("mailboxId"),
    draftId: form.get("draftId"),
    file: form.get("file"),
  });
}
