"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { changePassword } from "@/lib/actions/account";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-auth";

const t = fr.password;

/** Change one's own password: the current one, then the new one twice. */
export function PasswordForm() {
  const [state, action, pending] = useFormAction(changePassword);
  const errors = state.fieldErrors ?? {};
  const fieldsSaid = Object.keys(errors).length > 0;
  return (
    <form action={action} className="max-w-md space-y-4">
      {state.error && !fieldsSaid && <Alert kind="error">{state.error}</Alert>}
      {state.ok && !pending && <Alert kind="notice">{t.changed(Number(state.result?.sessionsEnded ?? 0))}</Alert>}
      <TextField label={t.current} name="current" type="password" autoComplete="current-password" required errors={errors.current} />
      <TextField label={t.next} name="next" type="password" autoComplete="new-password" required help={t.nextHelp} errors={errors.next} />
      <TextField label={t.confirm} name="confirm" type="password" autoComplete="new-password" required errors={errors.confirm} />
      <Button type="submit" disabled={pending}>
        {t.submit}
      </Button>
    </form>
  );
}
