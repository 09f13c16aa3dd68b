"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-mail";

/**
 * A destructive action that cannot be undone: the button first asks, in place. Focus goes to « Annuler »,
 * the safe choice; Escape or « Annuler » brings the button back, with focus on it.
 */
export function ConfirmButton({
  action,
  fields,
  label,
  accessibleName,
  question,
  confirmLabel,
  size = "md",
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  /** When several such buttons share a page, the name that tells them apart. */
  accessibleName?: string;
  /** What is about to happen, and that it cannot be undone. */
  question: string;
  confirmLabel: string;
  size?: "md" | "sm";
}) {
  const [state, run, pending] = useFormAction(action);
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const id = useId();
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (asked.current) opener.current?.focus();
    asked.current ||= asking;
  }, [asking]);

  if (!asking) {
    return (
      <Button ref={opener} type="button" variant="danger" size={size} aria-label={accessibleName} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={`${id}-question`}
      className="max-w-sm"
      onKeyDown={(e) => {
        if (e.key === "Escape") setAsking(false);
      }}
    >
      <p id={`${id}-question`} className="text-sm">
        {question}
      </p>
      <form action={run} className="mt-2 flex flex-wrap gap-2">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Button type="submit" variant="danger" size={size} disabled={pending}>
          {confirmLabel}
        </Button>
        <Button ref={cancel} type="button" variant="secondary" size={size} onClick={() => setAsking(false)}>
          {fr.confirm.cancel}
        </Button>
      </form>
      {state.error && (
        <div className="mt-2">
          <Alert kind="error">{state.error}</Alert>
        </div>
      )}
    </div>
  );
}
