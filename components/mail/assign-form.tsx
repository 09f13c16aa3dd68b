"use client";

import { useId } from "react";
import { assignMessage } from "@/lib/actions/mail";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/lib/actions/use-form-action";
import { fr } from "@/lib/i18n/fr";

export function AssignForm({
  fields,
  members,
  current,
}: {
  fields: { mailboxId: string; messageId: string; folder: string };
  members: { id: string; name: string }[];
  current: string | null;
}) {
  const [state, action, pending] = useFormAction(assignMessage);
  const id = useId();
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id} className="text-sm">
        {fr.message.assignTo}
      </label>
      <select
        id={id}
        name="assigneeId"
        defaultValue={current ?? ""}
        className="rounded-md border border-slate-400 bg-white px-2 py-2 text-sm"
      >
        <option value="">{fr.message.nobody}</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={pending}>
        {fr.message.assign}
      </Button>
      {state.error && <Alert kind="error">{state.error}</Alert>}
    </form>
  );
}
