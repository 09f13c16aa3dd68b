import { and, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { apiTokens, auditLog, mailboxes, users } from "@/db/schema";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { Principal } from "@/lib/auth/principal";
import { endOfParisDay, startOfParisDay } from "@/lib/i18n/format";
import { personName } from "@/lib/people";
import { auditTargetLabels } from "./audit-targets";
import { z } from "@/lib/validation";

export const AUDIT_PAGE_SIZE = 50;

const day = z.iso.date().optional().catch(undefined);
/** Filters read from the URL; a value that does not parse is ignored, never an error. */
export const auditFilter = z.object({
  person: z.uuid().optional().catch(undefined),
  mailbox: z.uuid().optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  result: z.enum(["success", "refused", "error"]).optional().catch(undefined),
  from: day,
  to: day,
});
export type AuditFilter = z.infer<typeof auditFilter>;

const actor = alias(users, "actor");
const actorToken = alias(apiTokens, "actor_token");

const structureBoxes = (db: Queryable, structureId: string) =>
  db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.structureId, structureId));

/**
 * A manager sees the traces of her structure: about its boxes, by its people,
 * or by the software holding a token of one of its boxes (wherever it acted).
 * Structure membership is looked up, never taken from the request.
 */
function where(db: Queryable, structureId: string, filter: AuditFilter, beforeId?: number): SQL | undefined {
  return and(
    or(
      inArray(auditLog.mailboxId, structureBoxes(db, structureId)),
      inArray(auditLog.actorUserId, db.select({ id: users.id }).from(users).where(eq(users.structureId, structureId))),
      inArray(
        auditLog.actorTokenId,
        db
          .select({ id: apiTokens.id })
          .from(apiTokens)
          .where(inArray(apiTokens.mailboxId, structureBoxes(db, structureId))),
      ),
    ),
    filter.person ? eq(auditLog.actorUserId, filter.person) : undefined,
    filter.mailbox ? eq(auditLog.mailboxId, filter.mailbox) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.result ? eq(auditLog.result, filter.result) : undefined,
    filter.from ? gte(auditLog.at, startOfParisDay(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, endOfParisDay(filter.to)) : undefined,
    beforeId ? lt(auditLog.id, beforeId) : undefined,
  );
}

/** Newest first, by keyset on id. */
export async function auditPage(db: Queryable, principal: Principal, filter: AuditFilter, beforeId?: number, limit = AUDIT_PAGE_SIZE) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      result: auditLog.result,
      reason: auditLog.reason,
      metadata: auditLog.metadata,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      mailbox: mailboxes.address,
      actorType: auditLog.actorType,
      actor: { firstName: actor.firstName, lastName: actor.lastName, civility: actor.civility },
      software: { label: actorToken.label, prefix: actorToken.prefix },
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    // Only the structure's own tokens are named: another structure's label and prefix are not this manager's to read.
    .leftJoin(
      actorToken,
      and(eq(actorToken.id, auditLog.actorTokenId), inArray(actorToken.mailboxId, structureBoxes(db, principal.structureId))),
    )
    .leftJoin(mailboxes, eq(mailboxes.id, auditLog.mailboxId))
    .where(where(db, principal.structureId, filter, beforeId))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const kept = rows.slice(0, limit);
  const labels = await auditTargetLabels(db, principal.structureId, kept);
  const page = kept.map(({ actor: a, metadata: _, ...r }) => ({
    ...r,
    actorName: a ? personName(a) : null,
    targetLabel: labels.get(r.id) ?? null,
  }));
  return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1].id : null };
}

/** Every matching row, in pages, for the export: memory stays flat whatever the size. */
export async function* auditRows(db: Queryable, principal: Principal, filter: AuditFilter) {
  let before: number | undefined;
  for (;;) {
    const { rows, nextBefore } = await auditPage(db, principal, filter, before, 1_000);
    yield* rows;
    if (nextBefore === null) return;
    before = nextBefore;
  }
}

export function parseBefore(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The structure's boxes, for the filter. */
export async function structureMailboxes(db: Queryable, structureId: string) {
  return db
    .select({ id: mailboxes.id, address: mailboxes.address })
    .from(mailboxes)
    .where(eq(mailboxes.structureId, structureId))
    .orderBy(mailboxes.address);
}
