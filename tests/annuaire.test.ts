import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { searchAnnuaire } from "@/db/queries/annuaire";
import { mailboxes } from "@/db/schema";
import { HEADER, normalise } from "@/lib/annuaire/format";
import { importDirectory } from "@/lib/annuaire/import";
import { AnnuaireFormatError, MAX_LINE_CHARS, openExtraction, readExtraction } from "@/lib/annuaire/parse";
import { driver, seededDatabase, seededHandle } from "./db";

const sample = path.join(import.meta.dirname, "fixtures/annuaire-sample.txt");
const collect = async (stream: Readable) => {
  const out = [];
  for await (const batch of readExtraction(stream)) out.push(...batch);
  return out;
};
const text = (s: string | Buffer) => Readable.from([typeof s === "string" ? Buffer.from(s) : s]);
const row = (address: string) =>
  `PER|${address}|8|1|81|3|1||DR|NOM|Prénom|C|Civil|10|Médecin|SM26|MG|True|CAB||||1||R|RUE||75002 PARIS|75002|75|99100`;

describe("annuaire extraction parser", () => {
  it("reads edge rows: empty fields, accents, duplicate address (any case), ORG without person", async () => {
    const entries = await collect(createReadStream(sample));
    expect(entries.map((e) => e.address)).toEqual([
      "jean.dupont@medecin.mssante.fr",
      "cardiologie@ch-exemple.mssante.fr",
      "helene.lefevre@medecin.mssante.fr",
      "infirmiere.anonyme@infirmier.mssante.fr",
    ]);
    const [jean, org, helene, bare] = entries;
    expect(jean).toMatchObject({ rpps: "19900000001", lastName: "DUPONT", city: "PARIS", postcode: "75002", profession: "Médecin" });
    expect(org).toMatchObject({
      type: "ORG",
      lastName: null,
      rpps: null,
      service: "Service de cardiologie",
      structure: "CENTRE HOSPITALIER EXEMPLE",
      city: "BORDEAUX",
    });
    expect(helene.searchText).toContain("lefevre helene");
    expect(helene.lastNameKey).toBe("lefevre");
    expect(bare).toMatchObject({ lastName: null, city: null, profession: null });
  });

  it.each([
    ["a wrong header", "Type|Adresse\n", 1, /en-tête inattendu/],
    ["an empty file", "", 1, /en-tête inattendu/],
    ["a short row", `${HEADER}\n${row("a@x.mssante.fr")}\nPER|b@x.mssante.fr|8\n`, 3, /3 colonnes au lieu de 31/],
    ["a row without address", `${HEADER}\n${row("pas-une-adresse")}\n`, 2, /adresse de boîte invalide/],
    [
      "a short row after blank lines (CRLF)",
      `${HEADER}\r\n${row("a@x.mssante.fr")}\r\n\r\n\r\nPER|b@x.mssante.fr\r\n`,
      5,
      /2 colonnes au lieu de 31/,
    ],
  ])("refuses %s with its line number", async (_label, content, line, reason) => {
    const error = await collect(text(content)).catch((e) => e);
    expect(error).toBeInstanceOf(AnnuaireFormatError);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^Ligne ${line} : `));
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/L'annuaire en vigueur est conservé\.$/);
  });

  it("keeps a character whole when it is split between two chunks of the file", async () => {
    const bytes = Buffer.from(`${HEADER}\n${row("a@x.mssante.fr")}\n`);
    const cut = bytes.indexOf(Buffer.from("é", "utf8")) + 1;
    const entries = await collect(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));
    expect(entries).toHaveLength(1);
  });

  it("refuses a line longer than any row at once, reading no further: 48 MB on one line", async () => {
    const header = Buffer.from(`${HEADER}\n${row("a@x.mssante.fr")}\n`);
    const chunk = Buffer.alloc(64 * 1024, "x");
    let offered = 0;
    // The file is produced as it is read: what was never pulled was never in memory.
    function* file() {
      yield header;
      for (; offered < 48 * 1024 * 1024; offered += chunk.length) yield chunk;
    }
    const started = performance.now();
    const error = await collect(Readable.from(file())).catch((e) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(AnnuaireFormatError);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Ligne 3 : ligne de plus de 8\s192 caractères/);
    expect(offered).toBeLessThan(2 * 1024 * 1024);
    expect(elapsed).toBeLessThan(1000);
  });

  it("takes a line up to the bound, refuses one character more", async () => {
    const base = row("a@x.mssante.fr");
    const padded = (length: number) => base.replace("|CAB|", `|${"C".repeat(length - base.length + 3)}|`);
    expect(await collect(text(`${HEADER}\n${padded(MAX_LINE_CHARS)}\n`))).toHaveLength(1);
    expect(await collect(text(`${HEADER}\r\n${padded(MAX_LINE_CHARS + 1)}\r\n`)).catch((e) => e)).toMatchObject({ line: 2 });
  });

  it("refuses bytes that are not UTF-8, naming the line", async () => {
    const bad = Buffer.concat([
      Buffer.from(`${HEADER}\n${row("a@x.mssante.fr")}\n`),
      Buffer.from("PER|b@x.mssante.fr|8|1|81|3|1||DR|"),
      Buffer.from([0xc3, 0x28]),
      Buffer.from("|Prénom|C|Civil|10|Médecin|SM26|MG|True|CAB||||1||R|RUE||75002 PARIS|75002|75|99100\n"),
    ]);
    const error = await collect(text(bad)).catch((e) => e);
    expect(error).toMatchObject({ line: 3 });
    expect(error.message).toMatch(/UTF-8/);
  });
});

describe(`annuaire search (${driver})`, () => {
  let db: Db;

  beforeAll(async () => {
    db = await seededDatabase();
  });

  it("finds by name prefix, accent- and case-insensitive", async () => {
    for (const q of ["dupont", "DUPONT", "dup", "dupont jean", "jean dupont"]) {
      const { rows } = await searchAnnuaire(db, { q });
      expect(rows.some((r) => r.address === "jean.dupont@ch-troispics.mssante.fr")).toBe(true);
    }
    for (const q of ["hélène", "HELENE", "hel"]) {
      const { rows } = await searchAnnuaire(db, { q });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => /h[ée]l/i.test(`${r.firstName} ${r.lastName} ${r.structure} ${r.service} ${r.city} ${r.address}`))).toBe(
        true,
      );
    }
  });

  it("combines words and filters: 'dupont cardio', a city with a profession", async () => {
    const { rows } = await searchAnnuaire(db, { q: "dupont cardio" });
    expect(rows.find((r) => r.address === "jean.dupont@ch-troispics.mssante.fr")).toMatchObject({
      hosted: true,
      specialty: "Cardiologie et maladies vasculaires",
    });
    expect(rows.every((r) => r.lastName === "DUPONT" && /cardio/i.test(r.specialty ?? ""))).toBe(true);
    const lyon = await searchAnnuaire(db, { place: "lyon", profession: "10" });
    expect(lyon.rows.length).toBeGreaterThan(0);
    expect(lyon.rows.every((r) => r.city === "LYON" && r.profession === "Médecin")).toBe(true);
  });

  it("reads the words as a name in either order, names first and in alphabetical order", async () => {
    for (const q of ["jean dupont", "dupont jean", "j dupont", "dupont j"]) {
      const { rows } = await searchAnnuaire(db, { q });
      expect(rows[0]).toMatchObject({ lastName: "DUPONT" });
      expect(rows.some((r) => r.address === "jean.dupont@ch-troispics.mssante.fr")).toBe(true);
    }
    const { rows } = await searchAnnuaire(db, { q: "du" });
    const names = rows.map((r) => normalise(`${r.lastName ?? ""} ${r.firstName ?? ""}`));
    expect(names.filter((n) => n.startsWith("du"))).toEqual([...names.filter((n) => n.startsWith("du"))].sort());
  });

  it("reads the place as a postcode or département prefix, a Corsican département or the start of a city", async () => {
    const isere = await searchAnnuaire(db, { place: "38" });
    expect(isere.rows.map((r) => r.address)).toContain("claire.martin@msp-duval.mssante.fr");
    expect(isere.rows.every((r) => r.postcode?.startsWith("38"))).toBe(true);
    const corse = await searchAnnuaire(db, { place: "2a" });
    expect(corse.rows.length).toBeGreaterThan(0);
    expect(corse.rows.every((r) => r.city === "AJACCIO")).toBe(true);
    const clermont = await searchAnnuaire(db, { place: "clermont-ferrand" });
    expect(clermont.rows.length).toBeGreaterThan(0);
    expect(clermont.rows.every((r) => r.city === "CLERMONT-FERRAND")).toBe(true);
  });

  it("finds an entry directly by RPPS (with or without the leading 8) or by address", async () => {
    expect((await searchAnnuaire(db, { q: "10003456789" })).rows.map((r) => r.address)).toEqual(["jean.dupont@ch-troispics.mssante.fr"]);
    expect((await searchAnnuaire(db, { q: "810003456789" })).rows).toHaveLength(1);
    expect((await searchAnnuaire(db, { q: "Claire.Martin@msp-duval.mssante.fr" })).rows.map((r) => r.address)).toEqual([
      "claire.martin@msp-duval.mssante.fr",
    ]);
  });

  it("never shows a box on the liste rouge", async () => {
    await db.update(mailboxes).set({ hidden: true }).where(eq(mailboxes.address, "claire.martin@msp-duval.mssante.fr"));
    expect((await searchAnnuaire(db, { q: "claire martin" })).rows.map((r) => r.address)).not.toContain(
      "claire.martin@msp-duval.mssante.fr",
    );
    expect((await searchAnnuaire(db, { q: "claire.martin@msp-duval.mssante.fr" })).rows).toEqual([]);
    await db.update(mailboxes).set({ hidden: false }).where(eq(mailboxes.address, "claire.martin@msp-duval.mssante.fr"));
  });

  it.each(['"', "'", "&", "!", ":*", "%", "\u0000", "a & | !b", "(", "<->"])("never fails on %j", async (q) => {
    await expect(searchAnnuaire(db, { q })).resolves.toBeDefined();
  });
});

describe(`annuaire import (${driver})`, () => {
  it("puts a new extraction in place of the previous one, keeping empty first names and cities as such", async () => {
    const handle = await seededHandle();
    const db = handle.db;
    const { stream } = await openExtraction(sample);
    const result = await importDirectory(handle, readExtraction(stream), { ip: null, userAgent: "vitest" });
    expect(result.rows).toBe(4);
    expect((await searchAnnuaire(db, { q: "dupont" })).rows.map((r) => r.address)).toEqual(["jean.dupont@medecin.mssante.fr"]);
    expect((await searchAnnuaire(db, { q: "cardiologie", place: "bordeaux" })).rows).toMatchObject([
      { address: "cardiologie@ch-exemple.mssante.fr", lastName: null },
    ]);
    expect((await searchAnnuaire(db, { q: "claire martin" })).rows).toEqual([]);
  });

  it("leaves the directory in force when the file is refused", async () => {
    const handle = await seededHandle();
    const db = handle.db;
    const before = (await searchAnnuaire(db, { q: "claire martin" })).rows;
    await expect(
      importDirectory(handle, readExtraction(text(`${HEADER}\n${row("a@x.mssante.fr")}\nPER|b\n`)), { ip: null, userAgent: "vitest" }),
    ).rejects.toBeInstanceOf(AnnuaireFormatError);
    expect((await searchAnnuaire(db, { q: "claire martin" })).rows).toEqual(before);
  });
});
