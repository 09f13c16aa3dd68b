import { expect, type APIRequestContext } from "@playwright/test";

/** The demo's token for comptes-rendus_noreply (db/seed.ts), printed by `npm start` like the demo's password. */
const DEMO_TOKEN = "mss_demo-comptes-rendus-ch-troispics-2026";

/** A message the applicative box sends through the API (JSON, or multipart with files): it lands in Réception of the box written to. */
export async function sendFromAppBox(
  request: APIRequestContext,
  payload: Pick<NonNullable<Parameters<APIRequestContext["post"]>[1]>, "data" | "multipart">,
) {
  const sent = await request.post("/api/v1/messages", {
    headers: { Authorization: `Bearer ${DEMO_TOKEN}`, "Idempotency-Key": crypto.randomUUID() },
    ...payload,
  });
  expect(sent.status()).toBe(202);
}
