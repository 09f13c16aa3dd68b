import { XMLParser, XMLValidator } from "fast-xml-parser";
import { inArray, sql } from "drizzle-orm";
import { rowsOf, type Queryable } from "@/db/client";
import { trustedDomains } from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { canonicalDomain } from "./address";
import { defaultPolicy, type TrustPolicy } from "./trust-space";

export const LISTE_BLANCHE_NS = "https://listeblanche.mssante.fr/schema";

export class ListeBlancheError extends Error {}

/**
 * Read the official liste blanche (XML, namespace of the agency, one
 * <Domaine><Nom>…</Nom></Domaine> per domain) into IDNA lower-case domains,
 * under the same rule as addresses (a name not in canonical form would
 * never match what people may type). Anything malformed is refused whole,
 * with the reason in French.
 */
export function parseListeBlanche(xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ListeBlancheError(fr.listeBlanche.errors.malformed(valid.err.line, valid.err.msg));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (name) => name.endsWith("Domaine"),
    trimValues: true,
    parseTagValue: false,
  });
  const doc = parser.parse(xml) as Record<string, unknown>;
  const rootName = Object.keys(doc).find((k) => !k.startsWith("?"));
  const root = rootName ? (doc[rootName] as Record<string, unknown>) : null;
  // The agency's namespace may be the default one or bound to any prefix on the root.
  const declaration = root ? Object.entries(root).find(([k, v]) => k.startsWith("@xmlns") && v === LISTE_BLANCHE_NS)?.[0] : undefined;
  if (!root || !declaration) throw new ListeBlancheError(fr.listeBlanche.errors.namespace);
  const prefix = declaration === "@xmlns" ? "" : `${declaration.slice("@xmlns:".length)}:`;
  const entries = findAll(root, `${prefix}Domaine`);
  if (entries.length === 0) throw new ListeBlancheError(fr.listeBlanche.errors.empty);
  const domains = new Set<string>();
  entries.forEach((entry, i) => {
    const name = entry && typeof entry === "object" ? String((entry as Record<string, unknown>)[`${prefix}Nom`] ?? "") : "";
    // The root's trailing dot is the same domain; a list entry names a domain, never a top-level one alone.
    const domain = canonicalDomain(name.replace(/\.$/, ""));
    if (!domain.ok || !domain.ascii.includes(".")) throw new ListeBlancheError(fr.listeBlanche.errors.badDomain(i + 1, name));
    domains.add(domain.ascii);
  });
  return [...domains].sort();
}

/** The elements of that name wherever they sit under the root (the list may wrap them). */
function findAll(node: Record<string, unknown>, name: string): unknown[] {
  if (Array.isArray(node[name])) return node[name] as unknown[];
  for (const value of Object.values(node)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const found = findAll(value as Record<string, unknown>, name);
      if (found.length > 0) return found;
    }
  }
  return [];
}

/** Replace the list in one transaction; counts of what changed. */
export async function replaceListeBlanche(tx: Queryable, domains: string[]) {
  const current = new Set((await tx.select({ domain: trustedDomains.domain }).from(trustedDomains)).map((r) => r.domain));
  const next = new Set(domains);
  const added = domains.filter((d) => !current.has(d));
  const removed = [...current].filter((d) => !next.has(d));
  for (let i = 0; i < removed.length; i += 1000)
    await tx.delete(trustedDomains).where(inArray(trustedDomains.domain, removed.slice(i, i + 1000)));
  for (let i = 0; i < added.length; i += 1000)
    await tx.insert(trustedDomains).values(added.slice(i, i + 1000).map((domain) => ({ domain })));
  return { added: added.length, removed: removed.length, unchanged: domains.length - added.length };
}

/**
 * The policy for the given domains: the imported list when there is one,
 * the built-in default otherwise. Only the domains in question are looked up.
 */
export async function loadTrustPolicy(db: Queryable, domains: string[]): Promise<TrustPolicy> {
  const unique = [...new Set(domains)];
  // In one look-up, on every send: whether a list is in force at all, and which of these domains it names.
  const [row] = rowsOf<{ inForce: boolean; listed: string[] }>(
    await db.execute(
      sql`select exists (select 1 from ${trustedDomains}) as "inForce",
        array(select ${trustedDomains.domain} from ${trustedDomains} where ${trustedDomains.domain} = any(${sql.param(unique)}::text[])) as listed`,
    ),
  );
  if (!row.inForce) return defaultPolicy;
  const listed = new Set(row.listed);
  return { trusts: (domain) => listed.has(domain) };
}
