import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { apiTokens, auditLog, mailboxes, structures } from "@/db/schema";
import { apiSendSpec } from "@/lib/api/message-spec";
import { createTokenSpec } from "@/lib/api/token-specs";
import { authenticateToken } from "@/lib/api/tokens";
import { runAction, type ActionSpec } from "@/lib/actions/run";
import type { Actor, TokenActor } from "@/lib/auth/actor";
import { loadActorAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";
import { grantSpec } from "@/lib/delegations/specs";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import type { z } from "@/lib/validation";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";
import { tokenFor } from "./token-fixture";

/**
 * The actor union in the authorisation rules: software holding a token may do
 * only what its applicative box allows (send from it, follow what it sent),
 * never open anyone's box, never act in another structure, never take a
 * person's action; and people only manage an applicative box.
 */
describe(`actors: people and tokens (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let token: TokenActor;
  let otherStructureApp: string;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    token = (await tokenFor(db, d.app.id, d.sophie.id)).actor;
    const [neighbour] = await db.insert(structures).values({ name: "CH voisin", domain: "ch-voisin.mssante.fr" }).returning();
    const [accueil] = await db
      .insert(mailboxes)
      .values({ address: "accueil@ch-voisin.mssante.fr", type: "ORG", structureId: neighbour.id, displayName: "Accueil" })
      .returning();
    const [app] = await db
      .insert(mailboxes)
      .values({
        address: "dpi@ch-voisin.mssante.fr",
        type: "APP",
        structureId: neighbour.id,
        displayName: "DPI",
        linkedMailboxId: accueil.id,
      })
      .returning();
    otherStructureApp = app.id;
  });

  const act = <S extends z.ZodType, G extends object>(actor: Actor, spec: ActionSpec<S, G>, raw: Record<string, unknown>) =>
    runAction(db, actor, meta, spec, raw);
  const apiSend = (actor: Actor, mailboxId: string) =>
    act(actor, apiSendSpec, {
      mailboxId,
      to: ["jean.dupont@ch-troispics.mssante.fr"],
      subject: "Compte rendu",
      body: ".",
      idempotency: { key: crypto.randomUUID(), fingerprint: "f" },
    });
  const reads = async (actor: Actor, mailboxId: string) => can(await loadActorAccess(db, actor, mailboxId), "mailbox.read");
  const tokenRefusals = async (tokenId: string) =>
    (
      await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.actorTokenId, tokenId), eq(auditLog.result, "refused")))
    )[0].n;

  it("a token sends from its own box and reads what it sent there, and nothing else", async () => {
    expect((await apiSend(token, d.app.id)).ok).toBe(true);
    expect(await reads(token, d.app.id)).toBe(true);
    for (const box of [d.jeanBox.id, d.cardio.id, d.claireBox.id, otherStructureApp]) {
      expect(await reads(token, box)).toBe(false);
      expect(await apiSend(token, box)).toMatchObject({ ok: false, code: "not_found" });
    }
  });

  it("a token never takes a person's action, even on its own box, and each refusal is traced under its id", async () => {
    const before = await tokenRefusals(token.tokenId);
    const attempts = [
      act(token, sendSpec, { mailboxId: d.app.id, to: "jean.dupont@ch-troispics.mssante.fr", subject: "s", body: "b" }),
      act(token, saveDraftSpec, { mailboxId: d.app.id, draftId: crypto.randomUUID(), subject: "s", body: "b" }),
      act(token, grantSpec, { mailboxId: d.app.id, userId: d.marie.id, rights: "manage" }),
      act(token, createTokenSpec, { mailboxId: d.app.id, label: "encore un" }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await tokenRefusals(token.tokenId)).toBe(before + attempts.length);
  });

  it("a person never sends from an applicative box nor reads it; its managers only manage it", async () => {
    const sophie = await principalOf(db, d.sophie);
    expect(await apiSend(sophie, d.app.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await reads(sophie, d.app.id)).toBe(false);
    const access = await loadActorAccess(db, sophie, d.app.id);
    expect(access && [...access.rights]).toEqual(["manage"]);
    expect(await act(sophie, createTokenSpec, { mailboxId: d.app.id, label: "Logiciel de radiologie" })).toMatchObject({ ok: true });
    const jean = await principalOf(db, d.jean);
    expect(await act(jean, createTokenSpec, { mailboxId: d.app.id, label: "x" })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("a revoked or expired token holds nothing from its next request on", async () => {
    const revoked = await tokenFor(db, d.app.id, d.sophie.id);
    expect((await apiSend(revoked.actor, d.app.id)).ok).toBe(true);
    await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    expect(await authenticateToken(db, revoked.secret)).toBeNull();
    // A request already past authentication is refused at its guard.
    expect(await apiSend(revoked.actor, d.app.id)).toMatchObject({ ok: false, code: "not_found" });

    const expired = await tokenFor(db, d.app.id, d.sophie.id, { expiresAt: new Date(Date.now() - 1000) });
    expect(await authenticateToken(db, expired.secret)).toBeNull();
    expect(await reads(expired.actor, d.app.id)).toBe(false);
  });

  it("an actor forged to name another structure's box holds nothing there: the token row says which box it serves", async () => {
    const forged: TokenActor = { ...token, mailboxId: otherStructureApp };
    expect(await reads(forged, otherStructureApp)).toBe(false);
    expect(await apiSend(forged, otherStructureApp)).toMatchObject({ ok: false, code: "not_found" });
  });
});
