import emailAddresses from "email-addresses";
import { fr } from "@/lib/i18n/fr";
import { checkMailbox, type AddressCheck, type Candidate } from "./address";
import { isValidInsMatricule } from "./ins";
import { PATIENT_DOMAIN } from "./patient-address";

export type { Candidate } from "./address";
export { PATIENT_DOMAIN };
const TRUST_ROOT = "mssante.fr";

export type Recipient = { address: string; name: string | null; kind: "professional" | "patient" };
export type RecipientDecision = { ok: true; recipient: Recipient } | { ok: false; error: string };

/** Which domains belong to the trust space. */
export type TrustPolicy = { trusts(asciiDomain: string): boolean };

/** Built-in default: mssante.fr and every subdomain of it. */
export const defaultPolicy: TrustPolicy = {
  trusts: (domain) => domain === TRUST_ROOT || domain.endsWith(`.${TRUST_ROOT}`),
};

type Parsed = emailAddresses.ParsedMailbox | emailAddresses.ParsedGroup;

function fromParsed(parsed: Parsed, text: string): AddressCheck {
  if (parsed.type === "group") return { ok: false, error: fr.errors.groupAddress(text) };
  return checkMailbox(parsed);
}

/**
 * Parse the recipients typed in one field with an RFC 5322 parser, never by
 * cutting strings; a field may hold a list ("a@x, b@y"). An entry the parser
 * cannot read is named whole in the error.
 */
export function parseRecipients(entries: string[]): { candidates: Candidate[]; errors: string[] } {
  const candidates: Candidate[] = [];
  const errors: string[] = [];
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    const list = emailAddresses.parseAddressList({ input: entry, rfc6532: true });
    const parsings: AddressCheck[] = list ? list.map((p) => fromParsed(p, entry)) : [{ ok: false, error: fr.errors.invalidAddress(entry) }];
    for (const p of parsings) {
      if (p.ok) candidates.push(p.candidate);
      else errors.push(p.error);
    }
  }
  return { candidates, errors };
}

/** Patients are governed by their own rule (a valid INS), never by the list alone; everyone else by the policy. */
export function decide(candidate: Candidate, policy: TrustPolicy): RecipientDecision {
  const { address, name, local, domain } = candidate;
  // A subdomain of the patients' domain is no professional domain: it must not fall to the list's rule.
  if (domain.endsWith(`.${PATIENT_DOMAIN}`)) return { ok: false, error: fr.errors.patientSubdomain(address) };
  if (domain === PATIENT_DOMAIN) {
    return isValidInsMatricule(local)
      ? { ok: true, recipient: { address, name, kind: "patient" } }
      : { ok: false, error: fr.errors.invalidIns(address) };
  }
  if (!policy.trusts(domain)) return { ok: false, error: fr.errors.outsideTrustSpace(address) };
  return { ok: true, recipient: { address, name, kind: "professional" } };
}

/** Decide parsed candidates; duplicates are kept once, each refusal named. */
export function decideCandidates(candidates: Candidate[], policy: TrustPolicy): { recipients: Recipient[]; errors: string[] } {
  const recipients: Recipient[] = [];
  const errors: string[] = [];
  for (const candidate of candidates) {
    const decision = decide(candidate, policy);
    if (decision.ok) recipients.push(decision.recipient);
    else errors.push(decision.error);
  }
  const seen = new Set<string>();
  return { recipients: recipients.filter((r) => !seen.has(r.address) && seen.add(r.address)), errors };
}

/** Parse and decide what was typed in some fields. */
export function decideRecipients(entries: string[], policy: TrustPolicy = defaultPolicy): { recipients: Recipient[]; errors: string[] } {
  const parsed = parseRecipients(entries);
  const decided = decideCandidates(parsed.candidates, policy);
  return { recipients: decided.recipients, errors: [...parsed.errors, ...decided.errors] };
}

/** One address, as typed (with or without a display name). */
export function decideRecipient(raw: string, policy: TrustPolicy = defaultPolicy): RecipientDecision {
  const text = raw.trim();
  const parsed = emailAddresses.parseOneAddress({ input: text, rfc6532: true });
  if (!parsed) return { ok: false, error: fr.errors.invalidAddress(text) };
  const parsing = fromParsed(parsed, text);
  return parsing.ok ? decide(parsing.candidate, policy) : parsing;
}

/**
 * What a draft keeps of a recipients field: every address the parser reads,
 * decided or not (the trust space is decided at sending), and anything
 * unreadable or refused as typed (quotes included), so nothing the person
 * wrote is lost or changed.
 */
export function draftRecipients(text: string): { address: string; name: string | null }[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const list = emailAddresses.parseAddressList({ input: trimmed, rfc6532: true });
  if (!list || list.some((a) => a.type === "group")) return [{ address: trimmed, name: null }];
  return (list as emailAddresses.ParsedMailbox[]).map((a) => ({
    address: checkMailbox(a).ok ? a.address : a.parts.address.tokens.trim(),
    name: a.name,
  }));
}
