"use client";

import { useActionState } from "react";
import { send } from "./actions";

export function SendForm() {
  const [state, action] = useActionState(send, { ok: false });
  return (
    <form action={action}>
      <input name="mailboxId" aria-label="Boîte" />
      <button>Envoyer</button>
      {state.next}
    </form>
  );
}
