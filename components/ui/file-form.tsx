"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/lib/actions/use-form-action";

/**
 * One file posted to one server action (field `file`), with fixed fields
 * beside it; the refusal is shown above. A file over `maxBytes` is refused
 * with `tooLarge` before it is sent.
 */
export function FileForm({
  action,
  label,
  accept,
  submit,
  fields = {},
  maxBytes,
  tooLarge,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  accept: string;
  submit: string;
  fields?: Record<string, string>;
  maxBytes?: number;
  tooLarge?: string;
}) {
  const [state, run, pending] = useFormAction(action, (formData) => {
    const file = formData.get("file");
    return maxBytes && tooLarge && file instanceof File && file.size > maxBytes
      ? { ok: false, code: "too_large", error: tooLarge, fieldErrors: { file: [tooLarge] } }
      : null;
  });
  const id = useId();
  return (
    <form action={run} className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      {state.error && <Alert kind="error">{state.fieldErrors?.file?.[0] ?? state.error}</Alert>}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <input id={id} type="file" name="file" accept={accept} required className="mt-1 block text-sm" />
      </div>
      <Button type="submit" disabled={pending}>
        {submit}
      </Button>
    </form>
  );
}
