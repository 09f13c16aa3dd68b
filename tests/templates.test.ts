import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { templatesOf } from "@/db/queries/templates";
import { replyTemplates } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { fillTemplate } from "@/lib/templates/placeholders";
import { deleteTemplateSpec, saveTemplateSpec } from "@/lib/templates/specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

describe(`« réponses types » (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("are kept by those who manage the box, and offered to everyone who writes from it", async () => {
    const sophie = await principalOf(db, d.sophie);
    const saved = await runAction(db, sophie, meta, saveTemplateSpec, {
      mailboxId: d.cardio.id,
      name: "Compte rendu reçu",
      body: "Bonjour {nom},\n\nNous avons bien reçu le compte rendu.",
    });
    expect(saved).toMatchObject({ ok: true, result: { templateId: expect.any(String) } });
    const offered = await templatesOf(db, [await readAccess(db, d.marie.id, d.cardio.id)]);
    expect(offered.map((m) => m.name)).toContain("Compte rendu reçu");
    // Changed under its id, then deleted.
    const templateId = String(saved.result!.templateId);
    expect(
      (
        await runAction(db, sophie, meta, saveTemplateSpec, {
          mailboxId: d.cardio.id,
          templateId,
          name: "Compte rendu bien reçu",
          body: "Merci.",
        })
      ).ok,
    ).toBe(true);
    expect((await db.select().from(replyTemplates).where(eq(replyTemplates.id, templateId)))[0]).toMatchObject({
      name: "Compte rendu bien reçu",
      body: "Merci.",
    });
    expect((await runAction(db, sophie, meta, deleteTemplateSpec, { mailboxId: d.cardio.id, templateId })).ok).toBe(true);
    expect(await db.select().from(replyTemplates).where(eq(replyTemplates.id, templateId))).toEqual([]);
  });

  it("refuses, in French and changing nothing: a secretary without `manage`, a name taken whatever its case, an empty text", async () => {
    const before = (await db.select().from(replyTemplates)).length;
    const marie = await principalOf(db, d.marie);
    expect(await runAction(db, marie, meta, saveTemplateSpec, { mailboxId: d.cardio.id, name: "À moi", body: "Texte" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    const sophie = await principalOf(db, d.sophie);
    expect(
      await runAction(db, sophie, meta, saveTemplateSpec, { mailboxId: d.cardio.id, name: "confirmation DE RENDEZ-VOUS", body: "Texte" }),
    ).toMatchObject({
      ok: false,
      code: "conflict",
      fieldErrors: { name: ["Une réponse type « confirmation DE RENDEZ-VOUS » existe déjà pour cette boîte."] },
    });
    expect(await runAction(db, sophie, meta, saveTemplateSpec, { mailboxId: d.cardio.id, name: "Vide", body: "" })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["Écrivez le texte de la réponse type."] },
    });
    // Another box's template, through this box: as missing.
    const [mine] = await db.select().from(replyTemplates).where(eq(replyTemplates.mailboxId, d.cardio.id));
    const jean = await principalOf(db, d.jean);
    expect(await runAction(db, jean, meta, deleteTemplateSpec, { mailboxId: d.jeanBox.id, templateId: mine.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect((await db.select().from(replyTemplates)).length).toBe(before);
  });

  it("fills « {nom} » with the first recipient's name as typed, or the address", () => {
    expect(fillTemplate("Bonjour {nom},", "Dr Antoine Leroy <antoine.leroy@medecin.mssante.fr>, autre@x.mssante.fr")).toBe(
      "Bonjour Dr Antoine Leroy,",
    );
    expect(fillTemplate("Bonjour {nom},", '"Leroy, Antoine" <antoine.leroy@medecin.mssante.fr>')).toBe("Bonjour Leroy, Antoine,");
    expect(fillTemplate("Bonjour {nom},", "secretariat@ch-exemple.mssante.fr")).toBe("Bonjour secretariat@ch-exemple.mssante.fr,");
  });
});
