import { describe, expect, it } from "vitest";
import { isValidInsMatricule } from "@/lib/mail/ins";
import { decideRecipient, decideRecipients } from "@/lib/mail/trust-space";

describe("trust-space recipient rule", () => {
  it.each([
    ["jean.dupont@ch-troispics.mssante.fr", "jean.dupont@ch-troispics.mssante.fr"],
    ["x@mssante.fr", "x@mssante.fr"],
    ["Dr Claire Martin <claire.martin@msp-duval.mssante.fr>", "claire.martin@msp-duval.mssante.fr"],
    ["X@CH.MSSANTE.FR", "x@ch.mssante.fr"],
    ["(service) cardiologie@ch-x.mssante.fr", "cardiologie@ch-x.mssante.fr"],
    ['"Secrétariat, cardiologie" <cardiologie@ch-x.mssante.fr>', "cardiologie@ch-x.mssante.fr"],
    ["284097512300109@patient.mssante.fr", "284097512300109@patient.mssante.fr"],
  ])("accepts %s", (raw, address) => {
    const decision = decideRecipient(raw);
    expect(decision).toMatchObject({ ok: true, recipient: { address } });
  });

  it.each([
    "x@mssante.fr.evil.com",
    "x@evil-mssante.fr",
    '"x@a.mssante.fr"@gmail.com',
    "x@mssanté.fr",
    "x@gmail.com",
    "x@[127.0.0.1]",
    "x@fr",
  ])("refuses %s as outside the trust space, naming it", (raw) => {
    const decision = decideRecipient(raw);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.error).toMatch(/n'appartient pas à l'espace de confiance MSSanté/);
  });

  it.each(["x@ch.mssante.fr.", "a@b@c.mssante.fr", "jean.dupont", "", "a@b.mssante.fr\r\nBcc: x@gmail.com"])(
    "refuses the malformed %j",
    (raw) => {
      const decision = decideRecipient(raw);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.error).toMatch(/n'est pas une adresse électronique valide/);
    },
  );

  it("refuses a patient address whose INS key is wrong", () => {
    const decision = decideRecipient("284097512300108@patient.mssante.fr");
    expect(decision).toMatchObject({ ok: false, error: expect.stringMatching(/matricule INS/) });
  });

  it("decides every address of a list and names each refused one", () => {
    const { recipients, errors } = decideRecipients([
      "a@ch-x.mssante.fr, B <b@gmail.com>, c@ch-x.mssante.fr",
      "A@CH-X.MSSANTE.FR",
    ]);
    expect(recipients.map((r) => r.address)).toEqual(["a@ch-x.mssante.fr", "c@ch-x.mssante.fr"]);
    expect(errors).toEqual([expect.stringContaining("« b@gmail.com »")]);
  });

  it("refuses a group rather than guessing its members", () => {
    const { recipients, errors } = decideRecipients(["equipe: a@ch-x.mssante.fr, b@ch-x.mssante.fr;"]);
    expect(recipients).toEqual([]);
    expect(errors[0]).toMatch(/est un groupe/);
  });
});

describe("INS matricule", () => {
  it.each([
    ["284097512300109", true],
    ["284097512300108", false],
    ["1850275123001XX", false],
    ["28409751230010", false],
    ["984097512300109", false],
  ])("%s → %s", (value, valid) => {
    expect(isValidInsMatricule(value)).toBe(valid);
  });

  it("reads 2A and 2B as 19 and 18 for the key", () => {
    const body = "18502" + "19" + "123456";
    const key = String(97n - (BigInt(body) % 97n)).padStart(2, "0");
    expect(isValidInsMatricule("18502" + "2A" + "123456" + key)).toBe(true);
    expect(isValidInsMatricule("18502" + "2B" + "123456" + key)).toBe(false);
  });
});
