import { and, desc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, delegations, mailboxes, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { loadAccess } from "@/lib/authz/access";
import { createBoxSpec, grantSpec, linkAppSpec, revokeSpec } from "@/lib/delegations/specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`delegation rules (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const person = async (login: string, structureId = d.jean.structureId, role: "secretary" | "professional" = "secretary") =>
    (await db.insert(users).values({ structureId, login, firstName: "Test", lastName: login, role }).returning())[0];
  const liveGrants = (mailboxId: string, userId: string) =>
    db
      .select()
      .from(delegations)
      .where(and(eq(delegations.mailboxId, mailboxId), eq(delegations.userId, userId), isNull(delegations.revokedAt)));
  const lastAudit = async (action: string) =>
    (await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

  it("grants, then changes, keeping history and tracing rights before and after", async () => {
    const sophie = await principalOf(db, d.sophie);
    const paul = await person("paul.test");
    expect(await runAction(db, sophie, meta, grantSpec, { mailboxId: d.cardio.id, userId: paul.id, rights: "read" })).toMatchObject({
      ok: true,
    });
    expect(await lastAudit("delegation.grant")).toMatchObject({
      actorUserId: d.sophie.id,
      mailboxId: d.cardio.id,
      metadata: { grantee: paul.id, rightsBefore: [], rightsAfter: ["read"], validUntil: null },
    });
    const result = await runAction(db, sophie, meta, grantSpec, {
      mailboxId: d.cardio.id,
      userId: paul.id,
      rights: ["send", "read"],
      until: "2099-12-31",
    });
    expect(result.ok).toBe(true);
    const live = await liveGrants(d.cardio.id, paul.id);
    expect(live).toHaveLength(1);
    expect(live[0].rights).toEqual(["read", "send"]);
    expect(live[0].validUntil?.toISOString()).toBe("2099-12-31T23:00:00.000Z"); // midnight in Paris, winter time
    const all = await db.select().from(delegations).where(eq(delegations.userId, paul.id));
    expect(all).toHaveLength(2);
    expect(await lastAudit("delegation.grant")).toMatchObject({ metadata: { rightsBefore: ["read"], rightsAfter: ["read", "send"] } });

    expect(await runAction(db, sophie, meta, revokeSpec, { mailboxId: d.cardio.id, delegationId: live[0].id })).toMatchObject({ ok: true });
    expect(await liveGrants(d.cardio.id, paul.id)).toHaveLength(0);
    expect(await loadAccess(db, paul.id, d.cardio.id)).toBeNull();
    expect(await lastAudit("delegation.revoke")).toMatchObject({
      metadata: { grantee: paul.id, rightsBefore: ["read", "send"], rightsAfter: [] },
    });
  });

  it("lets nobody change their own rights", async () => {
    const marie = await principalOf(db, d.marie);
    await db
      .update(delegations)
      .set({ rights: ["read", "edit", "send", "manage"] })
      .where(eq(delegations.userId, d.marie.id));
    const own = await runAction(db, marie, meta, grantSpec, { mailboxId: d.cardio.id, userId: d.marie.id, rights: ["read"] });
    expect(own).toMatchObject({ ok: false, error: "Vous ne pouvez pas modifier vos propres droits." });
    const [grant] = await liveGrants(d.cardio.id, d.marie.id);
    expect(await runAction(db, marie, meta, revokeSpec, { mailboxId: d.cardio.id, delegationId: grant.id })).toMatchObject({ ok: false });
    await db
      .update(delegations)
      .set({ rights: ["read", "edit", "send"] })
      .where(eq(delegations.userId, d.marie.id));
  });

  it("refuses a grant beyond the granter's own rights", async () => {
    const holder = await person("gestionnaire.test");
    await db.insert(delegations).values({ mailboxId: d.cardio.id, userId: holder.id, rights: ["read", "manage"] });
    const granter = await principalOf(db, holder);
    const grantee = await person("cible.test");
    const result = await runAction(db, granter, meta, grantSpec, { mailboxId: d.cardio.id, userId: grantee.id, rights: ["read", "send"] });
    expect(result).toMatchObject({ ok: false, fieldErrors: { rights: [expect.stringContaining("un droit que vous ne détenez pas")] } });
    expect(await liveGrants(d.cardio.id, grantee.id)).toHaveLength(0);
    expect(await runAction(db, granter, meta, grantSpec, { mailboxId: d.cardio.id, userId: grantee.id, rights: ["read"] })).toMatchObject({
      ok: true,
    });
  });

  it("lets a clinician delegate his nominative box for reading, drafts and sending, never its management", async () => {
    const jean = await principalOf(db, d.jean);
    const secretary = await person("secretaire.jean");
    const manage = await runAction(db, jean, meta, grantSpec, {
      mailboxId: d.jeanBox.id,
      userId: secretary.id,
      rights: ["read", "manage"],
    });
    expect(manage.ok).toBe(false);
    const ok = await runAction(db, jean, meta, grantSpec, {
      mailboxId: d.jeanBox.id,
      userId: secretary.id,
      rights: ["read", "edit", "send"],
    });
    expect(ok.ok).toBe(true);
    expect([...(await loadAccess(db, secretary.id, d.jeanBox.id))!.rights]).toEqual(["read", "edit", "send"]);
  });

  it("refuses a person of another structure as not found", async () => {
    const sophie = await principalOf(db, d.sophie);
    const result = await runAction(db, sophie, meta, grantSpec, { mailboxId: d.cardio.id, userId: d.claire.id, rights: "read" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { userId: ["Choisissez une personne de la structure."] } });
  });

  it.each([
    [{ rights: undefined }, "rights", "Cochez au moins un droit."],
    [{ rights: ["read", "root"] }, "rights", "Droit inconnu."],
    [{ until: "2020-01-01" }, "until", "La date de fin doit être dans le futur."],
    [{ until: "31/12/2099" }, "until", "Date de fin invalide."],
  ])("refuses %j in French and changes nothing", async (patch, field, message) => {
    const sophie = await principalOf(db, d.sophie);
    const grantee = await person(`refus-${crypto.randomUUID().slice(0, 6)}`);
    const result = await runAction(db, sophie, meta, grantSpec, { mailboxId: d.cardio.id, userId: grantee.id, rights: "read", ...patch });
    expect(result.fieldErrors?.[field]).toContain(message);
    expect(await liveGrants(d.cardio.id, grantee.id)).toHaveLength(0);
  });

  it("never takes away a box's last manager", async () => {
    const sophie = await principalOf(db, d.sophie);
    const keeper = await person("gardien.app");
    expect((await runAction(db, sophie, meta, grantSpec, { mailboxId: d.app.id, userId: keeper.id, rights: ["manage"] })).ok).toBe(true);
    const [grant] = await liveGrants(d.app.id, keeper.id);
    const revoke = await runAction(db, sophie, meta, revokeSpec, { mailboxId: d.app.id, delegationId: grant.id });
    expect(revoke).toMatchObject({ ok: false, error: expect.stringContaining("au moins un gestionnaire") });
    expect((await liveGrants(d.app.id, keeper.id))[0].rights).toEqual(["manage"]);
    // With a second manager, the first may go.
    const second = await person("second.app");
    await runAction(db, sophie, meta, grantSpec, { mailboxId: d.app.id, userId: second.id, rights: ["manage"] });
    expect((await runAction(db, sophie, meta, revokeSpec, { mailboxId: d.app.id, delegationId: grant.id })).ok).toBe(true);
  });

  it("grants only the management of an applicative box: its mail is its software's", async () => {
    const sophie = await principalOf(db, d.sophie);
    const reader = await person(`lecteur-app-${crypto.randomUUID().slice(0, 6)}`);
    for (const rights of [["read"], ["send"], ["edit", "manage"]]) {
      const result = await runAction(db, sophie, meta, grantSpec, { mailboxId: d.app.id, userId: reader.id, rights });
      expect(result).toMatchObject({ ok: false, code: "not_allowed" });
    }
    expect(await liveGrants(d.app.id, reader.id)).toHaveLength(0);
  });

  it("creates a shared box on the structure's domain with its responsible, address immutable", async () => {
    const sophie = await principalOf(db, d.sophie);
    const result = await runAction(db, sophie, meta, createBoxSpec, {
      localPart: "Pneumologie",
      displayName: "Pneumologie — CH des Trois Pics",
      responsibleUserId: d.jean.id,
    });
    expect(result).toMatchObject({ ok: true });
    const [box] = await db.select().from(mailboxes).where(eq(mailboxes.address, "pneumologie@ch-troispics.mssante.fr"));
    expect(box).toMatchObject({ type: "ORG", responsibleUserId: d.jean.id, structureId: d.sophie.structureId });
    expect(await lastAudit("mailbox.create")).toMatchObject({ mailboxId: box.id, target: box.id, metadata: { type: "ORG" } });
    const again = await runAction(db, sophie, meta, createBoxSpec, {
      localPart: "pneumologie",
      displayName: "Doublon",
      responsibleUserId: d.jean.id,
    });
    expect(again.fieldErrors?.localPart).toEqual(["L'adresse « pneumologie@ch-troispics.mssante.fr » existe déjà."]);
  });

  it.each(["card io", ".cardio", "cardio.", "cardio..x", "cardio@evil.com", "cardiologié", "x".repeat(65), ""])(
    "refuses the local part %j",
    async (localPart) => {
      const sophie = await principalOf(db, d.sophie);
      const result = await runAction(db, sophie, meta, createBoxSpec, { localPart, displayName: "Service", responsibleUserId: d.jean.id });
      expect(result.ok).toBe(false);
      expect(result.fieldErrors?.localPart?.[0]).toMatch(/^Adresse invalide/);
    },
  );

  it("refuses a responsible who is not a professional of the structure", async () => {
    const sophie = await principalOf(db, d.sophie);
    for (const responsibleUserId of [d.marie.id, d.claire.id]) {
      const result = await runAction(db, sophie, meta, createBoxSpec, {
        localPart: `svc${crypto.randomUUID().slice(0, 4)}`,
        displayName: "Service",
        responsibleUserId,
      });
      expect(result.fieldErrors?.responsibleUserId).toEqual(["Choisissez un professionnel de la structure comme responsable."]);
    }
  });

  it("links an applicative box to a shared box of the same structure only", async () => {
    const sophie = await principalOf(db, d.sophie);
    expect((await runAction(db, sophie, meta, linkAppSpec, { appMailboxId: d.app.id, orgMailboxId: d.cardio.id })).ok).toBe(true);
    const foreign = await runAction(db, sophie, meta, linkAppSpec, { appMailboxId: d.app.id, orgMailboxId: d.claireBox.id });
    expect(foreign.ok).toBe(false);
    const luc = await principalOf(db, (await db.select().from(users).where(eq(users.login, "luc.moreau")))[0]);
    expect((await runAction(db, luc, meta, linkAppSpec, { appMailboxId: d.app.id, orgMailboxId: d.cardio.id })).error).toMatch(
      /^Introuvable/,
    );
  });
});
