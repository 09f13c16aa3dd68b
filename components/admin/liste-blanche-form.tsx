"use client";

import { useActionState, useId } from "react";
import { importListeBlanche } from "@/app/(admin)/liste-blanche/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { idle } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";

export function ListeBlancheForm() {
  const [state, action, pending] = useActionState(importListeBlanche, idle);
  const id = useId();
  return (
    <form action={action} className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      {state.error && <Alert kind="error">{state.fieldErrors?.file?.[0] ?? state.error}</Alert>}
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {fr.listeBlanche.file}
        </label>
        <input id={id} type="file" name="file" accept=".xml,application/xml,text/xml" required className="mt-1 block text-sm" />
      </div>
      <Button type="submit" disabled={pending}>
        {fr.listeBlanche.import}
      </Button>
    </form>
  );
}
