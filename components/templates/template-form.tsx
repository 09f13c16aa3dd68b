"use client";

import { Alert } from "@/components/ui/alert";
import { SaveButton } from "@/components/ui/save-button";
import { TextArea, TextField } from "@/components/ui/field";
import { saveTemplate } from "@/lib/actions/templates";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-compose";

const t = fr.templates;

/** Create a « réponse type » for a box, or change one. */
export function TemplateForm({ mailboxId, template }: { mailboxId: string; template?: { id: string; name: string; body: string } }) {
  const [state, action, pending] = useFormAction(saveTemplate);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-2 space-y-3">
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="templateId" value={template?.id ?? ""} />
      <TextField label={t.name} name="name" defaultValue={template?.name} maxLength={80} required errors={errors.name} />
      <TextArea label={t.body} name="body" defaultValue={template?.body} rows={6} required errors={errors.body} help={t.intro} />
      {state.error && !errors.name && !errors.body && <Alert kind="error">{state.error}</Alert>}
      <SaveButton label={t.save} done={state.ok && t.saved} pending={pending} />
    </form>
  );
}
