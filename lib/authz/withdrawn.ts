import { and, eq, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { delegations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/ids";
import { loadActorAccess } from "./access";
import { can } from "./permissions";

/**
 * Whether a refusal on this box is a delegation taken back: the person held one (revoked since, or ended)
 * and can no longer read the box. She is then told her access was withdrawn; anyone who never had access
 * is told exactly what a missing box tells.
 */
export async function accessWithdrawn(db: Queryable, actor: Actor, mailboxId: string | null): Promise<boolean> {
  if (actor.type !== "person" || !mailboxId || !isUuid(mailboxId)) return false;
  const [past] = await db
    .select({ one: sql`1` })
    .from(delegations)
    .where(
      and(
        eq(delegations.mailboxId, mailboxId),
        eq(delegations.userId, actor.userId),
        or(isNotNull(delegations.revokedAt), lte(delegations.validUntil, sql`now()`)),
      ),
    )
    .limit(1);
  return Boolean(past) && !can(await loadActorAccess(db, actor, mailboxId), "mailbox.read");
}
