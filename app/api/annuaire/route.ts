import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { searchAnnuaire } from "@/db/queries/annuaire";
import { entryName } from "@/lib/annuaire/format";
import { getSession } from "@/lib/auth/session";

/** Suggestions for the recipient fields of compose: a few entries of the annuaire for what is being typed. */
export async function GET(request: NextRequest) {
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const q = (request.nextUrl.searchParams.get("q") ?? "").slice(0, 100);
  if (q.trim().length < 2) return NextResponse.json({ results: [] });
  const { rows } = await searchAnnuaire(db, { q }, 8);
  return NextResponse.json(
    { results: rows.map((r) => ({ address: r.address, name: entryName(r), detail: [r.specialty ?? r.profession, r.city].filter(Boolean).join(" · ") })) },
    { headers: { "Cache-Control": "private, max-age=30" } },
  );
}
