"use client";

import { login } from "@/lib/actions/auth";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-auth";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export function LoginForm() {
  const [state, action, pending] = useFormAction(login);
  return (
    <form action={action} className="space-y-4">
      {state.error && <Alert kind="error">{state.error}</Alert>}
      <TextField label={fr.login.login} name="login" autoComplete="username" required />
      <TextField label={fr.login.password} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {fr.login.submit}
      </Button>
    </form>
  );
}
