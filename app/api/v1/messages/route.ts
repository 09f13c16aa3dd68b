import { db } from "@/db/client";
import { fingerprintOf, idempotencyKeyOf, readMessageRequest, replayed } from "@/lib/api/message-request";
import { apiSendSpec } from "@/lib/api/message-spec";
import { runAction } from "@/lib/actions/run";
import { actionResponse, apiRoute } from "@/lib/http/api-route";

/**
 * Software sends a message from its applicative box (README: « API des logiciels »).
 * 202 with the message's id and each recipient's state; the same
 * Idempotency-Key with the same request gives the same answer and sends
 * nothing twice, with another request it is refused.
 */
export const POST = apiRoute("token", async ({ request, actor, meta }) => {
  const key = idempotencyKeyOf(request.headers);
  const input = await readMessageRequest(request);
  const fingerprint = fingerprintOf(input);
  const first = await replayed(db, actor.tokenId, key, fingerprint);
  if (first) return first;
  const result = await runAction(db, actor, meta, apiSendSpec, { ...input, mailboxId: actor.mailboxId, idempotency: { key, fingerprint } });
  if (result.ok) return Response.json(result.answer, { status: 202, headers: { "Cache-Control": "no-store" } });
  // A retry claimed the key while this one ran: the answer stored under it (or the refusal of another request).
  if (result.code === "conflict") return (await replayed(db, actor.tokenId, key, fingerprint)) ?? actionResponse(result);
  return actionResponse(result);
});
