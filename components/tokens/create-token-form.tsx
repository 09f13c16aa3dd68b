"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { createToken } from "@/lib/actions/tokens";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-admin";
import { OneTimeSecret } from "./one-time-secret";

const t = fr.tokens;
const empty = { label: "", until: "" };

/**
 * Create a token for an applicative box. The secret lives only in this
 * form's action state: shown once, gone with the next submission or a reload.
 */
export function CreateTokenForm({ mailboxId }: { mailboxId: string }) {
  const [values, setValues] = useState(empty);
  const [state, action, pending] = useFormAction(async (previous, formData) => {
    const next = await createToken(previous, formData);
    // A second click must not make a twin: the fields empty once the token exists.
    if (next.ok) setValues(empty);
    return next;
  });
  const bind = (name: keyof typeof empty) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const errors = state.fieldErrors ?? {};
  return (
    <>
      {state.ok && state.secret && <OneTimeSecret key={state.secret} secret={state.secret} />}
      <form action={action} className="mt-4 space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4">
        <h4 className="font-semibold">{t.createTitle}</h4>
        {state.error && <Alert kind="error">{state.error}</Alert>}
        <input type="hidden" name="mailboxId" value={mailboxId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t.labelField} errors={errors.label} required maxLength={100} autoComplete="off" {...bind("label")} />
          <TextField label={t.untilField} errors={errors.until} type="date" {...bind("until")} />
        </div>
        <Button type="submit" disabled={pending}>
          {t.create}
        </Button>
      </form>
    </>
  );
}
