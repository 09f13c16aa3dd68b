"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeToken } from "@/lib/actions/tokens";
import * as fr from "@/lib/i18n/fr-admin";

const t = fr.tokens;

/** « Révoquer », confirmed in place: the software is refused from its next request on. */
export function RevokeToken({ mailboxId, tokenId, label }: { mailboxId: string; tokenId: string; label: string }) {
  return (
    <ConfirmButton
      action={revokeToken}
      fields={{ mailboxId, tokenId }}
      label={t.revoke}
      accessibleName={t.revokeNamed(label)}
      question={t.confirmRevoke(label)}
      confirmLabel={t.confirm}
    />
  );
}
