/** The patients' domain at Mon espace santé (docs/domain.md §3); pure, so the browser can tell a patient chip too. */
export const PATIENT_DOMAIN = "patient.mssante.fr";

/** `<INS>@patient.mssante.fr`, with or without a display name around it ("Nom <…>"). */
export const isPatientAddress = (address: string) => address.trim().replace(/>$/, "").toLowerCase().endsWith(`@${PATIENT_DOMAIN}`);

/** The INS of a patient address, written as a NIR is read: sex, year, month, département, commune, order, key. */
export function formatIns(address: string): string {
  const ins = address.split("@")[0].toUpperCase();
  const m = /^(\w)(\w{2})(\w{2})(\w{2})(\w{3})(\w{3})(\w{2})$/.exec(ins);
  return m ? m.slice(1).join(" ") : ins;
}

/** The patients among a message's correspondents. */
export const patientsAmong = (addresses: string[]) => [...new Set(addresses.filter(isPatientAddress).map((a) => a.toLowerCase()))];
