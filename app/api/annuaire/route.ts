import { db } from "@/db/client";
import { searchAnnuaire } from "@/db/queries/annuaire";
import { entryName } from "@/lib/annuaire/format";
import { apiRoute } from "@/lib/http/api-route";

/** Suggestions for the recipient fields of compose: a few entries of the annuaire for what is being typed. */
export const GET = apiRoute("session", async ({ request }) => {
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 100);
  if (q.trim().length < 2) return Response.json({ results: [] });
  const { rows } = await searchAnnuaire(db, { q }, 8);
  return Response.json(
    {
      results: rows.map((r) => ({
        address: r.address,
        name: entryName(r),
        detail: [r.specialty ?? r.profession, r.city].filter(Boolean).join(" · "),
      })),
    },
    { headers: { "Cache-Control": "private, max-age=30" } },
  );
});
