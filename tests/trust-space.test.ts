import { count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { messages, outbox } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { canonicalDomain } from "@/lib/mail/address";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { isValidInsMatricule } from "@/lib/mail/ins";
import { ListeBlancheError, parseListeBlanche } from "@/lib/mail/liste-blanche";
import { decideRecipient, decideRecipients, draftRecipients, parseRecipients } from "@/lib/mail/trust-space";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

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

  it.each(["x@mssante.fr.evil.com", "x@evil-mssante.fr", "x@mssanté.fr", "x@gmail.com", "x@[127.0.0.1]", "x@fr"])(
    "refuses %s as outside the trust space, naming it",
    (raw) => {
      const decision = decideRecipient(raw);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.error).toMatch(/n'appartient pas à l'espace de confiance MSSanté/);
    },
  );

  it.each(["x@ch.mssante.fr.", "a@b@c.mssante.fr", "jean.dupont", "", "a@b.mssante.fr\r\nBcc: x@gmail.com"])(
    "refuses the malformed %j",
    (raw) => {
      const decision = decideRecipient(raw);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.error).toMatch(/n'est pas une adresse électronique valide/);
    },
  );

  it.each([
    ["full-width letters", "x@ｍｓｓａｎｔｅ.fr"],
    ["full-width capitals", "x@ＭＳＳＡＮＴＥ.ＦＲ"],
    ["a zero-width space", "x@ch.mss\u200Bante.fr"],
    ["a zero-width joiner", "x@ch.mss\u200Dante.fr"],
    ["a zero-width no-break space", "x@ch.mss\uFEFFante.fr"],
    ["a no-break space", "x@ch.mss\u00A0ante.fr"],
    ["a soft hyphen", "x@ch.mss\u00ADante.fr"],
    ["an ideographic full stop", "x@ch.mssante\u3002fr"],
    ["a full-width full stop", "x@ch.mssante\uFF0Efr"],
    ["a ligature", "x@\uFB01nistere.mssante.fr"],
    ["punycode of a plain ASCII label", "x@xn--ch-.mssante.fr"],
    ["a full-width local part", "\uFF58@ch.mssante.fr"],
    ["an invisible character in the local part", "x\u200B@ch.mssante.fr"],
  ])("refuses a domain or local part with %s, naming it as typed, never as converted", (_label, raw) => {
    const decision = decideRecipient(raw);
    expect(decision).toEqual({ ok: false, error: expect.stringContaining(`« ${raw} » n'est pas écrite sous sa forme normale`) });
  });

  it.each([
    ["x@-ch.mssante.fr", /commence ou finit par un tiret/],
    ["x@ch-.mssante.fr", /commence ou finit par un tiret/],
    ["x@ab--cd.mssante.fr", /deux tirets en 3e et 4e position/],
    [`${"a".repeat(65)}@ch.mssante.fr`, /la partie avant « @ » est trop longue \(64 caractères au plus\)/],
    [`x@${"a".repeat(64)}.mssante.fr`, /de 1 à 63 caractères/],
    [`x@${"a.".repeat(123)}mssante.fr`, /le nom de domaine est trop long \(255 caractères au plus\)/],
    ['"x@evil.fr"@ch.mssante.fr', /ne peut être entre guillemets/],
    ['"jean dupont"@ch.mssante.fr', /ne peut être entre guillemets/],
    ['"x@a.mssante.fr"@gmail.com', /ne peut être entre guillemets/],
    ["284097512300109@x.patient.mssante.fr", /sans sous-domaine/],
    ["jean.dupont@cabinet.patient.mssante.fr", /sans sous-domaine/],
  ])("refuses %s with its reason", (raw, reason) => {
    const decision = decideRecipient(raw);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.error).toMatch(reason);
    if (!decision.ok) expect(decision.error).toContain(`« ${raw} »`);
  });

  it("accepts the bounds themselves and an IDN domain typed in either canonical form", () => {
    expect(decideRecipient(`${"a".repeat(64)}@${"b".repeat(63)}.mssante.fr`).ok).toBe(true);
    expect(decideRecipient("x@hôpital.mssante.fr")).toMatchObject({ ok: true, recipient: { address: "x@xn--hpital-ixa.mssante.fr" } });
    expect(decideRecipient("x@xn--hpital-ixa.mssante.fr")).toMatchObject({
      ok: true,
      recipient: { address: "x@xn--hpital-ixa.mssante.fr" },
    });
    expect(decideRecipient("X@HÔPITAL.MSSANTE.FR")).toMatchObject({ ok: true, recipient: { address: "x@xn--hpital-ixa.mssante.fr" } });
  });

  it("applies the same rule to every address of a compose field and to what a draft keeps", () => {
    const { candidates, errors } = parseRecipients(['a@ch.mssante.fr, x@ｍｓｓａｎｔｅ.fr, "b@evil.fr"@ch.mssante.fr']);
    expect(candidates.map((c) => c.address)).toEqual(["a@ch.mssante.fr"]);
    expect(errors).toEqual([expect.stringContaining("« x@ｍｓｓａｎｔｅ.fr »"), expect.stringContaining('« "b@evil.fr"@ch.mssante.fr »')]);
    // A draft keeps a refused address exactly as typed: quotes are never dropped.
    expect(draftRecipients('Dr X <"b@evil.fr"@ch.mssante.fr>, a@ch.mssante.fr')).toEqual([
      { address: '"b@evil.fr"@ch.mssante.fr', name: "Dr X" },
      { address: "a@ch.mssante.fr", name: null },
    ]);
  });

  it("refuses a patient address whose INS key is wrong", () => {
    const decision = decideRecipient("284097512300108@patient.mssante.fr");
    expect(decision).toMatchObject({ ok: false, error: expect.stringMatching(/matricule INS/) });
  });

  it("decides every address of a list and names each refused one", () => {
    const { recipients, errors } = decideRecipients(["a@ch-x.mssante.fr, B <b@gmail.com>, c@ch-x.mssante.fr", "A@CH-X.MSSANTE.FR"]);
    expect(recipients.map((r) => r.address)).toEqual(["a@ch-x.mssante.fr", "c@ch-x.mssante.fr"]);
    expect(errors).toEqual([expect.stringContaining("« b@gmail.com »")]);
  });

  it("refuses a group rather than guessing its members", () => {
    const { recipients, errors } = decideRecipients(["equipe: a@ch-x.mssante.fr, b@ch-x.mssante.fr;"]);
    expect(recipients).toEqual([]);
    expect(errors[0]).toMatch(/est un groupe/);
  });
});

describe("liste blanche domains follow the same rule", () => {
  const list = (...names: string[]) =>
    `<ListeBlanche xmlns="https://listeblanche.mssante.fr/schema">${names.map((n) => `<Domaine><Nom>${n}</Nom></Domaine>`).join("")}</ListeBlanche>`;

  it("keeps a canonical domain, in Unicode or punycode, any ASCII case, with the root's trailing dot", () => {
    expect(parseListeBlanche(list("HÔPITAL-EXEMPLE.FR.", "xn--hpital-exemple-0ob.fr", "ch.mssante.fr"))).toEqual([
      "ch.mssante.fr",
      "xn--hpital-exemple-0ob.fr",
    ]);
    expect(canonicalDomain("hôpital-exemple.fr")).toEqual({ ok: true, ascii: "xn--hpital-exemple-0ob.fr" });
  });

  it.each(["ｍｓｓａｎｔｅ.fr", "mss\u200Bante.fr", "mssante\u3002fr", "-ch.mssante.fr", "fr"])(
    "refuses the entry %j, naming it",
    (name) => {
      expect(() => parseListeBlanche(list("ch.mssante.fr", name))).toThrow(ListeBlancheError);
      expect(() => parseListeBlanche(list("ch.mssante.fr", name))).toThrow(/2/);
    },
  );
});

describe(`sending records exactly what was checked (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("refuses a quoted local part and a full-width domain in the field, nothing sent, saved or queued", async () => {
    const jean = await principalOf(db, d.jean);
    const subject = "Adresses trompeuses";
    const result = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: '"x@evil.fr"@ch-troispics.mssante.fr',
      cc: "claire.martin@ｍｓｐ-ｄｕｖａｌ.mssante.fr",
      subject,
      body: "b",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: {
        to: [expect.stringMatching(/^« "x@evil\.fr"@ch-troispics\.mssante\.fr » : la partie avant « @ » ne peut être entre guillemets/)],
        cc: [expect.stringContaining("« claire.martin@ｍｓｐ-ｄｕｖａｌ.mssante.fr » n'est pas écrite sous sa forme normale")],
      },
    });
    expect(await db.select({ n: count() }).from(messages).where(eq(messages.subject, subject))).toEqual([{ n: 0 }]);
    expect(await db.select({ n: count() }).from(outbox).where(like(outbox.recipient, "%evil%"))).toEqual([{ n: 0 }]);
  });

  it("keeps the typed form in a draft, so reopening it shows and refuses the same address", async () => {
    const jean = await principalOf(db, d.jean);
    const draftId = crypto.randomUUID();
    const saved = await runAction(db, jean, meta, saveDraftSpec, {
      mailboxId: d.jeanBox.id,
      draftId,
      to: '"x@evil.fr"@ch-troispics.mssante.fr',
      subject: "Brouillon",
      body: "",
    });
    expect(saved.ok).toBe(true);
    const [draft] = await db.select({ to: messages.to }).from(messages).where(eq(messages.draftId, draftId));
    expect(draft.to).toEqual([{ address: '"x@evil.fr"@ch-troispics.mssante.fr', name: null }]);
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
