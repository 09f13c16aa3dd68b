"use client";

import { useId, useState } from "react";
import { grant } from "@/lib/actions/delegations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/lib/actions/use-form-action";
import type { Right } from "@/lib/authz/permissions";
import * as fr from "@/lib/i18n/fr-admin";
import { PersonPicker, type Person } from "./person-picker";

const t = fr.delegations;

/** Grant or change one person's rights on one box, folded until asked for (open when changing a grant). */
export function GrantForm({
  mailboxId,
  people,
  grantable,
  defaults,
}: {
  mailboxId: string;
  people: Person[];
  grantable: Right[];
  defaults: { userId: string; rights: string[]; until: string };
}) {
  const [state, action, pending] = useFormAction(grant);
  const [userId, setUserId] = useState(defaults.userId);
  const [rights, setRights] = useState<string[]>(defaults.rights);
  const [until, setUntil] = useState(defaults.until);
  const id = useId();
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-4 space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4">
      <h3 className="font-semibold">{t.grantTitle}</h3>
      {state.error && <Alert kind="error">{state.error}</Alert>}
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <div className="max-w-md">
        <PersonPicker people={people} value={userId} onChange={setUserId} errors={errors.userId} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">{t.rights}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {grantable.map((right) => (
            <label key={right} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="rights"
                value={right}
                checked={rights.includes(right)}
                onChange={(e) => setRights((r) => (e.target.checked ? [...r, right] : r.filter((x) => x !== right)))}
              />
              {t.rightLabels[right]}
            </label>
          ))}
        </div>
        {errors.rights?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-800">
            {e}
          </p>
        ))}
      </fieldset>
      <div className="max-w-xs">
        <label htmlFor={`${id}-u`} className="block text-sm font-medium">
          {t.endDate}
        </label>
        <input
          id={`${id}-u`}
          type="date"
          name="until"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          aria-invalid={errors.until ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
        />
        {errors.until?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-800">
            {e}
          </p>
        ))}
      </div>
      <Button type="submit" disabled={pending}>
        {t.save}
      </Button>
    </form>
  );
}
