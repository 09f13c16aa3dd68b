import { and, eq, isNull, sql } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { endOfParisDay } from "@/lib/i18n/format";
import { text, z } from "@/lib/validation";
import { newSecret } from "./tokens";

const t = fr.tokens.errors;

/**
 * A token for the software sending from an applicative box, made by those who
 * manage the box. The secret is handed back once, in the answer to this
 * action; only its hash is kept.
 */
export const createTokenSpec = defineMailboxAction({
  action: "token.create",
  permission: "delegation.manage",
  schema: z.object({
    mailboxId: z.string(),
    label: text().trim().min(1, t.label).max(100, t.label),
    until: z
      .union([z.literal(""), z.iso.date(t.badDate)])
      .optional()
      .transform((day) => (day ? endOfParisDay(day) : null))
      .refine((end) => end === null || end.getTime() > Date.now(), t.pastDate),
  }),
  async run({ tx, input, access, principal }) {
    if (access.mailbox.type !== "APP") throw new ActionError("invalid_input", t.notApplicative);
    const { secret, secretHash, prefix } = newSecret();
    const [token] = await tx
      .insert(apiTokens)
      .values({ mailboxId: access.mailbox.id, label: input.label, secretHash, prefix, createdBy: principal.userId, expiresAt: input.until })
      .returning({ id: apiTokens.id });
    return { target: token.id, metadata: { expires: input.until !== null }, secret };
  },
});

/** Revoke a token of the box: the software's next request is refused. */
export const revokeTokenSpec = defineMailboxAction({
  action: "token.revoke",
  permission: "delegation.manage",
  schema: z.object({ mailboxId: z.string(), tokenId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access, principal }) {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()`, revokedBy: principal.userId })
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.mailboxId, access.mailbox.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw new ActionError("not_found", fr.errors.notFound);
    return { target: input.tokenId, redirectTo: `/delegations?notice=tokenRevoked#jetons-${access.mailbox.id}` };
  },
});
