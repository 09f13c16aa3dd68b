import { db } from "@/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { loadTrustPolicy } from "@/lib/mail/liste-blanche";
import { decide, parseRecipients } from "@/lib/mail/trust-space";

/** Whether each typed address is in the trust space, for the chips of compose. Sending decides again on the server. */
export const GET = apiRoute("session", async ({ request }) => {
  const raw = request.nextUrl.searchParams
    .getAll("a")
    .slice(0, 100)
    .map((a) => a.slice(0, 500));
  const parsed = raw.map((text) => ({ text, ...parseRecipients([text]) }));
  // One look-up of the liste blanche for all the chips.
  const policy = await loadTrustPolicy(
    db,
    parsed.flatMap((p) => p.candidates.map((c) => c.domain)),
  );
  const results = parsed.map(({ text, candidates, errors }) => {
    if (errors.length > 0 || candidates.length !== 1) return { text, ok: false, error: errors[0] ?? null };
    const decision = decide(candidates[0], policy);
    return decision.ok
      ? { text, ok: true, address: decision.recipient.address, kind: decision.recipient.kind }
      : { text, ok: false, error: decision.error };
  });
  return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
});
