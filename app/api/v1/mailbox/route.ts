import { db } from "@/db/client";
import { loadActorAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";
import { replyToOf } from "@/lib/mail/send";

/** The applicative box a token sends from, and the organisational box its replies reach: what software checks its token with. */
export const GET = apiRoute("token", async ({ actor }) => {
  const access = await loadActorAccess(db, actor, actor.mailboxId);
  if (!can(access, "mailbox.read")) return problem("not_found", fr.errors.notFound);
  const [replyTo] = await replyToOf(db, access.mailbox);
  return Response.json(
    { address: access.mailbox.address, displayName: access.mailbox.displayName, replyTo: replyTo?.address ?? null },
    { headers: { "Cache-Control": "no-store" } },
  );
});
