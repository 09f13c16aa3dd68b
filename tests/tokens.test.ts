import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditPage } from "@/db/queries/audit";
import { delegationsOverview } from "@/db/queries/delegations";
import { apiTokens, auditLog, mailboxes, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { apiSendSpec } from "@/lib/api/message-spec";
import { createTokenSpec, revokeTokenSpec } from "@/lib/api/token-specs";
import { authenticateToken } from "@/lib/api/tokens";
import { auditActorLabel } from "@/lib/audit/actor-label";
import type { Principal } from "@/lib/auth/principal";
import { loadActorAccess } from "@/lib/authz/access";
import { fr } from "@/lib/i18n/fr";
import { parisDay } from "@/lib/i18n/format";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

const t = fr.tokens.errors;

/** A seeded database of its own, and the managers of the two structures. */
async function managers() {
  const db = await seededDatabase();
  const d = await demo(db);
  const sophie = await principalOf(db, d.sophie);
  const luc = await principalOf(db, (await db.select().from(users).where(eq(users.login, "luc.moreau")))[0]);
  return { db, d, sophie, luc };
}

describe(`API tokens on the Délégations screen (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let sophie: Principal;
  let luc: Principal;

  beforeAll(async () => ({ db, d, sophie, luc } = await managers()));

  const create = (who: Principal, raw: Record<string, unknown>) => runAction(db, who, meta, createTokenSpec, raw);
  const revoke = (who: Principal, mailboxId: string, tokenId: string) => runAction(db, who, meta, revokeTokenSpec, { mailboxId, tokenId });
  const tokenRow = async (id: string) => (await db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0];
  const tokensShown = async (who: Principal, mailboxId: string) =>
    (await delegationsOverview(db, who)).find((box) => box.id === mailboxId)?.tokens ?? null;
  const lastAudit = async (action: string) =>
    (await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];
  const tokenCount = async () => (await db.select({ id: apiTokens.id }).from(apiTokens)).length;

  it("hands the secret back once and keeps only its SHA-256; the screen shows the prefix", async () => {
    const result = await create(sophie, { mailboxId: d.app.id, label: "DPI cardiologie", until: "" });
    expect(result).toMatchObject({ ok: true });
    const secret = result.secret!;
    expect(secret).toMatch(/^mss_[A-Za-z0-9_-]{43}$/);

    const row = await tokenRow(result.target!);
    expect(row).toMatchObject({
      mailboxId: d.app.id,
      label: "DPI cardiologie",
      secretHash: createHash("sha256").update(secret).digest("hex"),
      prefix: secret.slice(0, 10),
      createdBy: d.sophie.id,
      expiresAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(secret);

    const shown = await tokensShown(sophie, d.app.id);
    expect(shown?.find((token) => token.id === row.id)).toMatchObject({
      label: "DPI cardiologie",
      prefix: secret.slice(0, 10),
      createdBy: "Sophie Bernard",
      expiresAt: null,
      lastUsedAt: null,
      status: "active",
    });
    // What the page reads afterwards has neither the secret nor its hash.
    const page = JSON.stringify(await delegationsOverview(db, sophie));
    expect(page).not.toContain(secret);
    expect(page).not.toContain(row.secretHash);

    expect(await authenticateToken(db, secret)).toMatchObject({ type: "token", tokenId: row.id, mailboxId: d.app.id });
    expect((await tokensShown(sophie, d.app.id))?.find((token) => token.id === row.id)?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("revokes: the token no longer authenticates, its access is gone, and it shows as revoked", async () => {
    const created = await create(sophie, { mailboxId: d.app.id, label: "Laboratoire" });
    const actor = (await authenticateToken(db, created.secret!))!;
    expect(await loadActorAccess(db, actor, d.app.id)).not.toBeNull();

    expect(await revoke(sophie, d.app.id, created.target!)).toMatchObject({ ok: true });
    expect(await tokenRow(created.target!)).toMatchObject({ revokedBy: d.sophie.id, revokedAt: expect.any(Date) });
    expect(await authenticateToken(db, created.secret!)).toBeNull();
    expect(await loadActorAccess(db, actor, d.app.id)).toBeNull();
    expect((await tokensShown(sophie, d.app.id))?.find((token) => token.id === created.target)).toMatchObject({
      status: "revoked",
      revokedBy: "Sophie Bernard",
    });
    // Once is enough: a second revocation finds nothing to revoke.
    expect(await revoke(sophie, d.app.id, created.target!)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("an expired token no longer authenticates, and its access is gone", async () => {
    const created = await create(sophie, { mailboxId: d.app.id, label: "Imagerie", until: parisDay(new Date()) });
    expect(created.ok).toBe(true);
    expect((await tokenRow(created.target!)).expiresAt!.getTime()).toBeGreaterThan(Date.now());
    const actor = (await authenticateToken(db, created.secret!))!;
    expect(await loadActorAccess(db, actor, d.app.id)).not.toBeNull();

    // Its last day has passed.
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, created.target!));
    expect(await authenticateToken(db, created.secret!)).toBeNull();
    expect(await loadActorAccess(db, actor, d.app.id)).toBeNull();
    expect((await tokensShown(sophie, d.app.id))?.find((token) => token.id === created.target)?.status).toBe("expired");
  });

  it("answers 'introuvable' to whoever does not manage the applicative box", async () => {
    const [token] = await db.select().from(apiTokens).where(eq(apiTokens.mailboxId, d.app.id)).limit(1);
    const before = await tokenCount();
    for (const who of [await principalOf(db, d.jean), await principalOf(db, d.marie), luc]) {
      expect(await create(who, { mailboxId: d.app.id, label: "Intrus" })).toMatchObject({
        ok: false,
        code: "not_found",
        error: fr.errors.notFound,
      });
      expect(await revoke(who, d.app.id, token.id)).toMatchObject({ ok: false, code: "not_found" });
      expect(await tokensShown(who, d.app.id)).toBeNull();
    }
    expect(await tokenCount()).toBe(before);
    expect((await tokenRow(token.id)).revokedAt).toBeNull();
  });

  it("refuses a token on another kind of box, an end in the past, and a missing name", async () => {
    const before = await tokenCount();
    expect(await create(sophie, { mailboxId: d.cardio.id, label: "DPI" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      error: t.notApplicative,
    });
    expect(await create(sophie, { mailboxId: d.app.id, label: "DPI", until: "2020-01-31" })).toMatchObject({
      ok: false,
      fieldErrors: { until: [t.pastDate] },
    });
    expect(await create(sophie, { mailboxId: d.app.id, label: "  " })).toMatchObject({ ok: false, fieldErrors: { label: [t.label] } });
    expect(await tokenCount()).toBe(before);
    // A token of one box cannot be revoked through another box the person manages.
    const [token] = await db.select().from(apiTokens).where(eq(apiTokens.mailboxId, d.app.id)).limit(1);
    expect(await revoke(sophie, d.cardio.id, token.id)).toMatchObject({ ok: false, code: "not_found" });
    // Other boxes list no tokens at all.
    expect(await tokensShown(sophie, d.cardio.id)).toBeNull();
  });

  it("traces creation and revocation with codes and ids only: no name, no secret", async () => {
    const created = await create(sophie, { mailboxId: d.app.id, label: "Secret de la pharmacie", until: "2099-06-30" });
    const creation = await lastAudit("token.create");
    expect(creation).toMatchObject({
      actorUserId: d.sophie.id,
      actorType: "person",
      mailboxId: d.app.id,
      target: created.target,
      result: "success",
      metadata: { expires: true },
    });
    await revoke(sophie, d.app.id, created.target!);
    const revocation = await lastAudit("token.revoke");
    expect(revocation).toMatchObject({ actorUserId: d.sophie.id, mailboxId: d.app.id, target: created.target, result: "success" });
    await create(sophie, { mailboxId: d.app.id, label: "Secret de la pharmacie", until: "2020-01-31" });
    expect(await lastAudit("token.create")).toMatchObject({ result: "refused", reason: "invalid_input", metadata: { fields: ["until"] } });

    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.mailboxId, d.app.id)));
    const written = JSON.stringify(rows);
    expect(written).not.toContain("pharmacie");
    expect(written).not.toContain(created.secret!);
    expect(written).not.toContain(created.secret!.slice(0, 10));
  });
});

describe(`software in the audit journal (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let sophie: Principal;
  let luc: Principal;

  beforeAll(async () => ({ db, d, sophie, luc } = await managers()));

  const softwareOf = async (who: Principal, structureId: string, label: string) => {
    const [box] = await db
      .select()
      .from(mailboxes)
      .where(and(eq(mailboxes.type, "APP"), eq(mailboxes.structureId, structureId)));
    const created = await runAction(db, who, meta, createTokenSpec, { mailboxId: box.id, label });
    return (await authenticateToken(db, created.secret!))!;
  };
  const journal = async (who: Principal) =>
    (await auditPage(db, who, {})).rows.filter((r) => r.actorType === "token").map((r) => `${r.mailbox ?? "—"} ${auditActorLabel(r)}`);

  it("names the structure's software, shows its traces anywhere, and shows none of them to another structure", async () => {
    await db.insert(mailboxes).values({
      address: "dpi@msp-duval.mssante.fr",
      type: "APP",
      structureId: luc.structureId,
      displayName: "DPI de la maison de santé",
      linkedMailboxId: d.claireBox.id,
    });
    const chSoftware = await softwareOf(sophie, sophie.structureId, "DPI Trois Pics");
    const mspSoftware = await softwareOf(luc, luc.structureId, "DPI Val");
    const chPrefix = (await db.select().from(apiTokens).where(eq(apiTokens.id, chSoftware.tokenId)))[0].prefix;
    const mspPrefix = (await db.select().from(apiTokens).where(eq(apiTokens.id, mspSoftware.tokenId)))[0].prefix;

    // Refused requests of each structure's software: naming no box, and one trying the other structure's box.
    await runAction(db, chSoftware, meta, apiSendSpec, {});
    await runAction(db, chSoftware, meta, apiSendSpec, { mailboxId: d.claireBox.id });
    await runAction(db, mspSoftware, meta, apiSendSpec, {});

    expect((await journal(sophie)).sort()).toEqual(
      [`— Logiciel : DPI Trois Pics (${chPrefix}…)`, `${d.claireBox.address} Logiciel : DPI Trois Pics (${chPrefix}…)`].sort(),
    );
    // The other structure sees what touched its own box, but not the name of software that is not its own.
    expect((await journal(luc)).sort()).toEqual(
      [`— Logiciel : DPI Val (${mspPrefix}…)`, `${d.claireBox.address} ${fr.audit.otherSoftware}`].sort(),
    );
  });
});
