import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { getSession } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";
import { isSameOrigin, metaFrom } from "@/lib/request";
import type { z } from "@/lib/validation";
import { runAction, type ActionSpec } from "./run";

/**
 * A spec served as a JSON route, for what a server action cannot do (upload
 * progress, a request sent while the page closes): same-origin check →
 * session → runAction → `{ ok, error?, fieldErrors?, id? }`.
 */
export async function runRouteAction<S extends z.ZodType, G extends object>(request: Request, spec: ActionSpec<S, G>, raw: Record<string, unknown>) {
  if (!isSameOrigin(request.headers)) return NextResponse.json({ ok: false, error: fr.errors.badOrigin }, { status: 403 });
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.json({ ok: false, error: fr.login.expired }, { status: 401 });
  const { redirectTo: _, target, ...state } = await runAction(db, check.principal, metaFrom(request.headers), spec, raw);
  return NextResponse.json({ ...state, id: target ?? undefined }, { status: state.ok ? 200 : 422 });
}
