import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { findDraft } from "@/db/queries/drafts";
import { auditLog, mailboxes, messages, outbox } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { forwardSpec, saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { cleanComposedHtml, composedBody } from "@/lib/mail/composed-html";
import { replyDraft } from "@/lib/mail/prefill";
import { signatureFor } from "@/lib/mail/signature";
import { saveSignatureSpec, SIGNATURE_MAX } from "@/lib/mail/signature-spec";
import { textToHtml } from "@/lib/mail/text-paragraphs";
import { blobStore } from "@/lib/storage/blobs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

const WRITTEN =
  '<p>Bonjour <strong>Docteur</strong>,</p><ul><li><p>ECG normal</p></li><li><p>Holter à prévoir</p></li></ul><p>Voir <a href="https://has-sante.fr/reco">la recommandation</a>.</p>';

describe("HTML written in compose", () => {
  it("keeps only what the editor writes, whoever posts it", () => {
    const dirty =
      '<p class="MsoNormal" style="color:red" onclick="steal()">Texte<script>alert(1)</script><img src="https://tracker.example/x.png"></p>' +
      '<a href="javascript:alert(1)">piège</a><a href="https://ok.example/" target="_self" style="x">bon</a><style>p{}</style><iframe src="https://x"></iframe>' +
      '<table style="width:1px"><colgroup><col style="min-width:25px"></colgroup><tbody><tr><td colspan="2" class="c"><p>cellule</p></td></tr></tbody></table>';
    expect(cleanComposedHtml(dirty)).toBe(
      '<p>Texte</p><a>piège</a><a href="https://ok.example/">bon</a><table><tbody><tr><td colspan="2"><p>cellule</p></td></tr></tbody></table>',
    );
  });

  it("has a text part faithful to it: list marks, link addresses, quotes and table columns", () => {
    const { text } = composedBody(
      `${WRITTEN}<blockquote><p>Le 3 mars, Dr A a écrit :</p><p>cité</p></blockquote><table><tbody><tr><th><p>Produit</p></th><th><p>Dose</p></th></tr><tr><td><p>Aspirine</p></td><td><p>100 mg</p></td></tr></tbody></table>`,
    );
    expect(text).toContain("Bonjour Docteur,\n\n- ECG normal\n- Holter à prévoir\n\nVoir la recommandation <https://has-sante.fr/reco>.");
    expect(text).toContain("> Le 3 mars, Dr A a écrit :\n> \n> cité");
    expect(text).toMatch(/Produit\s+Dose\nAspirine\s+100 mg/);
  });

  it("turns plain text into paragraphs, escaped", () => {
    expect(textToHtml("a <b> & c\nd\n\ne")).toBe("<p>a &lt;b&gt; &amp; c<br>d</p><p>e</p>");
  });

  it("quotes the answered message as a block: its text, or its HTML reduced to what the editor writes", () => {
    const original = {
      folder: "inbox",
      fromAddress: "a@x.mssante.fr",
      fromName: "Dr A",
      to: [],
      cc: [],
      replyTo: [],
      subject: "Avis",
      bodyText: "Ligne 1\n<Ligne 2>",
      receivedAt: new Date("2026-03-03T09:00:00Z"),
    };
    expect(replyDraft({ ...original, bodyHtmlSafe: null }).html).toMatch(/<blockquote><p>Ligne 1<br>&lt;Ligne 2&gt;<\/p><\/blockquote>$/);
    expect(
      replyDraft({ ...original, bodyHtmlSafe: '<p style="color:red"><b>Gras</b><img src="data:image/png;base64,AA"></p>' }).html,
    ).toMatch(/<blockquote><p><b>Gras<\/b><\/p><\/blockquote>$/);
  });
});

describe(`rich text through the gate (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("leaves as multipart/alternative, lands here as HTML with the text drawn from it, never the text posted beside it", async () => {
    const jean = await principalOf(db, d.jean);
    const sent = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: `${d.claireBox.address}, confrere@medecin.mssante.fr`,
      subject: "Avis mis en forme",
      body: "un autre texte, ignoré",
      html: `${WRITTEN}<script>alert(1)</script>`,
    });
    expect(sent.ok).toBe(true);
    const [received] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.claireBox.id), eq(messages.subject, "Avis mis en forme")));
    expect(received).toMatchObject({ htmlComposed: true, bodyHtml: WRITTEN });
    expect(received.bodyText).toContain("- ECG normal\n- Holter à prévoir");
    expect(received.bodyText).not.toContain("ignoré");
    // Shown in the page: a web link opens a new tab, and nothing else was added.
    expect(received.bodyHtmlSafe).toContain('<a href="https://has-sante.fr/reco" target="_blank" rel="noopener noreferrer nofollow">');

    const [queued] = await db.select().from(outbox).where(eq(outbox.recipient, "confrere@medecin.mssante.fr"));
    const raw = (await blobStore.get(db, queued.rawSha256))!;
    expect(raw.toString("utf8")).toMatch(/^Content-Type: multipart\/alternative/im);
    const parsed = await simpleParser(raw);
    expect(parsed.html).toContain("<strong>Docteur</strong>");
    expect(parsed.html).not.toContain("script");
    expect(parsed.text).toContain("- ECG normal\n- Holter à prévoir");
  });

  it("plain text stays plain: one text part, no HTML", async () => {
    const jean = await principalOf(db, d.jean);
    expect(
      (
        await runAction(db, jean, meta, sendSpec, {
          mailboxId: d.jeanBox.id,
          to: "confrere@medecin.mssante.fr",
          subject: "Texte brut",
          body: "Bonjour",
        })
      ).ok,
    ).toBe(true);
    const [copy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, "Texte brut")));
    expect(copy).toMatchObject({ bodyHtml: null, htmlComposed: false, bodyText: "Bonjour" });
  });

  it("keeps a draft's formatting, and drops it when the draft is saved again as plain text", async () => {
    const jean = await principalOf(db, d.jean);
    const draftId = crypto.randomUUID();
    const save = (fields: Record<string, string>) =>
      runAction(db, jean, meta, saveDraftSpec, {
        mailboxId: d.jeanBox.id,
        draftId,
        subject: "Brouillon mis en forme",
        autosave: "on",
        ...fields,
      });
    expect((await save({ html: WRITTEN })).ok).toBe(true);
    const access = await readAccess(db, d.jean.id, d.jeanBox.id);
    expect(await findDraft(db, access, draftId)).toMatchObject({ bodyHtml: WRITTEN, bodyText: expect.stringContaining("- ECG normal") });
    expect((await save({ body: "Juste du texte" })).ok).toBe(true);
    expect(await findDraft(db, access, draftId)).toMatchObject({ bodyHtml: null, bodyText: "Juste du texte" });
    const [row] = await db.select().from(messages).where(eq(messages.draftId, draftId));
    expect(row).toMatchObject({ bodyHtmlSafe: null, htmlComposed: false });
  });

  it("forwards a formatted message with its formatting, in a draft written with the editor", async () => {
    const claire = await principalOf(db, d.claire);
    const [received] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.claireBox.id), eq(messages.subject, "Avis mis en forme")));
    const result = await runAction(db, claire, meta, forwardSpec, { mailboxId: d.claireBox.id, messageId: received.id });
    const draftId = result.redirectTo!.split("draft=")[1];
    const draft = await findDraft(db, await readAccess(db, d.claire.id, d.claireBox.id), draftId);
    expect(draft!.bodyHtml).toContain("<p>-------- Message transféré --------<br>De : ");
    expect(draft!.bodyHtml).toContain("<li><p>ECG normal</p></li>");
    expect(draft!.bodyText).toContain("Holter à prévoir");
  });

  it("refuses a body beyond the limit in French, changing nothing", async () => {
    const jean = await principalOf(db, d.jean);
    const before = (await db.select().from(messages)).length;
    const result = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: d.claireBox.address,
      subject: "Trop long",
      html: `<p>${"x".repeat(1_000_001)}</p>`,
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { html: ["Le message est trop long."] } });
    expect((await db.select().from(messages)).length).toBe(before);
  });
});

describe(`a box's own signature (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("is written by those who manage the box, cleaned, audited, and signs its messages; emptied, the annuaire signs again", async () => {
    const sophie = await principalOf(db, d.sophie);
    const generated = await signatureFor(db, d.cardio.id);
    expect(generated.text).toMatch(/^-- \nCardiologie/);
    const saved = await runAction(db, sophie, meta, saveSignatureSpec, {
      mailboxId: d.cardio.id,
      html: '<p><strong>Secrétariat de cardiologie</strong><br>Poste 4512</p><p style="x"><img src="https://t.example/p.png">Lun.–ven. 8 h–18 h</p>',
    });
    expect(saved.ok).toBe(true);
    const signature = await signatureFor(db, d.cardio.id);
    expect(signature.html).toBe("<p>-- </p><p><strong>Secrétariat de cardiologie</strong><br />Poste 4512</p><p>Lun.–ven. 8 h–18 h</p>");
    expect(signature.text).toBe("-- \nSecrétariat de cardiologie\nPoste 4512\n\nLun.–ven. 8 h–18 h");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "signature.save"), eq(auditLog.target, d.cardio.id)));
    expect(audit).toMatchObject({ actorUserId: d.sophie.id, result: "success", metadata: { own: true } });

    expect((await runAction(db, sophie, meta, saveSignatureSpec, { mailboxId: d.cardio.id, html: "<p> </p>" })).ok).toBe(true);
    expect(await signatureFor(db, d.cardio.id)).toEqual(generated);
  });

  it("is refused, changing nothing: as missing to a secretary without `manage` and on a software box, in French beyond its length", async () => {
    const marie = await principalOf(db, d.marie);
    expect(await runAction(db, marie, meta, saveSignatureSpec, { mailboxId: d.cardio.id, html: "<p>À moi</p>" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    const sophie = await principalOf(db, d.sophie);
    expect(await runAction(db, sophie, meta, saveSignatureSpec, { mailboxId: d.app.id, html: "<p>Logiciel</p>" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await runAction(db, sophie, meta, saveSignatureSpec, { mailboxId: d.cardio.id, html: `<p>${"x".repeat(SIGNATURE_MAX)}</p>` }),
    ).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { html: [expect.stringMatching(/^La signature dépasse 20\s000 caractères\.$/)] },
    });
    const rows = await db.select({ signature: mailboxes.signatureHtml }).from(mailboxes);
    expect(rows.every((r) => r.signature === null)).toBe(true);
  });
});
