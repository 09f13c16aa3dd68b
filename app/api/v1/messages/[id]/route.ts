import { db } from "@/db/client";
import { sentMessageStatus } from "@/db/queries/api-messages";
import { loadActorAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";

/** Where a message the token's box sent stands, recipient by recipient; another box's message is as missing as none. */
export const GET = apiRoute<"token", { id: string }>("token", async ({ actor, params }) => {
  const access = await loadActorAccess(db, actor, actor.mailboxId);
  const status = can(access, "mailbox.read") ? await sentMessageStatus(db, access, params.id) : null;
  if (!status) return problem("not_found", fr.errors.notFound);
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
