import { and, eq, isNull, ne } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import { defineSelfAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { CREDENTIAL_LIMITS } from "./credentials";
import { hashPassword, verifyPassword } from "./password";

const t = fr.password;
export const PASSWORD_MIN = 12;

const schema = z
  .object({
    current: z.string({ error: t.currentMissing }).min(1, t.currentMissing).max(CREDENTIAL_LIMITS.password, t.currentWrong),
    next: z.string().min(PASSWORD_MIN, t.tooShort(PASSWORD_MIN)).max(CREDENTIAL_LIMITS.password, t.tooLong(CREDENTIAL_LIMITS.password)),
    confirm: z.string().default(""),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: t.mismatch })
  .refine((v) => v.next !== v.current, { path: ["next"], message: t.same });

/**
 * A person changes her own password, proving the current one; her other sessions end in the same
 * transaction (a password changed because it leaked must shut out whoever used it), this one stays.
 */
export const changePasswordSpec = defineSelfAction({
  action: "password.change",
  schema,
  async run({ tx, input, principal }) {
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, principal.userId)).for("update");
    if (!user?.passwordHash) throw new ActionError("invalid_input", t.noPassword);
    if (!(await verifyPassword(input.current, user.passwordHash)))
      throw new ActionError("invalid_input", fr.errors.invalidForm, { current: [t.currentWrong] });
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.next) })
      .where(eq(users.id, principal.userId));
    const ended = await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(and(eq(sessions.userId, principal.userId), isNull(sessions.endedAt), ne(sessions.id, principal.sessionId)))
      .returning({ id: sessions.id });
    return { target: principal.userId, metadata: { sessionsEnded: ended.length }, result: { sessionsEnded: ended.length } };
  },
});
