import { db } from "@/db/client";
import { deliveriesOf } from "@/db/queries/deliveries";
import { PAGE_SIZE } from "@/db/queries/messages";
import { checkMailbox } from "@/lib/authz/check";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";
import { describeDeliveries } from "@/lib/mail/delivery-status";

/**
 * Polled while sent messages are on their way (components/mail/delivery-status.tsx), and by software following what its
 * token sent from its applicative box: `?ids=a,b`, sent copies of this box (a page at most) → each one's recipients at
 * other operators and where their delivery stands.
 */
export const GET = apiRoute<"either", { mailbox: string }>("either", async ({ request, actor, meta, params }) => {
  const access = await checkMailbox(db, actor, params.mailbox, "mailbox.read", meta);
  if (!access) return problem("not_found", fr.errors.notFound);
  const ids = (request.nextUrl.searchParams.get("ids") ?? "").split(",").slice(0, PAGE_SIZE);
  const deliveries = describeDeliveries(await deliveriesOf(db, access, ids));
  return Response.json({ deliveries }, { headers: { "Cache-Control": "no-store" } });
});
