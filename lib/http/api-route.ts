import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import type { ActionResult } from "@/lib/actions/run";
import { authenticateToken, bearerOf } from "@/lib/api/tokens";
import type { RequestMeta } from "@/lib/audit/write";
import type { Actor, TokenActor } from "@/lib/auth/actor";
import type { Principal } from "@/lib/auth/principal";
import { getSession } from "@/lib/auth/session";
import { fr } from "@/lib/i18n/fr";
import { rememberWrite } from "@/lib/read-your-writes";
import { isSameOrigin, metaFrom } from "@/lib/request";
import { ApiProblem, problem, problemResponse } from "./problem";
import { overLimit } from "./rate-limit";

/** Who a route lets in: people with a session (the pages' own calls), software with a token, or either. */
export type Accepts = "session" | "token" | "either";

type ActorOf<A extends Accepts> = A extends "token" ? TokenActor : A extends "session" ? Principal : Actor;

export type ApiContext<A extends Accepts, P> = { request: NextRequest; actor: ActorOf<A>; meta: RequestMeta; params: P };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The actor of a request, or the problem to answer instead. */
async function identify(request: NextRequest, accepts: Accepts): Promise<Actor | Response> {
  const secret = bearerOf(request.headers.get("authorization"));
  if (secret !== null && accepts !== "session") {
    return (
      (await authenticateToken(db, secret)) ??
      problem("invalid_token", fr.api.invalidToken, { headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } })
    );
  }
  if (accepts !== "token") {
    const check = await getSession();
    if (check && "principal" in check) {
      // A cookie rides along with any page's request: a write is believed only from our own pages.
      if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers)) return problem("bad_origin", fr.errors.badOrigin);
      return check.principal;
    }
    if (check) return problem("unauthenticated", fr.login.expired);
  }
  // The pages' own calls speak to a person; a route software may call names the token it expects.
  if (accepts === "session") return problem("unauthenticated", fr.api.signInRequired);
  return problem("unauthenticated", fr.api.unauthenticated, { headers: { "WWW-Authenticate": "Bearer" } });
}

/**
 * The one wrapper of every JSON route: the actor (session or token, as the
 * route accepts) → a rate limit per actor → the handler; every refusal is an
 * RFC 9457 problem with a machine code and a French detail, and an error
 * nobody expected is a 500 problem that says nothing of its cause.
 */
export function apiRoute<A extends Accepts, P = Record<string, never>>(accepts: A, handler: (ctx: ApiContext<A, P>) => Promise<Response>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await identify(request, accepts);
      if (actor instanceof Response) return actor;
      const wait = await overLimit(actor);
      if (wait !== null) return problem("rate_limited", fr.api.rateLimited(wait), { headers: { "Retry-After": String(wait) } });
      // identify() lets in only the kinds of actor the route accepts.
      const response = await handler({
        request,
        actor: actor as ActorOf<A>,
        meta: metaFrom(request.headers),
        params: await context.params,
      });
      // A person's write that succeeded: her next lists must show it (software reads no lists).
      if (response.ok && actor.type === "person" && !SAFE_METHODS.has(request.method)) await rememberWrite();
      return response;
    } catch (error) {
      if (error instanceof ApiProblem) return problemResponse(error);
      console.error(`[api ${request.method} ${request.nextUrl.pathname}]`, error);
      return problem("unexpected", fr.errors.unexpected);
    }
  };
}

/** An action's result as a route answers it: `{ ok: true, id }` (or `status` on success), else its problem. */
export function actionResponse({ redirectTo: _, secret: __, answer: ___, target, ...state }: ActionResult, status = 200): Response {
  if (!state.ok) {
    // The fields' own messages name what is wrong (an address, a file): a program's log shows them, not a form.
    const named = Object.values(state.fieldErrors ?? {}).flatMap((m) => m ?? []);
    const detail = state.error === fr.errors.invalidForm && named.length > 0 ? named.join(" ") : (state.error ?? fr.errors.unexpected);
    return problem(state.code ?? "unexpected", detail, { errors: state.fieldErrors });
  }
  return Response.json({ ok: true, id: target ?? undefined }, { status });
}
