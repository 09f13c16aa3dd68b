import { and, eq, like, not, or, sql, type SQLWrapper } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { directoryEntries, mailboxes } from "@/db/schema";
import { normalise } from "@/lib/annuaire/format";
import { z } from "@/lib/validation";

export const ANNUAIRE_PAGE = 50;

/** The search as read from the URL; unreadable values are ignored. */
export const annuaireQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  profession: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  specialty: z.string().max(100).optional().catch(undefined),
  place: z.string().max(100).optional().catch(undefined),
  structure: z.string().max(100).optional().catch(undefined),
  type: z.enum(["PER", "ORG"]).optional().catch(undefined),
});
export type AnnuaireQuery = z.infer<typeof annuaireQuery>;

/**
 * Words as prefixes ("hel" finds Hélène): normalised to [a-z0-9] only, so
 * nothing typed can reach to_tsquery's own syntax. One-letter words are
 * dropped when others remain: they would match half the directory.
 */
function prefixQuery(...texts: (string | undefined)[]): string | null {
  const words = texts.flatMap((t) => (t ? normalise(t).split(" ") : [])).filter(Boolean);
  const useful = words.length > 1 ? words.filter((w) => w.length > 1) : words;
  return useful.length ? useful.map((w) => `${w}:*`).join(" & ") : null;
}

const RPPS = /^8?(\d{11})$/;

// Compared in byte order, as the indexes are built (db/schema.ts).
const C = (column: SQLWrapper) => sql`(${column} collate "C")`;
const startsWith = (column: SQLWrapper, prefix: string) => like(C(column), `${prefix}%`);
const byName = [C(directoryEntries.lastNameKey), C(directoryEntries.firstNameKey), C(directoryEntries.address)];

/**
 * The words read as a name: the surname starts with the words before a cut
 * and the first name with those after it, or the other way round ("jean
 * dupont", "dupont jean", "le goff frederic"). Each reading is a narrow range
 * of the name index.
 */
function nameMatch(words: string[]) {
  if (words.length === 1) return startsWith(directoryEntries.lastNameKey, words[0]);
  const readings = [];
  for (let cut = 1; cut < words.length; cut++) {
    const [before, after] = [words.slice(0, cut).join(" "), words.slice(cut).join(" ")];
    readings.push(and(startsWith(directoryEntries.lastNameKey, before), startsWith(directoryEntries.firstNameKey, after)));
    readings.push(and(startsWith(directoryEntries.firstNameKey, before), startsWith(directoryEntries.lastNameKey, after)));
  }
  return or(...readings);
}

/** Digits are a postcode or département prefix, 2A/2B a Corsican département, anything else the start of a city. */
function placeMatch(place: string | undefined) {
  const key = place ? normalise(place) : "";
  if (!key) return undefined;
  if (/^\d+$/.test(key)) return startsWith(directoryEntries.postcode, key);
  if (/^2[ab]$/.test(key)) return eq(directoryEntries.departement, key.toUpperCase());
  return startsWith(directoryEntries.cityKey, key);
}

const columns = {
  address: directoryEntries.address,
  type: directoryEntries.type,
  civility: directoryEntries.civility,
  lastName: directoryEntries.lastName,
  firstName: directoryEntries.firstName,
  profession: directoryEntries.profession,
  specialty: directoryEntries.specialty,
  service: directoryEntries.service,
  structure: directoryEntries.structure,
  city: directoryEntries.city,
  postcode: directoryEntries.postcode,
  rpps: directoryEntries.rpps,
  lastNameKey: directoryEntries.lastNameKey,
  firstNameKey: directoryEntries.firstNameKey,
  // Sub-selects rather than a join: the planner keeps reading the name index in order and stops at the page size.
  hosted: sql<boolean>`${directoryEntries.address} in (select ${mailboxes.address} from ${mailboxes})`,
};

/**
 * Search the annuaire. An RPPS or an address finds its entry directly;
 * otherwise every word must start a word of the entry (names, profession,
 * speciality, structure, city, postcode). Entries whose name reads as the
 * words typed come first, in alphabetical order from the name index; other
 * matches fill the page from the GIN index without sorting every match (a
 * common word matches thousands): past 50, the person refines. Boxes on the
 * liste rouge are never returned; boxes hosted here are marked.
 */
export async function searchAnnuaire(db: Queryable, query: AnnuaireQuery, limit = ANNUAIRE_PAGE) {
  const q = query.q?.trim() ?? "";
  const rpps = RPPS.exec(q.replace(/\s/g, ""))?.[1];
  const address = q.includes("@") ? q.toLowerCase() : null;
  const words = address || rpps ? [] : normalise(q).split(" ").filter(Boolean);
  const place = placeMatch(query.place);
  const others = prefixQuery(query.specialty, query.structure);
  if (!words.length && !address && !rpps && !place && !others && !query.profession && !query.type) return { rows: [], more: false };

  const common = and(
    sql`${directoryEntries.address} not in (select ${mailboxes.address} from ${mailboxes} where ${mailboxes.hidden})`,
    address ? eq(directoryEntries.address, address) : undefined,
    rpps ? eq(directoryEntries.rpps, rpps) : undefined,
    query.profession ? eq(directoryEntries.professionCode, query.profession) : undefined,
    query.type ? eq(directoryEntries.type, query.type) : undefined,
    place,
  );
  const matching = (tsquery: string | null) => (tsquery ? sql`${directoryEntries.search} @@ to_tsquery('simple', ${tsquery})` : undefined);
  const select = () => db.select(columns).from(directoryEntries);

  const name = words.length ? nameMatch(words) : undefined;
  const first = name
    ? await select()
        .where(and(common, name, matching(others)))
        .orderBy(...byName)
        .limit(limit + 1)
    : [];
  const rest =
    first.length > limit
      ? []
      : await select()
          .where(and(common, matching(prefixQuery(words.join(" "), query.specialty, query.structure)), name ? not(name) : undefined))
          .limit(limit + 1 - first.length);
  // The same byte order as the index (keys are already [a-z0-9 ]).
  const key = (r: { lastNameKey: string; firstNameKey: string; address: string }) =>
    `${r.lastNameKey}\u0000${r.firstNameKey}\u0000${r.address}`;
  rest.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rows = [...first, ...rest].map(({ lastNameKey: _l, firstNameKey: _f, ...r }) => r);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** The professions present, for the filter. */
export const PROFESSIONS = [
  ["10", "Médecin"],
  ["21", "Pharmacien"],
  ["40", "Chirurgien-dentiste"],
  ["50", "Sage-femme"],
  ["60", "Infirmier"],
  ["70", "Masseur-kinésithérapeute"],
] as const;
