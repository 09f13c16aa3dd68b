import { fr } from "@/lib/i18n/fr";
import { text, z } from "@/lib/validation";

/** Far above any real login or password, low enough to bound the hashing work of one attempt. */
export const CREDENTIAL_LIMITS = { login: 200, password: 1000 };

const schema = z.object({
  login: text({ error: fr.login.missing })
    .trim()
    .min(1, fr.login.missing)
    .max(CREDENTIAL_LIMITS.login, fr.login.loginTooLong(CREDENTIAL_LIMITS.login)),
  password: z
    .string({ error: fr.login.missing })
    .min(1, fr.login.missing)
    .max(CREDENTIAL_LIMITS.password, fr.login.passwordTooLong(CREDENTIAL_LIMITS.password)),
});

export type Credentials = z.infer<typeof schema>;

/** What a login form posted, or the French reason it cannot be tried: the same bounds for the action and next-auth's own route. */
export function readCredentials(input: {
  login: unknown;
  password: unknown;
}): { ok: true; credentials: Credentials } | { ok: false; error: string } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, credentials: parsed.data } : { ok: false, error: parsed.error.issues[0].message };
}
