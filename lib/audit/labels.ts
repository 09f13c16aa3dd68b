import type { AuditReason } from "@/lib/errors";
import { fr } from "@/lib/i18n/fr";

/** A trace's reason in French from its machine code; a code this version does not know shows as it is. */
export function reasonLabel(reason: string | null): string {
  if (!reason) return "";
  return fr.audit.reasons[reason as AuditReason] ?? reason;
}
