"use client";

import { useState } from "react";
import { createBox } from "@/lib/actions/delegations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-admin";

const t = fr.delegations;

export function CreateBoxForm({ domain, professionals }: { domain: string; professionals: { id: string; name: string }[] }) {
  const [state, action, pending] = useFormAction(createBox);
  const [values, setValues] = useState({ localPart: "", displayName: "", description: "", responsibleUserId: "" });
  const bind = (name: keyof typeof values) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3">
      {state.error && <Alert kind="error">{state.error}</Alert>}
      <TextField
        label={`${t.localPart} (@${domain})`}
        help={t.addressImmutable}
        errors={errors.localPart}
        autoComplete="off"
        {...bind("localPart")}
      />
      <TextField label={t.displayName} errors={errors.displayName} {...bind("displayName")} />
      <TextField label={t.description} errors={errors.description} {...bind("description")} />
      <div>
        <label htmlFor="create-responsible" className="block text-sm font-medium">
          {t.responsiblePicker}
        </label>
        <select
          id="create-responsible"
          aria-invalid={errors.responsibleUserId ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
          {...bind("responsibleUserId")}
        >
          <option value="">{t.choose}</option>
          {professionals.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {errors.responsibleUserId?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-800">
            {e}
          </p>
        ))}
      </div>
      <Button type="submit" disabled={pending}>
        {t.create}
      </Button>
    </form>
  );
}
