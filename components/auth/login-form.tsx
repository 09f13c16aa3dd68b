"use client";

import { useActionState } from "react";
import { login } from "@/app/(auth)/login/actions";
import { idle } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export function LoginForm() {
  const [state, action, pending] = useActionState(login, idle);
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
