import { z } from "zod";
import { db } from "@/db/client";
import { newArrivals } from "@/db/queries/notifications";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";

const since = z.iso.datetime().nullable();

/**
 * Polled by components/mail/new-mail-notifier.tsx once the person turned desktop notifications on:
 * without `since`, the cursor to start from; with `?since=<cursor>`, what reached the boxes she may
 * read after it (sender and subject only) and the next cursor. People only: rights are read again on each call.
 */
export const GET = apiRoute("session", async ({ request, actor }) => {
  const parsed = since.safeParse(request.nextUrl.searchParams.get("since"));
  if (!parsed.success) return problem("invalid_input", fr.notifications.badCursor);
  return Response.json(await newArrivals(db, actor.userId, parsed.data), { headers: { "Cache-Control": "no-store" } });
});
