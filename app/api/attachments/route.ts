import { db } from "@/db/client";
import { runAction } from "@/lib/actions/run";
import { actionResponse, apiRoute } from "@/lib/http/api-route";
import { malformed, readForm, refusalProblem, refuseFromHeaders } from "@/lib/http/refusals";
import { fr } from "@/lib/i18n/fr";
import { addAttachmentSpec } from "@/lib/mail/attachment-specs";
import { limits } from "@/lib/mail/limits";

/** Multipart framing around one file: its part's headers and the other fields. */
const FRAMING = 64 * 1024;

/**
 * Upload one file to a draft (a route, not an action, so the browser can show
 * progress). proxy.ts does not see it (it would buffer the body): length and
 * type are checked here, from the headers, before reading (the wrapper has
 * checked the Origin).
 */
export const POST = apiRoute("session", async ({ request, actor, meta }) => {
  const refused = refuseFromHeaders(request.headers, limits.attachment + FRAMING, () => fr.attachments.uploadTooLarge(limits.attachment));
  if (refused) return refusalProblem(refused);
  const form = await readForm(request);
  if (!form) return refusalProblem(malformed);
  const raw = { mailboxId: form.get("mailboxId"), draftId: form.get("draftId"), file: form.get("file") };
  return actionResponse(await runAction(db, actor, meta, addAttachmentSpec, raw), 201);
});
