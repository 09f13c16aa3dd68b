"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { revokeToken } from "@/lib/actions/tokens";
import { useFormAction } from "@/lib/actions/use-form-action";
import { fr } from "@/lib/i18n/fr";

const t = fr.tokens;

/**
 * « Révoquer », then a confirmation in place: focus goes to « Annuler », the
 * safe choice; Escape or « Annuler » brings it back to « Révoquer ».
 */
export function RevokeToken({ mailboxId, tokenId, label }: { mailboxId: string; tokenId: string; label: string }) {
  const [state, action, pending] = useFormAction(revokeToken);
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
      <Button ref={opener} type="button" variant="danger" aria-label={t.revokeNamed(label)} onClick={() => setAsking(true)}>
        {t.revoke}
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={`${id}-question`}
      className="max-w-xs"
      onKeyDown={(e) => {
        if (e.key === "Escape") setAsking(false);
      }}
    >
      <p id={`${id}-question`}>{t.confirmRevoke(label)}</p>
      <form action={action} className="mt-2 flex flex-wrap gap-2">
        <input type="hidden" name="mailboxId" value={mailboxId} />
        <input type="hidden" name="tokenId" value={tokenId} />
        <Button type="submit" variant="danger" disabled={pending}>
          {t.confirm}
        </Button>
        <Button ref={cancel} type="button" variant="secondary" onClick={() => setAsking(false)}>
          {t.cancel}
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
