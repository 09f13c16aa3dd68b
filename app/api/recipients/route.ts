import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { getSession } from "@/lib/auth/session";
import { loadTrustPolicy } from "@/lib/mail/liste-blanche";
import { decide, parseRecipients } from "@/lib/mail/trust-space";

/** Whether each typed address is in the trust space, for the chips of compose. Sending decides again on the server. */
export async function GET(request: NextRequest) {
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const raw = request.nextUrl.searchParams.getAll("a").slice(0, 100).map((a) => a.slice(0, 500));
  const results = await Promise.all(
    raw.map(async (text) => {
      const { candidates, errors } = parseRecipients([text]);
      if (errors.length > 0 || candidates.length !== 1) return { text, ok: false, error: errors[0] ?? null };
      const decision = decide(candidates[0], await loadTrustPolicy(db, [candidates[0].domain]));
      return decision.ok ? { text, ok: true, address: decision.recipient.address, kind: decision.recipient.kind } : { text, ok: false, error: decision.error };
    }),
  );
  return NextResponse.json({ results }, { headers: { "Cache-Control": "no-store" } });
}
