import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db/client";
import { searchForPerson, searchQuery } from "@/db/queries/search";
import { messageReads, messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { addAttachment } from "@/lib/mail/attachments";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { highlight, snippet } from "@/lib/mail/highlight";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

describe("search highlighting", () => {
  it("marks the words that start with a stem, accents and case folded, without a regex from the query", () => {
    expect(highlight("Échographies CARDIAQUES normales", ["echograph", "cardiaqu"])).toEqual([
      { text: "Échographies", mark: true },
      { text: " ", mark: false },
      { text: "CARDIAQUES", mark: true },
      { text: " normales", mark: false },
    ]);
    expect(highlight("a.*(b)[c]", ["a.*("])).toEqual([{ text: "a.*(b)[c]", mark: false }]);
  });

  it("shows the passage around the first match of a long body", () => {
    const body = `${"Bonjour. ".repeat(100)}Résultat de l'échographie ci-joint.${" Cordialement.".repeat(50)}`;
    const passage = snippet(body, ["echograph"]);
    expect(passage.find((r) => r.mark)?.text).toBe("l'échographie");
    expect(passage[0].text.startsWith("…")).toBe(true);
  });

  it("centres the passage on a word that starts with the stem, not on the stem inside another word", () => {
    const body = `${"Bonjour. ".repeat(40)}Une échographie d'abord.${" Rien.".repeat(60)} Puis le graphique joint.${" Fin.".repeat(60)}`;
    expect(
      snippet(body, ["graph"])
        .filter((r) => r.mark)
        .map((r) => r.text),
    ).toEqual(["graphique"]);
  });

  it("finds the word in a body whose accents come decomposed, where folding shortens the text", () => {
    const body = `${"Bonjour. ".repeat(100)}Re\u0301sultat de l'e\u0301chographie ci-joint.${" Cordialement.".repeat(50)}`;
    expect(snippet(body, ["echograph"]).find((r) => r.mark)?.text).toBe("l'e\u0301chographie");
  });

  it("leaves a text that holds no stem as one unmarked run, and an empty one empty", () => {
    expect(highlight("Rien à voir ici", ["echograph"])).toEqual([{ text: "Rien à voir ici", mark: false }]);
    expect(highlight("", ["echograph"])).toEqual([]);
  });
});

describe(`message search (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  const search = async (userId: string, boxId: string, raw: Record<string, string>) =>
    searchForPerson(db, userId, await readAccess(db, userId, boxId), searchQuery.parse(raw));
  const subjects = (r: Awaited<ReturnType<typeof search>>) => r.results.map((m) => m.subject.map((s) => s.text).join(""));

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    const jean = await principalOf(db, d.jean);
    const send = (to: string, subject: string, body: string) =>
      runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to, subject, body });
    expect(
      await send(
        "cardiologie@ch-troispics.mssante.fr",
        "Scintigraphies de contrôle",
        "Les scintigraphies myocardiques de Mme Quenouillère sont normales.",
      ),
    ).toMatchObject({ ok: true });
    expect(
      await send("claire.martin@msp-duval.mssante.fr", "Compte rendu opératoire Z", "Intervention sans complication, hôpital de jour."),
    ).toMatchObject({ ok: true });
    const [copy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.subject, "Compte rendu opératoire Z"), eq(messages.mailboxId, d.jeanBox.id)));
    await db.transaction((tx) => addAttachment(tx, copy.id, { name: "bilan-thyroidien.pdf", bytes: Buffer.from("%PDF-1.4\n%%EOF\n") }));
  });

  it("finds by stem with accents ignored, in subject, body, names and attachment names", async () => {
    for (const q of ["scintigraphie", "SCINTIGRAPHIE", "scintigraphiés", "myocardique", "quenouillere"]) {
      expect(subjects(await search(d.marie.id, d.cardio.id, { q })), q).toEqual(["Scintigraphies de contrôle"]);
    }
    expect(subjects(await search(d.jean.id, d.jeanBox.id, { q: "thyroidien" }))).toEqual(["Compte rendu opératoire Z"]);
    expect(subjects(await search(d.marie.id, d.cardio.id, { q: "Dupont scintigraphie" }))).toEqual(["Scintigraphies de contrôle"]);
    const [hit] = (await search(d.marie.id, d.cardio.id, { q: "scintigraphie" })).results;
    expect(hit.passage.filter((r) => r.mark).map((r) => r.text)).toEqual(["scintigraphies"]);
  });

  it("keeps each copy's search document what its columns make: given once for a send's copies, made again when they change", async () => {
    const stale = async () =>
      rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from messages where search is distinct from mail_search_document(subject, from_name, from_address, "to", cc, attachment_names, body_text)`,
        ),
      )[0].n;
    // The copies stored above (one insert each side of a send, the attachment's name added after) match.
    expect(await stale()).toBe(0);
    const jean = await principalOf(db, d.jean);
    const draftId = crypto.randomUUID();
    const save = (body: string) =>
      runAction(db, jean, meta, saveDraftSpec, { mailboxId: d.jeanBox.id, draftId, subject: "Brouillon", body, autosave: "on" });
    expect(await save("Première version : échocardiographie.")).toMatchObject({ ok: true });
    expect(await save("Seconde version : coronarographie.")).toMatchObject({ ok: true });
    expect(await stale()).toBe(0);
    const [draft] = rowsOf<{ hit: boolean; old: boolean }>(
      await db.execute(
        sql`select search @@ to_tsquery('french', 'coronarographie') as hit, search @@ to_tsquery('french', 'echocardiographie') as old from messages where draft_id = ${draftId}`,
      ),
    );
    expect(draft).toEqual({ hit: true, old: false });
  });

  it("stays within the boxes the person may read", async () => {
    // Claire reads only her own box: Jean's and the cardiology box's copies stay out of reach, even with "all".
    expect(subjects(await search(d.claire.id, d.claireBox.id, { q: "scintigraphie", all: "1" }))).toEqual([]);
    expect(subjects(await search(d.claire.id, d.claireBox.id, { q: "opératoire", all: "1" }))).toEqual(["Compte rendu opératoire Z"]);
    // Marie reads the cardiology box, not Jean's own box.
    const all = await search(d.marie.id, d.cardio.id, { q: "scintigraphie", all: "1" });
    expect(all.results.map((r) => r.mailboxId)).toEqual([d.cardio.id]);
  });

  it("applies the filters: from, to, dates, attachments, unread", async () => {
    const box = d.jeanBox.id;
    expect(subjects(await search(d.jean.id, box, { from: "jean.dupont" })).length).toBeGreaterThanOrEqual(2);
    expect(subjects(await search(d.jean.id, box, { to: "claire" }))).toContain("Compte rendu opératoire Z");
    expect(subjects(await search(d.jean.id, box, { to: "claire" }))).not.toContain("Scintigraphies de contrôle");
    expect(subjects(await search(d.jean.id, box, { q: "compte", attachments: "1" }))).toEqual(["Compte rendu opératoire Z"]);
    expect(subjects(await search(d.jean.id, box, { q: "scintigraphie", after: "2999-01-01" }))).toEqual([]);
    expect(subjects(await search(d.jean.id, box, { q: "scintigraphie", before: "2000-01-01" }))).toEqual([]);
    const [received] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.cardio.id), eq(messages.subject, "Scintigraphies de contrôle")));
    expect(subjects(await search(d.marie.id, d.cardio.id, { q: "scintigraphie", unread: "1" }))).toEqual(["Scintigraphies de contrôle"]);
    await db.insert(messageReads).values({ messageId: received.id, userId: d.marie.id });
    expect(subjects(await search(d.marie.id, d.cardio.id, { q: "scintigraphie", unread: "1" }))).toEqual([]);
    // "%" and "_" in a filter are literal.
    expect(subjects(await search(d.jean.id, box, { from: "%" }))).toEqual([]);
  });

  it("pages a big box newest first alike for words that fill its newest messages and words found only far back", async () => {
    // More messages than the window searched first (db/queries/search.ts): « tachycardie » in every third,
    // « quétiapine » only in the two oldest, beyond the window; « bradycardie » in every hundredth, fewer than a page
    // in the window (20) and the rest (5) beyond it.
    await db.execute(sql`insert into messages (mailbox_id, folder, thread_id, message_id, from_address, "to", size, subject, body_text, received_at)
      select ${d.claireBox.id}, 'inbox', gen_random_uuid(), '<big-' || g || '@msp-duval.mssante.fr>', 'dr.x@medecin.mssante.fr', '[]', 100,
        'Suivi ' || g, case when g <= 2 then 'Quétiapine' when g % 100 = 0 then 'Bradycardie' when g % 3 = 0 then 'Tachycardie sinusale' else 'Bilan normal' end,
        now() - interval '1 day' + g * interval '1 second'
      from generate_series(1, 2500) g`);
    const newest = async (word: string) =>
      (
        await db
          .select({ subject: messages.subject })
          .from(messages)
          .where(and(eq(messages.mailboxId, d.claireBox.id), sql`${messages.search} @@ to_tsquery('french', ${word})`))
          .orderBy(desc(messages.receivedAt), desc(messages.id))
          .limit(100)
      ).map((r) => r.subject);
    const first = await search(d.claire.id, d.claireBox.id, { q: "tachycardie" });
    const second = await search(d.claire.id, d.claireBox.id, { q: "tachycardie", cursor: first.nextCursor! });
    expect([...subjects(first), ...subjects(second)]).toEqual(await newest("tachycardi"));
    expect(subjects(await search(d.claire.id, d.claireBox.id, { q: "quetiapine" }))).toEqual(["Suivi 2", "Suivi 1"]);
    const brady = await search(d.claire.id, d.claireBox.id, { q: "bradycardie" });
    expect(subjects(brady)).toEqual(await newest("bradycardi"));
    expect(subjects(brady)).toHaveLength(25);
    expect(brady.nextCursor).toBeNull();
  });

  it.each([
    '"',
    "'",
    "&",
    "!",
    ":*",
    "%",
    "\u0000",
    "a & | !b",
    "(",
    "<->",
    "-",
    "or",
    '"échographie',
    "écho\u0000graphie",
    "'; drop table messages; --",
  ])("never fails on %j", async (q) => {
    await expect(search(d.jean.id, d.jeanBox.id, { q })).resolves.toBeDefined();
  });
});
