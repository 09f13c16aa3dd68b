import type { NextRequest } from "next/server";
import { runRouteAction } from "@/lib/actions/route-action";
import { saveDraftSpec } from "@/lib/mail/compose-specs";
import { formDataToObject } from "@/lib/validation";

/** Save a draft while the page is closing (fetch with keepalive): the same spec as the form's button. */
export async function POST(request: NextRequest) {
  return runRouteAction(request, saveDraftSpec, { ...formDataToObject(await request.formData()), autosave: "on" });
}
