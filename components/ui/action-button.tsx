"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/lib/actions/use-form-action";

/** One button posting one server action with fixed fields; its refusal is shown beside it. */
export function ActionButton({
  action,
  fields,
  label,
  accessibleName,
  variant = "secondary",
  size = "md",
  shortcut,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  /** When several identical buttons share a page, the name that tells them apart. */
  accessibleName?: string;
  variant?: "primary" | "secondary" | "danger";
  size?: "md" | "sm";
  /** The keyboard shortcut that presses it (components/mail/mail-shortcuts.tsx). */
  shortcut?: string;
}) {
  const [state, run, pending] = useFormAction(action);
  return (
    <form action={run}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} size={size} disabled={pending} aria-label={accessibleName} data-shortcut={shortcut}>
        {label}
      </Button>
      {state.error && (
        <div className="mt-2">
          <Alert kind="error">{state.error}</Alert>
        </div>
      )}
    </form>
  );
}
