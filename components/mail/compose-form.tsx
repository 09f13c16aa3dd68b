"use client";

import { useActionState, useState } from "react";
import { send } from "@/app/(mail)/m/[mailbox]/compose/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea, TextField } from "@/components/ui/field";
import { idle } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { limits } from "@/lib/mail/limits";

type Box = { id: string; address: string; displayName: string };

/** Controlled fields: a refused send keeps everything the person typed. */
export function ComposeForm({
  boxes,
  defaults,
}: {
  boxes: Box[];
  defaults: { mailboxId: string; to: string; subject: string; body: string; replyTo: string | null };
}) {
  const [state, action, pending] = useActionState(send, idle);
  const [values, setValues] = useState({ mailboxId: defaults.mailboxId, to: defaults.to, cc: "", subject: defaults.subject, body: defaults.body });
  const bind = (name: keyof typeof values) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-3xl space-y-4">
      {state.error && <Alert kind="error">{state.error}</Alert>}
      {defaults.replyTo && <input type="hidden" name="replyTo" value={defaults.replyTo} />}
      <div>
        <label htmlFor="compose-from" className="block text-sm font-medium">
          {fr.compose.from}
        </label>
        <select id="compose-from" className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm" {...bind("mailboxId")}>
          {boxes.map((b) => (
            <option key={b.id} value={b.id}>
              {b.displayName} &lt;{b.address}&gt;
            </option>
          ))}
        </select>
      </div>
      <TextField label={fr.compose.to} help={fr.compose.recipientsHelp} errors={errors.to} autoComplete="off" {...bind("to")} />
      <TextField label={fr.compose.cc} errors={errors.cc} autoComplete="off" {...bind("cc")} />
      <TextField label={fr.compose.subject} errors={errors.subject} maxLength={limits.subject} {...bind("subject")} />
      <TextArea label={fr.compose.body} errors={errors.body} rows={14} {...bind("body")} />
      <Button type="submit" disabled={pending}>
        {pending ? fr.compose.sending : fr.compose.send}
      </Button>
    </form>
  );
}
