import { db } from "@/db/client";
import { boxSummary } from "@/db/queries/folders";
import { checkMailbox } from "@/lib/authz/check";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";
import { listRead } from "@/lib/read-your-writes";

/**
 * Polled by the open page (components/mail/live-updates.tsx): the box's unread counts and version.
 * People only: unread is each person's own, and software has no inbox to watch (an applicative box receives nothing).
 */
export const GET = apiRoute<"session", { mailbox: string }>("session", async ({ actor, meta, params }) => {
  const access = await checkMailbox(db, actor, params.mailbox, "mailbox.read", meta);
  if (!access) return problem("not_found", fr.errors.notFound);
  // Read where the page's list is (lib/read-your-writes.ts): a version from elsewhere would refresh it forever or never.
  const summary = await listRead((reads) => boxSummary(reads, actor.userId, access));
  return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
});
