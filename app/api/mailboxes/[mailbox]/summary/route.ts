import { db } from "@/db/client";
import { boxSummary } from "@/db/queries/folders";
import { checkMailbox } from "@/lib/authz/check";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";

/**
 * Polled by the open page (components/mail/live-updates.tsx): the box's unread counts and version.
 * People only: unread is each person's own, and software has no inbox to watch (an applicative box receives nothing).
 */
export const GET = apiRoute<"session", { mailbox: string }>("session", async ({ actor, meta, params }) => {
  const access = await checkMailbox(db, actor, params.mailbox, "mailbox.read", meta);
  if (!access) return problem("not_found", fr.errors.notFound);
  return Response.json(await boxSummary(db, actor.userId, access), { headers: { "Cache-Control": "no-store" } });
});
