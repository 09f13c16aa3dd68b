import type { Db, Tx } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import { writeAudit, type AuditEntry, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import { loadAccess } from "@/lib/authz/access";
import {
  can,
  hasRolePermission,
  type MailboxAccess,
  type Permission,
  type StructurePermission,
} from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { ActionError, type ActionState } from "./state";

type Raw = Record<string, unknown>;
type Base<I> = { tx: Tx; input: I; principal: Principal; meta: RequestMeta };

/** What the audit row of a successful action records, and where to go next. */
export type ActionOutcome = {
  target?: string | null;
  /** The mailbox the trace is about, when the guard did not fix it (e.g. a box just created). */
  mailboxId?: string;
  metadata?: Record<string, unknown>;
  redirectTo?: string;
  /** Further traces of the same change (e.g. each box a message was delivered to). */
  audit?: AuditEntry[];
};

/**
 * An action: a guard deciding from the database whether this person may act
 * (and on what), a zod schema for the input, and the change itself.
 */
export type ActionSpec<S extends z.ZodType, G extends object> = {
  action: AuditAction;
  guard: (db: Db, principal: Principal, raw: Raw) => Promise<G | null>;
  mailboxOf: (scope: G | null, raw: Raw) => string | null;
  schema: S;
  run: (ctx: Base<z.output<S>> & G) => Promise<ActionOutcome>;
};

/** The form's ActionState, plus where to go next and the id of what was created or changed. */
export type ActionResult = ActionState & { redirectTo?: string; target?: string | null };

/**
 * The path of every mutation, framework-free so it can be tested: guard
 * re-read from the database → zod → one transaction holding the change and
 * its audit row. Out of reach reads "introuvable", and every refusal is traced.
 */
export async function runAction<S extends z.ZodType, G extends object>(
  db: Db,
  principal: Principal,
  meta: RequestMeta,
  spec: ActionSpec<S, G>,
  raw: Raw,
): Promise<ActionResult> {
  const trace = (db_: Db | Tx, scope: G | null, entry: { result: "success" | "refused" | "error"; reason?: string } & ActionOutcome) =>
    writeAudit(db_, meta, [
      {
        actorUserId: principal.userId,
        mailboxId: entry.mailboxId ?? spec.mailboxOf(scope, raw),
        action: spec.action,
        target: entry.target,
        result: entry.result,
        reason: entry.reason,
        metadata: entry.metadata,
      },
      ...(entry.audit ?? []),
    ]);
  const refuse = async (scope: G | null, reason: string, error: string, fieldErrors?: ActionState["fieldErrors"]) => {
    await trace(db, scope, { result: "refused", reason, metadata: fieldErrors ? { fields: Object.keys(fieldErrors) } : undefined });
    return { ok: false, error, fieldErrors };
  };

  const scope = await spec.guard(db, principal, raw);
  if (!scope) return refuse(null, "out of reach", fr.errors.notFound);

  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return refuse(scope, "validation", formErrors[0] ?? fr.errors.invalidForm, fieldErrors as ActionState["fieldErrors"]);
  }

  try {
    const outcome = await db.transaction(async (tx) => {
      const result = await spec.run({ tx, input: parsed.data, principal, meta, ...scope });
      await trace(tx, scope, { result: "success", ...result });
      return result;
    });
    return { ok: true, redirectTo: outcome.redirectTo, target: outcome.target };
  } catch (error) {
    if (error instanceof ActionError) return refuse(scope, error.message, error.message, error.fieldErrors);
    console.error(`[action ${spec.action}]`, error);
    await trace(db, scope, { result: "error", reason: error instanceof Error ? error.name : "unknown" });
    return { ok: false, error: fr.errors.unexpected };
  }
}

const requestedMailbox = (raw: Raw) => (typeof raw.mailboxId === "string" ? raw.mailboxId : null);

/** An action on one mailbox (`mailboxId` in the input) needing one named permission on it. */
export function defineMailboxAction<S extends z.ZodType<{ mailboxId: string }>>(spec: {
  action: AuditAction;
  permission: Permission;
  schema: S;
  run: (ctx: Base<z.output<S>> & { access: MailboxAccess }) => Promise<ActionOutcome>;
}): ActionSpec<S, { access: MailboxAccess }> {
  return {
    ...spec,
    async guard(db, principal, raw) {
      const mailboxId = requestedMailbox(raw);
      const access = mailboxId ? await loadAccess(db, principal.userId, mailboxId) : null;
      return can(access, spec.permission) ? { access } : null;
    },
    mailboxOf: (scope, raw) => scope?.access.mailbox.id ?? requestedMailbox(raw),
  };
}

/** An action over the person's own structure, needing a permission of her role. */
export function defineStructureAction<S extends z.ZodType>(spec: {
  action: AuditAction;
  permission: StructurePermission;
  schema: S;
  run: (ctx: Base<z.output<S>> & { structureId: string }) => Promise<ActionOutcome>;
}): ActionSpec<S, { structureId: string }> {
  return {
    ...spec,
    guard: async (_db, principal) => (hasRolePermission(principal, spec.permission) ? { structureId: principal.structureId } : null),
    mailboxOf: () => null,
  };
}
