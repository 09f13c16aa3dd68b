"use client";

import { useActionState, useState } from "react";
import { deleteDraft, saveDraft, send } from "@/app/(mail)/m/[mailbox]/compose/actions";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea, TextField } from "@/components/ui/field";
import { idle } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { limits } from "@/lib/mail/limits";

type Box = { id: string; address: string; displayName: string; canSend: boolean; canEdit: boolean };

/** Controlled fields: a refused send keeps everything the person typed. */
export function ComposeForm({
  boxes,
  defaults,
}: {
  boxes: Box[];
  defaults: { mailboxId: string; to: string; cc: string; subject: string; body: string; replyTo: string | null; draftId: string | null };
}) {
  const [sendState, sendAction, sending] = useActionState(send, idle);
  const [draftState, draftAction, saving] = useActionState(saveDraft, idle);
  const [last, setLast] = useState<"send" | "draft">("send");
  const state = last === "send" ? sendState : draftState;
  const [values, setValues] = useState({ mailboxId: defaults.mailboxId, to: defaults.to, cc: defaults.cc, subject: defaults.subject, body: defaults.body });
  const bind = (name: keyof typeof values) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const box = boxes.find((b) => b.id === values.mailboxId) ?? boxes[0];
  const errors = state.fieldErrors ?? {};
  const pending = sending || saving;
  return (
    <div className="max-w-3xl space-y-4">
      <form action={sendAction} className="space-y-4">
        {state.error && <Alert kind="error">{state.error}</Alert>}
        {defaults.replyTo && <input type="hidden" name="replyTo" value={defaults.replyTo} />}
        {defaults.draftId && <input type="hidden" name="draftId" value={defaults.draftId} />}
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
        {!box.canSend && <p className="text-sm text-slate-700">{fr.compose.noSendRight}</p>}
        <div className="flex flex-wrap gap-2">
          {box.canSend && (
            <Button type="submit" disabled={pending} onClick={() => setLast("send")}>
              {sending ? fr.compose.sending : fr.compose.send}
            </Button>
          )}
          {box.canEdit && (
            <Button type="submit" variant="secondary" formAction={draftAction} disabled={pending} onClick={() => setLast("draft")}>
              {fr.compose.saveDraft}
            </Button>
          )}
        </div>
      </form>
      {defaults.draftId && box.canEdit && (
        <ActionButton action={deleteDraft} fields={{ mailboxId: defaults.mailboxId, draftId: defaults.draftId }} label={fr.compose.deleteDraft} variant="danger" />
      )}
    </div>
  );
}
