import type { Db, Tx } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import { loadAccess } from "@/lib/authz/access";
import { can, type MailboxAccess, type Permission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { ActionError, type ActionState } from "./state";

export type MailboxActionContext<I> = {
  tx: Tx;
  input: I;
  principal: Principal;
  access: MailboxAccess;
  meta: RequestMeta;
};

/** What the audit row of a successful action records, and where to go next. */
export type MailboxActionOutcome = {
  target?: string | null;
  metadata?: Record<string, unknown>;
  redirectTo?: string;
};

export type MailboxActionSpec<S extends z.ZodType<{ mailboxId: string }>> = {
  action: AuditAction;
  permission: Permission;
  schema: S;
  run: (ctx: MailboxActionContext<z.output<S>>) => Promise<MailboxActionOutcome>;
};

export type MailboxActionResult = ActionState & { redirectTo?: string };

/**
 * The path of every mailbox mutation, framework-free so it can be tested:
 * right re-read from the database → zod → one transaction holding the change
 * and its audit row. A mailbox out of reach reads "introuvable", and every
 * refusal is itself traced.
 */
export async function runMailboxAction<S extends z.ZodType<{ mailboxId: string }>>(
  db: Db,
  principal: Principal,
  meta: RequestMeta,
  spec: MailboxActionSpec<S>,
  raw: Record<string, unknown>,
): Promise<MailboxActionResult> {
  const requested = typeof raw.mailboxId === "string" ? raw.mailboxId : null;
  const refuse = async (reason: string, error: string, fieldErrors?: ActionState["fieldErrors"], mailboxId = requested) => {
    await writeAudit(db, meta, {
      actorUserId: principal.userId,
      mailboxId,
      action: spec.action,
      result: "refused",
      reason,
      metadata: fieldErrors ? { fields: Object.keys(fieldErrors) } : undefined,
    });
    return { ok: false, error, fieldErrors };
  };

  const access = requested ? await loadAccess(db, principal.userId, requested) : null;
  if (!can(access, spec.permission)) return refuse(`permission ${spec.permission}`, fr.errors.notFound);

  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return refuse("validation", formErrors[0] ?? fr.errors.invalidForm, fieldErrors as ActionState["fieldErrors"]);
  }

  try {
    const outcome = await db.transaction(async (tx) => {
      const result = await spec.run({ tx, input: parsed.data, principal, access, meta });
      await writeAudit(tx, meta, {
        actorUserId: principal.userId,
        mailboxId: access.mailbox.id,
        action: spec.action,
        target: result.target,
        result: "success",
        metadata: result.metadata,
      });
      return result;
    });
    return { ok: true, redirectTo: outcome.redirectTo };
  } catch (error) {
    if (error instanceof ActionError) return refuse(error.message, error.message, error.fieldErrors);
    console.error(`[action ${spec.action}]`, error);
    await writeAudit(db, meta, {
      actorUserId: principal.userId,
      mailboxId: access.mailbox.id,
      action: spec.action,
      result: "error",
      reason: error instanceof Error ? error.name : "unknown",
    });
    return { ok: false, error: fr.errors.unexpected };
  }
}

/** Declare an action's spec with its input type inferred from the schema. */
export function defineMailboxAction<S extends z.ZodType<{ mailboxId: string }>>(spec: MailboxActionSpec<S>) {
  return spec;
}
