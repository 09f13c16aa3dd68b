import type emailAddresses from "email-addresses";
import { toASCII, toUnicode } from "tr46";
import { fr } from "@/lib/i18n/fr";

/** RFC 5321 §4.5.3.1: at most 64 octets before the "@", 255 after it, 63 per DNS label (RFC 1035). */
export const ADDRESS_LIMITS = { local: 64, domain: 255, label: 63 };

// IDNA 2008 through UTS 46 nontransitional processing with every check that forbids look-alikes:
// joiners only where a script needs them, bidi rules, STD3 (letters, digits, hyphen), hyphen positions.
const UTS46 = { checkBidi: true, checkHyphens: true, checkJoiners: true, useSTD3ASCIIRules: true, transitionalProcessing: false };

/** Kept and shared between calls (see judgedDomains): read only. */
export type DomainCheck = Readonly<
  { ok: true; ascii: string } | { ok: false; refusal: "literal" | "too_long" | "label_length" | "hyphen" | "not_canonical" }
>;

/**
 * A domain as typed, accepted only when it is already in its canonical form:
 * each label is what UTS 46 makes of it, in Unicode or in punycode, ASCII case
 * aside. Full-width letters, ligatures, invisible characters (zero-width,
 * soft hyphen) and foreign full stops are mapped away by UTS 46 itself, so a
 * typed form that differs from the processed one is one that does not show
 * what it is: refused, never converted. The result is the IDNA (punycode)
 * form, lower case, the one every comparison uses.
 */
export function canonicalDomain(typed: string): DomainCheck {
  if (typed.startsWith("[")) return { ok: false, refusal: "literal" };
  // Longer than any valid domain before any processing: bounds the work on hostile input.
  if (typed.length > ADDRESS_LIMITS.domain) return { ok: false, refusal: "too_long" };
  let judged = judgedDomains.get(typed);
  if (judged === undefined) {
    judged = judgeDomain(typed);
    if (judgedDomains.size >= MAX_JUDGED_DOMAINS) judgedDomains.clear();
    judgedDomains.set(typed, judged);
  }
  return judged;
}

/**
 * UTS 46 processing is most of the cost of reading an address (two passes over Unicode tables per domain,
 * ~0.1 ms), and a handful of domains make most of the mail: each verdict is kept, by the domain as typed
 * (at most 255 characters, checked above), for a bounded number of domains.
 */
const judgedDomains = new Map<string, DomainCheck>();
const MAX_JUDGED_DOMAINS = 2_000;

function judgeDomain(typed: string): DomainCheck {
  const ascii = toASCII(typed, UTS46);
  if (ascii === null) {
    // CheckHyphens: no hyphen at either end, none in 3rd and 4th place; punycode labels ("xn--") are judged decoded.
    const hyphen = typed.split(".").some((label) => !/^xn--/i.test(label) && /^-|-$|^..--/.test(label));
    return { ok: false, refusal: hyphen ? "hyphen" : "not_canonical" };
  }
  const unicode = toUnicode(ascii, UTS46).domain.split(".");
  const labels = ascii.split(".");
  const typedLabels = typed.toLowerCase().split(".");
  if (typedLabels.length !== labels.length || typedLabels.some((label, i) => label !== labels[i] && label !== unicode[i]))
    return { ok: false, refusal: "not_canonical" };
  if (ascii.length > ADDRESS_LIMITS.domain) return { ok: false, refusal: "too_long" };
  if (labels.some((label) => label.length === 0 || label.length > ADDRESS_LIMITS.label)) return { ok: false, refusal: "label_length" };
  return { ok: true, ascii };
}

// RFC 5322 atext, with the UTF-8 of RFC 6532 less what cannot be seen: controls, format and
// default-ignorable characters (zero-width, soft hyphen…), spaces other than ASCII.
const ATEXT = String.raw`[A-Za-z0-9!#$%&'*+\-/=?^_\x60{|}~]|[^\x00-\x7f\p{C}\p{Z}\p{Default_Ignorable_Code_Point}]`;
const DOT_ATOM = new RegExp(`^(?:${ATEXT})+(?:\\.(?:${ATEXT})+)*$`, "u");
const QUOTABLE = new RegExp(`^(?:${ATEXT}|[\\x20-\\x7e])*$`, "u");

function localRefusal(local: string, shown: string): string | null {
  if (new TextEncoder().encode(local).length > ADDRESS_LIMITS.local) return fr.errors.localTooLong(shown, ADDRESS_LIMITS.local);
  // NFKC-stable: no full-width letters, ligatures or other compatibility forms.
  if (local.normalize("NFKC") !== local) return fr.errors.notCanonical(shown);
  if (DOT_ATOM.test(local)) return null;
  // Quotes, or what needs them ("x@evil.fr", "jean dupont"): refused rather than recorded without them (see README).
  return QUOTABLE.test(local) ? fr.errors.quotedLocal(shown) : fr.errors.notCanonical(shown);
}

/**
 * The text of a part as typed, comments and folding white space aside. Not
 * the parser's semantic value: that one drops every Unicode space from a
 * domain (no-break, zero-width no-break…) and the quotes from a local part.
 */
function typedText(node: emailAddresses.ASTNode): string {
  if (node.name === "cfws") return "";
  return node.children.length === 0 ? node.tokens : node.children.map(typedText).join("");
}

/** A checked address: lower case, domain in IDNA form, written as it will be recorded and sent. */
export type Candidate = { address: string; name: string | null; local: string; domain: string };
export type AddressCheck = { ok: true; candidate: Candidate } | { ok: false; error: string };

/**
 * The one rule on the form of an address, whoever gives it (compose, the
 * chips' check, drafts, and the SMTP border to come): the local part fits
 * RFC 5321 and is an unquoted dot-atom, the domain is canonical. Errors name
 * the address as it was typed. Trust is decided afterwards, on the result.
 */
export function checkMailbox(parsed: emailAddresses.ParsedMailbox): AddressCheck {
  const shown = parsed.parts.address.tokens.trim();
  const local = typedText(parsed.parts.local);
  const refusal = localRefusal(local, shown);
  if (refusal) return { ok: false, error: refusal };
  const domain = canonicalDomain(typedText(parsed.parts.domain));
  if (!domain.ok) {
    const error = {
      literal: fr.errors.outsideTrustSpace,
      too_long: (s: string) => fr.errors.domainTooLong(s, ADDRESS_LIMITS.domain),
      label_length: (s: string) => fr.errors.labelLength(s, ADDRESS_LIMITS.label),
      hyphen: fr.errors.hyphenLabel,
      not_canonical: fr.errors.notCanonical,
    }[domain.refusal](shown);
    return { ok: false, error };
  }
  const address = `${local}@${domain.ascii}`.toLowerCase();
  return { ok: true, candidate: { address, name: parsed.name, local, domain: domain.ascii } };
}
