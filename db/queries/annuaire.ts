import { and, asc, eq, isNull, like, notLike, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { directoryEntries, mailboxes } from "@/db/schema";
import { normalise } from "@/lib/annuaire/format";
import { z } from "@/lib/validation";

export const ANNUAIRE_PAGE = 50;

/** The search as read from the URL; unreadable values are ignored. */
export const annuaireQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  profession: z.string().regex(/^\d{2}$/).optional().catch(undefined),
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

// Compared in byte order, as the index is built (db/schema.ts).
const sortKey = sql`(${directoryEntries.lastNameKey} collate "C")`;

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
  hosted: sql<boolean>`${mailboxes.id} is not null`,
};

/**
 * Search the annuaire. An RPPS or an address finds its entry directly;
 * otherwise every word must start a word of the entry (names, profession,
 * speciality, structure, city, postcode). Surnames starting with the first
 * word come first, read in order from a btree range; other matches fill the
 * page from the GIN index without sorting every match (a common first name
 * matches thousands): past 50, the person refines. Boxes on the liste rouge
 * are never returned; boxes hosted here are marked.
 */
export async function searchAnnuaire(db: Queryable, query: AnnuaireQuery, limit = ANNUAIRE_PAGE) {
  const q = query.q?.trim() ?? "";
  const rpps = RPPS.exec(q.replace(/\s/g, ""))?.[1];
  const address = q.includes("@") ? q.toLowerCase() : null;
  const words = address || rpps ? null : prefixQuery(q, query.specialty, query.place, query.structure);
  if (!words && !address && !rpps && !query.profession && !query.type) return { rows: [], more: false };

  const common = and(
    or(isNull(mailboxes.id), eq(mailboxes.hidden, false)),
    address ? eq(directoryEntries.address, address) : undefined,
    rpps ? eq(directoryEntries.rpps, rpps) : undefined,
    query.profession ? eq(directoryEntries.professionCode, query.profession) : undefined,
    query.type ? eq(directoryEntries.type, query.type) : undefined,
  );
  const matching = (tsquery: string | null) => (tsquery ? sql`${directoryEntries.search} @@ to_tsquery('simple', ${tsquery})` : undefined);
  const select = () => db.select(columns).from(directoryEntries).leftJoin(mailboxes, eq(mailboxes.address, directoryEntries.address));

  // The first word as a surname prefix is answered by the btree range alone;
  // only the other words go to the GIN index (a two-letter prefix there would
  // gather a third of the directory).
  const [surname, ...others] = q && words ? normalise(q).split(" ") : [];
  const first = surname
    ? await select()
        .where(and(common, like(sortKey, `${surname}%`), matching(prefixQuery(others.join(" "), query.specialty, query.place, query.structure))))
        .orderBy(asc(sortKey), asc(sql`${directoryEntries.address} collate "C"`))
        .limit(limit + 1)
    : [];
  const rest =
    first.length > limit
      ? []
      : await select()
          .where(and(common, matching(words), surname ? notLike(sortKey, `${surname}%`) : undefined))
          .limit(limit + 1 - first.length);
  // The same byte order as the index (keys are already [a-z0-9 ]).
  const key = (r: { lastNameKey: string; address: string }) => `${r.lastNameKey}\u0000${r.address}`;
  const byName = (a: { lastNameKey: string; address: string }, b: { lastNameKey: string; address: string }) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const rows = [...first, ...rest.sort(byName)].map(({ lastNameKey: _, ...r }) => r);
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
