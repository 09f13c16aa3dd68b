import { desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { Granted } from "@/lib/authz/permissions";
import { personName } from "@/lib/people";

const creator = alias(users, "creator");
const revoker = alias(users, "revoker");

export type TokenView = {
  id: string;
  label: string;
  prefix: string;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  status: "active" | "expired" | "revoked";
};

/**
 * The API tokens of the applicative boxes among those the person manages,
 * newest first, by box. Only what tells tokens apart is read: never the hash.
 */
export async function managedBoxTokens(db: Queryable, managed: readonly Granted<"delegation.manage">[]) {
  const ids = managed.filter((a) => a.mailbox.type === "APP").map((a) => a.mailbox.id);
  const byBox = new Map<string, TokenView[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byBox;
  const rows = await db
    .select({
      id: apiTokens.id,
      mailboxId: apiTokens.mailboxId,
      label: apiTokens.label,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      creator: { firstName: creator.firstName, lastName: creator.lastName, civility: creator.civility },
      revoker: { firstName: revoker.firstName, lastName: revoker.lastName, civility: revoker.civility },
    })
    .from(apiTokens)
    .innerJoin(creator, eq(creator.id, apiTokens.createdBy))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedBy))
    .where(inArray(apiTokens.mailboxId, ids))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  const now = Date.now();
  for (const { mailboxId, creator: c, revoker: r, ...token } of rows) {
    byBox.get(mailboxId)!.push({
      ...token,
      createdBy: personName(c),
      revokedBy: r ? personName(r) : null,
      status: token.revokedAt ? "revoked" : token.expiresAt && token.expiresAt.getTime() <= now ? "expired" : "active",
    });
  }
  return byBox;
}
