/** sex · year · month · département (2A/2B for Corsica) · commune · order · key */
const MATRICULE = /^[12378]\d{2}(?:0[1-9]|1[0-2])(\d{2}|2[AB])\d{6}\d{2}$/i;

/**
 * INS matricule (NIR or NIA): 13 characters + 2-digit key,
 * key = 97 − (number mod 97), 2A/2B read as 19/18 (docs/domain.md §3).
 */
export function isValidInsMatricule(value: string): boolean {
  const match = MATRICULE.exec(value);
  if (!match) return false;
  const departement = match[1].toUpperCase();
  const numeric = departement === "2A" ? "19" : departement === "2B" ? "18" : departement;
  const body = value.slice(0, 5) + numeric + value.slice(7, 13);
  return Number(value.slice(13)) === 97 - Number(BigInt(body) % 97n);
}
