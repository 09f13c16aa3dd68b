/** The header of the public "Extraction Correspondance MSSanté" file, exactly (docs/domain.md §8). */
export const HEADER =
  "Type de BAL|Adresse BAL|Type Identifiant PP|Identifiant PP|Identification nationale PP|Type identifiant structure|Identification Structure|Service de rattachement|Civilité d'exercice|Nom d'exercice|Prénom d'exercice|Catégorie profession|Libellé de catégorie profession|Code Profession|Libellé Profession|Code savoir-faire|Libellé savoir-faire|Dématérialisation|Raison Sociale structure BAL|Enseigne commerciale structure BAL|L2COMPLEMENTLOCALISATION structure BAL|L3COMPLEMENTDISTRIBUTION structure BAL|L4NUMEROVOIE structure BAL|L4COMPLEMENTNUMEROVOIE structure BAL|NL4TYPEVOIE structure BAL|L4LIBELLEVOIE structure BAL|L5LIEUDITMENTION structure BAL|L6LIGNEACHEMINEMENT structure BAL|Code postal structure BAL|Département structure BAL|Pays structure BAL";

export const COLUMNS = HEADER.split("|");

/** Column positions used by the app. */
const C = {
  type: 0,
  address: 1,
  idType: 2,
  id: 3,
  service: 7,
  civility: 8,
  lastName: 9,
  firstName: 10,
  professionCode: 13,
  profession: 14,
  specialty: 16,
  company: 18,
  sign: 19,
  l6: 27,
  postcode: 28,
  departement: 29,
};

export type DirectoryEntry = {
  address: string;
  type: string;
  rpps: string | null;
  civility: string | null;
  lastName: string | null;
  firstName: string | null;
  professionCode: string | null;
  profession: string | null;
  specialty: string | null;
  service: string | null;
  structure: string | null;
  city: string | null;
  postcode: string | null;
  departement: string | null;
  lastNameKey: string;
  firstNameKey: string;
  cityKey: string;
  searchText: string;
};

/** Lower case, accents removed, anything but letters and digits turned into spaces: how names are compared. */
export function normalise(text: string): string {
  // Accents are the combining marks left by decomposition; plain ASCII (most of the file) has none to remove.
  const bare = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize("NFD").replace(/\p{M}/gu, "");
  return bare
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const value = (fields: string[], i: number) => fields[i]?.trim() || null;

/** One row of the file as stored; the RPPS only when the identifier type says so (8). */
export function toEntry(fields: string[]): DirectoryEntry {
  const l6 = value(fields, C.l6);
  const postcode = value(fields, C.postcode);
  const city = l6 ? l6.replace(/^\d{5}\s*/, "") || null : null;
  return entryFrom(
    {
      address: (value(fields, C.address) ?? "").toLowerCase(),
      type: value(fields, C.type) ?? "",
      rpps: value(fields, C.idType) === "8" ? value(fields, C.id) : null,
      civility: value(fields, C.civility),
      lastName: value(fields, C.lastName),
      firstName: value(fields, C.firstName),
      professionCode: value(fields, C.professionCode),
      profession: value(fields, C.profession),
      specialty: value(fields, C.specialty),
      service: value(fields, C.service),
      structure: value(fields, C.company) ?? value(fields, C.sign),
      city,
      postcode,
      departement: value(fields, C.departement),
    },
    value(fields, C.sign),
  );
}

/** An entry with its search text and name and city keys computed from its fields. */
export function entryFrom(
  entry: Omit<DirectoryEntry, "lastNameKey" | "firstNameKey" | "cityKey" | "searchText">,
  sign: string | null = null,
): DirectoryEntry {
  const words = [
    entry.lastName,
    entry.firstName,
    entry.profession,
    entry.specialty,
    entry.service,
    entry.structure,
    sign,
    entry.city,
    entry.postcode,
    entry.departement,
    entry.address.split("@")[0],
  ];
  // A box without a person sorts by its service or structure.
  const sortName = entry.lastName ?? entry.service ?? entry.structure ?? entry.address;
  // Completed in place (callers pass a fresh object): copying 545,000 entries doubled the parse time.
  return Object.assign(entry, {
    lastNameKey: normalise(sortName),
    firstNameKey: entry.firstName ? normalise(entry.firstName) : "",
    cityKey: entry.city ? normalise(entry.city) : "",
    searchText: normalise(words.filter(Boolean).join(" ")),
  });
}

/** How an entry is named in results and suggestions. */
export function entryName(r: {
  civility: string | null;
  firstName: string | null;
  lastName: string | null;
  service: string | null;
  structure: string | null;
  address: string;
}): string {
  if (r.lastName) return [r.civility === "DR" ? "Dr" : null, r.firstName, r.lastName].filter(Boolean).join(" ");
  return [r.service, r.structure].filter(Boolean).join(" — ") || r.address;
}
