import { db } from "@/db/client";
import { runAction } from "@/lib/actions/run";
import { actionResponse, apiRoute } from "@/lib/http/api-route";
import { malformed, readForm, refusalProblem } from "@/lib/http/refusals";
import { saveDraftSpec } from "@/lib/mail/compose-specs";
import { formDataToObject } from "@/lib/validation";

/** Save a draft while the page is closing (fetch with keepalive): the same spec as the form's button. proxy.ts has checked length, type and Origin. */
export const POST = apiRoute("session", async ({ request, actor, meta }) => {
  const form = await readForm(request);
  if (!form) return refusalProblem(malformed);
  return actionResponse(await runAction(db, actor, meta, saveDraftSpec, { ...formDataToObject(form), autosave: "on" }));
});
