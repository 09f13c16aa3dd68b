import { domainToASCII } from "node:url";
import emailAddresses from "email-addresses";
import { fr } from "@/lib/i18n/fr";
import { isValidInsMatricule } from "./ins";

export const PATIENT_DOMAIN = "patient.mssante.fr";
const TRUST_ROOT = "mssante.fr";

export type Recipient = { address: string; name: string | null; kind: "professional" | "patient" };
export type RecipientDecision = { ok: true; recipient: Recipient } | { ok: false; error: string };

/** IDNA (punycode) form, lower case, without the root's trailing dot. */
export function normaliseDomain(domain: string): string {
  return domainToASCII(domain.trim().replace(/\.$/, "")).toLowerCase();
}

/** Default liste blanche: mssante.fr and every subdomain of it. */
export function isTrustedDomain(asciiDomain: string): boolean {
  return asciiDomain === TRUST_ROOT || asciiDomain.endsWith(`.${TRUST_ROOT}`);
}

type Parsed = emailAddresses.ParsedMailbox | emailAddresses.ParsedGroup;

/**
 * Decide one recipient on the address parsed by an RFC 5322 parser, never on
 * a substring of what was typed. `raw` may hold a display name.
 */
export function decideRecipient(raw: string): RecipientDecision {
  const text = raw.trim();
  const parsed = emailAddresses.parseOneAddress({ input: text, rfc6532: true });
  return parsed ? decideParsed(parsed, text) : { ok: false, error: fr.errors.invalidAddress(text) };
}

function decideParsed(parsed: Parsed, text: string): RecipientDecision {
  if (parsed.type === "group") return { ok: false, error: fr.errors.groupAddress(text) };
  const domain = normaliseDomain(parsed.domain);
  // domainToASCII yields "" for what cannot be a host name (e.g. a domain literal).
  if (!domain) return { ok: false, error: fr.errors.outsideTrustSpace(parsed.address) };
  const address = `${parsed.local}@${domain}`.toLowerCase();
  if (!isTrustedDomain(domain)) return { ok: false, error: fr.errors.outsideTrustSpace(address) };
  if (domain === PATIENT_DOMAIN) {
    if (!isValidInsMatricule(parsed.local)) return { ok: false, error: fr.errors.invalidIns(address) };
    return { ok: true, recipient: { address, name: parsed.name, kind: "patient" } };
  }
  return { ok: true, recipient: { address, name: parsed.name, kind: "professional" } };
}

/**
 * Each field entry may itself hold a list ("a@x, b@y"), split by the parser;
 * an entry the parser cannot read is named whole in the error.
 */
export function decideRecipients(entries: string[]): { recipients: Recipient[]; errors: string[] } {
  const recipients: Recipient[] = [];
  const errors: string[] = [];
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    const list = emailAddresses.parseAddressList({ input: entry, rfc6532: true });
    const decisions = list ? list.map((parsed) => decideParsed(parsed, entry)) : [decideRecipient(entry)];
    for (const decision of decisions) {
      if (decision.ok) recipients.push(decision.recipient);
      else errors.push(decision.error);
    }
  }
  return { recipients: dedupe(recipients), errors };
}

function dedupe(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(r.address) && seen.add(r.address));
}

/**
 * What a draft keeps of a recipients field: every address the parser reads,
 * decided or not (the trust space is decided at sending), and anything
 * unreadable as typed, so nothing the person wrote is lost.
 */
export function draftRecipients(text: string): { address: string; name: string | null }[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const list = emailAddresses.parseAddressList({ input: trimmed, rfc6532: true });
  if (!list || list.some((a) => a.type === "group")) return [{ address: trimmed, name: null }];
  return (list as emailAddresses.ParsedMailbox[]).map((a) => ({ address: a.address, name: a.name }));
}
