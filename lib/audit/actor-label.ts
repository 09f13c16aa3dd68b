import { fr } from "@/lib/i18n/fr";

const t = fr.audit;

/** Who acted, as the journal and its export name it: a person, the structure's software by its token, other software, or the system. */
export function auditActorLabel(row: {
  actorType: string | null;
  actorName: string | null;
  software: { label: string; prefix: string } | null;
}): string {
  if (row.actorType === "token") return row.software ? t.software(row.software.label, row.software.prefix) : t.otherSoftware;
  return row.actorName ?? t.system;
}
