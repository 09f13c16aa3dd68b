/** How a person is named everywhere in the app: "Dr Jean Dupont", "Marie Durand". */
export function personName(u: { firstName: string; lastName: string; civility: string | null }): string {
  return `${u.civility === "DR" ? "Dr " : ""}${u.firstName} ${u.lastName}`;
}
