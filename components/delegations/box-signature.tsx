"use client";

import { useId, useState } from "react";
import { RichEditor } from "@/components/mail/rich-editor";
import { Alert } from "@/components/ui/alert";
import { SaveButton } from "@/components/ui/save-button";
import { Describe } from "@/components/ui/field";
import { saveSignature } from "@/lib/actions/signatures";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-admin";

const t = fr.signature;

/** A box's signature on the Délégations screen, written with the compose editor; folded until asked for. */
export function BoxSignature({ mailboxId, signatureHtml }: { mailboxId: string; signatureHtml: string | null }) {
  const [state, action, pending] = useFormAction(saveSignature);
  const [html, setHtml] = useState(signatureHtml ?? "");
  const id = useId();
  const errors = state.fieldErrors?.html;
  return (
    <section aria-labelledby={`${id}-title`} className="mt-4 rounded-md border border-slate-300 p-4">
      <h3 id={`${id}-title`} className="font-semibold">
        {t.title}
      </h3>
      <details className="mt-2">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline sm:min-h-0">
          {t.edit}
        </summary>
        <form action={action} className="mt-2 space-y-3">
          <input type="hidden" name="mailboxId" value={mailboxId} />
          <input type="hidden" name="html" value={html} />
          <p id={`${id}-label`} className="text-sm font-medium">
            {t.label}
          </p>
          <p id={`${id}-help`} className="text-xs text-slate-600">
            {t.intro}
          </p>
          <RichEditor
            labelId={`${id}-label`}
            describedBy={errors?.length ? `${id}-help ${id}-error` : `${id}-help`}
            invalid={Boolean(errors?.length)}
            initial={signatureHtml ?? ""}
            onChange={setHtml}
          />
          <Describe id={id} errors={errors} />
          {state.error && !errors && <Alert kind="error">{state.error}</Alert>}
          <SaveButton label={t.save} done={state.ok && t.saved} pending={pending} />
        </form>
      </details>
    </section>
  );
}
