import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiTokens, mailboxes } from "@/db/schema";
import type { TokenActor } from "@/lib/auth/actor";

/** What every secret starts with, so a leaked one is recognisable (secret scanners, logs). */
const SCHEME = "mss_";

// last_used_at is written at most this often: a busy token costs one write a minute, not one per request.
const TOUCH_EVERY_SECONDS = 60;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A new secret (256 random bits), the hash that is stored, and the prefix shown to tell tokens apart. */
export function newSecret() {
  const secret = `${SCHEME}${randomBytes(32).toString("base64url")}`;
  return { secret, secretHash: hashSecret(secret), prefix: secret.slice(0, SCHEME.length + 6) };
}

/** The secret of an `Authorization: Bearer …` header, or null when there is none. */
export function bearerOf(authorization: string | null): string | null {
  const match = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i.exec(authorization ?? "");
  return match ? match[1] : null;
}

/**
 * The software behind a secret, re-read on every request: unknown, revoked
 * or expired, it is nobody. The token's box must still be an applicative box.
 */
export async function authenticateToken(db: Queryable, secret: string): Promise<TokenActor | null> {
  if (!secret.startsWith(SCHEME)) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      label: apiTokens.label,
      mailboxId: apiTokens.mailboxId,
      structureId: mailboxes.structureId,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(mailboxes, and(eq(mailboxes.id, apiTokens.mailboxId), eq(mailboxes.type, "APP")))
    .where(
      and(
        eq(apiTokens.secretHash, hashSecret(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_SECONDS * 1000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.id, row.tokenId),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - make_interval(secs => ${TOUCH_EVERY_SECONDS})`)),
        ),
      );
  }
  return { type: "token", tokenId: row.tokenId, label: row.label, mailboxId: row.mailboxId, structureId: row.structureId };
}
