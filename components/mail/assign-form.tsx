"use client";

import { assignMessage } from "@/lib/actions/mail";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/lib/actions/use-form-action";
import { MemberSelect } from "./member-select";
import * as fr from "@/lib/i18n/fr-mail";

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
  const assignee = members.find((m) => m.id === current)?.name;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* Drawn again with the saved assignee: the form's reset after the action then keeps it. */}
      <MemberSelect key={current ?? ""} members={members} current={current} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {fr.message.assign}
      </Button>
      <p role="status" className="text-sm text-green-800">
        {state.ok && !pending ? (assignee ? fr.message.assignSaved(assignee) : fr.message.unassignSaved) : ""}
      </p>
      {state.error && <Alert kind="error">{state.error}</Alert>}
    </form>
  );
}
