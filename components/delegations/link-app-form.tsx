"use client";

import { useId } from "react";
import { linkApp } from "@/lib/actions/delegations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-admin";

export function LinkAppForm({
  appMailboxId,
  current,
  orgBoxes,
}: {
  appMailboxId: string;
  current: string | null;
  orgBoxes: { id: string; address: string }[];
}) {
  const [state, action, pending] = useFormAction(linkApp);
  const id = useId();
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
      <input type="hidden" name="appMailboxId" value={appMailboxId} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {fr.delegations.linkLabel}
        </label>
        <select
          id={id}
          name="orgMailboxId"
          defaultValue={orgBoxes.find((b) => b.address === current)?.id ?? ""}
          className="mt-1 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
        >
          <option value="">{fr.delegations.choose}</option>
          {orgBoxes.map((b) => (
            <option key={b.id} value={b.id}>
              {b.address}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {fr.delegations.link}
      </Button>
      {state.error && <Alert kind="error">{state.error}</Alert>}
    </form>
  );
}
