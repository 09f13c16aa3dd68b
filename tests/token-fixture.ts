import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { authenticateToken, newSecret } from "@/lib/api/tokens";
import type { TokenActor } from "@/lib/auth/actor";

/** A token of a box as the Délégations screen makes one, and the actor it authenticates as (before any revocation). */
export async function tokenFor(db: Db, mailboxId: string, createdBy: string, extra: { expiresAt?: Date; label?: string } = {}) {
  const { secret, secretHash, prefix } = newSecret();
  const [row] = await db
    .insert(apiTokens)
    .values({ mailboxId, label: extra.label ?? "DPI de test", secretHash, prefix, createdBy })
    .returning({ id: apiTokens.id });
  const actor = (await authenticateToken(db, secret)) as TokenActor;
  // An expiry in the past is set after authenticating, so the actor exists and the expiry is what stops it.
  if (extra.expiresAt) await db.update(apiTokens).set({ expiresAt: extra.expiresAt }).where(eq(apiTokens.id, row.id));
  return { secret, actor, id: row.id };
}
