import type { Db, Tx } from "@/db/client";
import { retryingTransaction } from "@/db/transaction-retry";
import type { AuditAction } from "@/lib/audit/actions";
import { writeAudit, type AuditEntry, type RequestMeta } from "@/lib/audit/write";
import { auditActor, type Actor } from "@/lib/auth/actor";
import type { Principal } from "@/lib/auth/principal";
import { loadActorAccess } from "@/lib/authz/access";
import { accessWithdrawn } from "@/lib/authz/withdrawn";
import { can, hasRolePermission, type Granted, type Permission, type StructurePermission } from "@/lib/authz/permissions";
import type { AuditReason, ErrorCode } from "@/lib/errors";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { ActionError, type ActionState } from "./state";

type Raw = Record<string, unknown>;
type Base<I> = { tx: Tx; input: I; actor: Actor; meta: RequestMeta };

/** What the audit row of a successful action records, and where to go next. */
export type ActionOutcome = {
  /** What was done, when it is not what the spec usually does (« Envoyer » that puts the send off). */
  action?: AuditAction;
  target?: string | null;
  /** The mailbox the trace is about, when the guard did not fix it (e.g. a box just created). */
  mailboxId?: string;
  metadata?: Record<string, unknown>;
  redirectTo?: string;
  /** Further traces of the same change (e.g. each box a message was delivered to). */
  audit?: AuditEntry[];
  /** Shown once to whoever acted, never traced (lib/actions/state.ts). */
  secret?: string;
  /** What a program is answered (the API's JSON body), never traced. */
  answer?: Record<string, unknown>;
  /** What the page that posted the form is answered (lib/actions/state.ts), never traced. */
  result?: ActionState["result"];
};

/**
 * An action: a guard deciding from the database whether this actor (a person,
 * or software with a token) may act and on what, a zod schema for the input,
 * and the change itself.
 */
export type ActionSpec<S extends z.ZodType, G extends object> = {
  action: AuditAction;
  guard: (db: Db, actor: Actor, raw: Raw) => Promise<G | null>;
  mailboxOf: (scope: G | null, raw: Raw) => string | null;
  schema: S;
  run: (ctx: Base<z.output<S>> & G) => Promise<ActionOutcome>;
};

/** The form's ActionState, plus where to go next and the id of what was created or changed. */
export type ActionResult = ActionState & { redirectTo?: string; target?: string | null; answer?: Record<string, unknown> };

/**
 * The path of every mutation, framework-free so it can be tested: guard
 * re-read from the database → zod → one transaction holding the change and
 * its audit row. Out of reach reads "introuvable", and every refusal is traced.
 */
export async function runAction<S extends z.ZodType, G extends object>(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  spec: ActionSpec<S, G>,
  raw: Raw,
): Promise<ActionResult> {
  const trace = (
    db_: Db | Tx,
    scope: G | null,
    entry: { result: "success" | "refused" | "error"; reason?: AuditReason } & Omit<ActionOutcome, "result">,
  ) =>
    writeAudit(db_, meta, [
      {
        ...auditActor(actor),
        mailboxId: entry.mailboxId ?? spec.mailboxOf(scope, raw),
        action: entry.action ?? spec.action,
        target: entry.target,
        result: entry.result,
        reason: entry.reason,
        metadata: entry.metadata,
      },
      ...(entry.audit ?? []),
    ]);
  const refuse = async (
    scope: G | null,
    code: ErrorCode,
    error: string,
    fieldErrors?: ActionState["fieldErrors"],
  ): Promise<ActionResult> => {
    await trace(db, scope, { result: "refused", reason: code, metadata: fieldErrors ? { fields: Object.keys(fieldErrors) } : undefined });
    return { ok: false, code, error, fieldErrors };
  };

  const scope = await spec.guard(db, actor, raw);
  if (!scope)
    return refuse(
      null,
      "not_found",
      (await accessWithdrawn(db, actor, spec.mailboxOf(null, raw))) ? fr.errors.accessWithdrawn : fr.errors.notFound,
    );

  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return refuse(scope, "invalid_input", formErrors[0] ?? fr.errors.invalidForm, fieldErrors as ActionState["fieldErrors"]);
  }

  try {
    const outcome = await retryingTransaction(db, async (tx) => {
      const done = await spec.run({ tx, input: parsed.data, actor, meta, ...scope });
      const { result: _untraced, ...traced } = done;
      await trace(tx, scope, { ...traced, result: "success" });
      return done;
    });
    return {
      ok: true,
      redirectTo: outcome.redirectTo,
      target: outcome.target,
      secret: outcome.secret,
      answer: outcome.answer,
      result: outcome.result,
    };
  } catch (error) {
    if (error instanceof ActionError) return refuse(scope, error.code, error.message, error.fieldErrors);
    console.error(`[action ${spec.action}]`, error);
    await trace(db, scope, { result: "error", reason: "unexpected" });
    return { ok: false, code: "unexpected", error: fr.errors.unexpected };
  }
}

const requestedMailbox = (raw: Raw) => (typeof raw.mailboxId === "string" ? raw.mailboxId : null);

async function boxGuard<P extends Permission>(db: Db, actor: Actor, raw: Raw, permission: P) {
  const mailboxId = requestedMailbox(raw);
  const access = mailboxId ? await loadActorAccess(db, actor, mailboxId) : null;
  return can(access, permission) ? access : null;
}

/**
 * An action of a person on one mailbox (`mailboxId` in the input) needing one
 * named permission on it. `run` gets the access proving it and reaches the box
 * through `access.mailbox.id`: the input it sees has no `mailboxId`. Software
 * never passes this guard.
 */
export function defineMailboxAction<S extends z.ZodType<{ mailboxId: string }>, P extends Permission>(spec: {
  action: AuditAction;
  permission: P;
  schema: S;
  run: (ctx: Base<Omit<z.output<S>, "mailboxId">> & { access: Granted<P>; principal: Principal }) => Promise<ActionOutcome>;
}): ActionSpec<S, { access: Granted<P>; principal: Principal }> {
  return {
    ...spec,
    async guard(db, actor, raw) {
      if (actor.type !== "person") return null;
      const access = await boxGuard(db, actor, raw, spec.permission);
      return access && { access, principal: actor };
    },
    mailboxOf: (scope, raw) => scope?.access.mailbox.id ?? requestedMailbox(raw),
  };
}

/** The same for an action software may take too, with a token of the box: `run` gets the actor, whichever it is. */
export function defineActorAction<S extends z.ZodType<{ mailboxId: string }>, P extends Permission>(spec: {
  action: AuditAction;
  permission: P;
  schema: S;
  run: (ctx: Base<Omit<z.output<S>, "mailboxId">> & { access: Granted<P> }) => Promise<ActionOutcome>;
}): ActionSpec<S, { access: Granted<P> }> {
  return {
    ...spec,
    async guard(db, actor, raw) {
      const access = await boxGuard(db, actor, raw, spec.permission);
      return access && { access };
    },
    mailboxOf: (scope, raw) => scope?.access.mailbox.id ?? requestedMailbox(raw),
  };
}

/** An action of a person on her own account: no right but being that person, signed in. */
export function defineSelfAction<S extends z.ZodType>(spec: {
  action: AuditAction;
  schema: S;
  run: (ctx: Base<z.output<S>> & { principal: Principal }) => Promise<ActionOutcome>;
}): ActionSpec<S, { principal: Principal }> {
  return { ...spec, guard: async (_db, actor) => (actor.type === "person" ? { principal: actor } : null), mailboxOf: () => null };
}

/** An action of a person over her own structure, needing a permission of her role. */
export function defineStructureAction<S extends z.ZodType>(spec: {
  action: AuditAction;
  permission: StructurePermission;
  schema: S;
  run: (ctx: Base<z.output<S>> & { structureId: string; principal: Principal }) => Promise<ActionOutcome>;
}): ActionSpec<S, { structureId: string; principal: Principal }> {
  return {
    ...spec,
    guard: async (_db, actor) =>
      actor.type === "person" && hasRolePermission(actor, spec.permission) ? { structureId: actor.structureId, principal: actor } : null,
    mailboxOf: () => null,
  };
}
