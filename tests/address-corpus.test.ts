import { describe, expect, it } from "vitest";
import { decideRecipient, defaultPolicy, type TrustPolicy } from "@/lib/mail/trust-space";

/** [typed, accepted address or null when refused, why] — decided on the parsed address only. */
const CORPUS: [string, string | null, string][] = [
  ["jean.dupont@ch-troispics.mssante.fr", "jean.dupont@ch-troispics.mssante.fr", "plain"],
  ["x@mssante.fr", "x@mssante.fr", "the root domain itself"],
  ["X@CH.MSSANTE.FR", "x@ch.mssante.fr", "upper case"],
  ["Jean.Dupont@Medecin.MSSante.fr", "jean.dupont@medecin.mssante.fr", "mixed case"],
  ["Dr Jean Dupont <jean.dupont@medecin.mssante.fr>", "jean.dupont@medecin.mssante.fr", "display name"],
  ['"Dupont, Jean" <jean.dupont@medecin.mssante.fr>', "jean.dupont@medecin.mssante.fr", "quoted display name with a comma"],
  ['"Hélène Roux" <helene.roux@medecin.mssante.fr>', "helene.roux@medecin.mssante.fr", "accented display name"],
  ["(cardiologie) secretariat@ch-x.mssante.fr", "secretariat@ch-x.mssante.fr", "leading comment"],
  ["secretariat@ch-x.mssante.fr (cardiologie)", "secretariat@ch-x.mssante.fr", "trailing comment"],
  ['"jean dupont"@medecin.mssante.fr', null, "quoted local part with a space: would lose its quotes"],
  ['"jean.dupont"@medecin.mssante.fr', null, "any quoted local part, even one that needs no quotes"],
  ["x@ch.mss\u00A0ante.fr", null, "no-break space (the parser's semantic value drops it)"],
  ["x@ch.mss\u3000ante.fr", null, "ideographic space"],
  ["x\u00A0y@ch.mssante.fr", null, "no-break space in the local part"],
  ["jean+cardio@medecin.mssante.fr", "jean+cardio@medecin.mssante.fr", "plus tag"],
  ["a.b.c.d@e.f.g.mssante.fr", "a.b.c.d@e.f.g.mssante.fr", "deep subdomain"],
  ["  x@ch.mssante.fr  ", "x@ch.mssante.fr", "surrounding spaces"],
  ["284097512300109@patient.mssante.fr", "284097512300109@patient.mssante.fr", "patient with a valid INS"],
  ["x@mssante.fr.evil.com", null, "trust domain as a prefix of another"],
  ["x@evil-mssante.fr", null, "suffix without the dot"],
  ["x@evilmssante.fr", null, "suffix glued"],
  ["x@mssante.fr.", null, "trailing dot: not an RFC 5322 domain"],
  ["x@ch.mssante.fr..", null, "two trailing dots"],
  ['"x@ch.mssante.fr"@gmail.com', null, "quoted local part holding a trusted address"],
  ["x@gmail.com", null, "outside"],
  ["x@mssanté.fr", null, "IDN look-alike with an accent"],
  ["x@mѕsante.fr", null, "Cyrillic dze homoglyph"],
  ["x@mssаnte.fr", null, "Cyrillic a homoglyph"],
  ["x@xn--mssant-bva.fr", null, "punycode of the look-alike"],
  ["x@[127.0.0.1]", null, "domain literal"],
  ["x@[IPv6:::1]", null, "IPv6 literal"],
  ["a@b@ch.mssante.fr", null, "two at signs"],
  ["@ch.mssante.fr", null, "no local part"],
  ["x@", null, "no domain"],
  ["jean.dupont", null, "no at sign"],
  ["", null, "empty"],
  ["x@ch.mssante.fr\r\nBcc: spy@gmail.com", null, "CRLF header injection"],
  ["x@ch.mssante.fr\nBcc: spy@gmail.com", null, "LF header injection"],
  ["x@ch.mssante.fr, y@gmail.com", null, "a list is not one address"],
  ["equipe: a@ch.mssante.fr;", null, "group"],
  ["<x@ch.mssante.fr", null, "unclosed angle bracket"],
  ["x@ch .mssante.fr", "x@ch.mssante.fr", "white space around a dot (RFC 5322 obsolete syntax)"],
  ["x@-ch.mssante.fr", null, "label starting with a hyphen"],
  ["x@ch-.mssante.fr", null, "label ending with a hyphen"],
  ["x@ab--cd.mssante.fr", null, "hyphens in 3rd and 4th place (reserved for ACE prefixes)"],
  ["x@ｍｓｓａｎｔｅ.fr", null, "full-width letters"],
  ["x@ＭＳＳＡＮＴＥ.ＦＲ", null, "full-width capitals"],
  ["x@ch.mss\u200Bante.fr", null, "zero-width space"],
  ["x@ch.mss\u200Cante.fr", null, "zero-width non-joiner"],
  ["x@ch.mss\u200Dante.fr", null, "zero-width joiner"],
  ["x@ch.mss\u2060ante.fr", null, "word joiner"],
  ["x@ch.mss\uFEFFante.fr", null, "zero-width no-break space"],
  ["x@ch.mss\u00ADante.fr", null, "soft hyphen"],
  ["x@ch.mssante\u3002fr", null, "ideographic full stop"],
  ["x@ch.mssante\uFF0Efr", null, "full-width full stop"],
  ["x@ch.mssante\uFF61fr", null, "halfwidth ideographic full stop"],
  ["x@\uFB01nistere.mssante.fr", null, "ligature fi"],
  ["x@ch.mssante.fr\u202E", null, "right-to-left override"],
  ["x@xn--ch-.mssante.fr", null, "punycode of a plain ASCII label"],
  ["x@xn--ssante-4pe.mssante.fr", null, "punycode of an unassigned code point"],
  ["\uFF58@ch.mssante.fr", null, "full-width local part"],
  ["x\u200B@ch.mssante.fr", null, "zero-width space in the local part"],
  ["\uFB01chier@ch.mssante.fr", null, "ligature in the local part"],
  ['"x@evil.fr"@ch.mssante.fr', null, "quoted local part holding an address: would become x@evil.fr@…"],
  ['""@ch.mssante.fr', null, "empty quoted local part"],
  [`${"a".repeat(64)}@ch.mssante.fr`, `${"a".repeat(64)}@ch.mssante.fr`, "local part of 64 characters"],
  [`${"a".repeat(65)}@ch.mssante.fr`, null, "local part of 65 characters"],
  [`x@${"a".repeat(63)}.mssante.fr`, `x@${"a".repeat(63)}.mssante.fr`, "label of 63 characters"],
  [`x@${"a".repeat(64)}.mssante.fr`, null, "label of 64 characters"],
  [`x@${"a.".repeat(123)}mssante.fr`, null, "domain over 255 characters"],
  ["284097512300109@x.patient.mssante.fr", null, "a subdomain of the patients' domain"],
  ["jean.dupont@cabinet.patient.mssante.fr", null, "a professional-looking subdomain of the patients' domain"],
  ["x@mssante.com", null, "other top-level domain"],
  ["x@fr", null, "bare TLD"],
  ["284097512300108@patient.mssante.fr", null, "patient with a wrong INS key"],
  ["12345@patient.mssante.fr", null, "patient with a short matricule"],
  ["jean.dupont@patient.mssante.fr", null, "a professional name on the patient domain"],
];

describe("address corpus on the default trust space", () => {
  it("holds at least 40 cases", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS)("%j → %s (%s)", (typed, expected) => {
    const decision = decideRecipient(typed);
    if (expected === null) expect(decision.ok).toBe(false);
    else expect(decision).toMatchObject({ ok: true, recipient: { address: expected } });
    if (!decision.ok) expect(decision.error).toMatch(/«.*»/s);
  });

  it("decides every case alike when its domain was judged before (verdicts are kept per domain as typed)", () => {
    const first = CORPUS.map(([typed]) => decideRecipient(typed));
    const again = CORPUS.map(([typed]) => decideRecipient(typed));
    expect(again).toEqual(first);
    expect(decideRecipient("x@CH.MSSANTE.FR")).toMatchObject({ ok: true, recipient: { address: "x@ch.mssante.fr" } });
    expect(decideRecipient("x@ch.mss\u00adante.fr").ok).toBe(false);
  });
});

describe("address decision with an imported liste blanche", () => {
  const listed: TrustPolicy = { trusts: (d) => ["ch-troispics.mssante.fr", "xn--hpital-exemple-0ob.fr", "mssante.fr"].includes(d) };

  it("accepts a listed domain outside mssante.fr, including an IDN one in any form", () => {
    expect(decideRecipient("x@hôpital-exemple.fr", listed)).toMatchObject({
      ok: true,
      recipient: { address: "x@xn--hpital-exemple-0ob.fr" },
    });
    expect(decideRecipient("x@XN--HPITAL-EXEMPLE-0OB.FR", listed).ok).toBe(true);
  });

  it("refuses an unlisted subdomain of mssante.fr once a list is in force", () => {
    expect(decideRecipient("x@ch-inconnu.mssante.fr", listed).ok).toBe(false);
    expect(decideRecipient("x@ch-inconnu.mssante.fr", defaultPolicy).ok).toBe(true);
  });

  it("keeps patients under their own rule whatever the list says", () => {
    expect(decideRecipient("284097512300109@patient.mssante.fr", listed).ok).toBe(true);
    const everything: TrustPolicy = { trusts: () => true };
    expect(decideRecipient("284097512300108@patient.mssante.fr", everything).ok).toBe(false);
  });
});
