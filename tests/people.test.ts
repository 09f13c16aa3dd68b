import { and, desc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, sessions, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { runAction } from "@/lib/actions/run";
import { openSession, resumeSession } from "@/lib/auth/sessions";
import { loadAccess } from "@/lib/authz/access";
import { disablePersonSpec, enablePersonSpec } from "@/lib/people/specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`disabling a person (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
  const lastAudit = async (action: string) =>
    (await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];
  const openSessions = (userId: string) =>
    db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));

  it("takes effect on the next request, ends open sessions, refuses login, and is traced; enabling gives login back", async () => {
    const sophie = await principalOf(db, d.sophie);
    const open = await openSession(db, "marie.durand", DEMO_PASSWORD, meta);
    if (!open.ok) throw new Error("refused");
    expect(await loadAccess(db, d.marie.id, d.cardio.id)).not.toBeNull();

    expect(await runAction(db, sophie, meta, disablePersonSpec, { userId: d.marie.id })).toMatchObject({ ok: true, target: d.marie.id });
    expect((await userRow(d.marie.id)).disabledAt).not.toBeNull();
    expect(await resumeSession(db, open.sessionId, meta)).toBeNull();
    expect(await openSessions(d.marie.id)).toHaveLength(0);
    expect((await openSession(db, "marie.durand", DEMO_PASSWORD, meta)).ok).toBe(false);
    expect(await loadAccess(db, d.marie.id, d.cardio.id)).toBeNull();
    expect(await lastAudit("person.disable")).toMatchObject({
      actorUserId: d.sophie.id,
      target: d.marie.id,
      result: "success",
      metadata: { sessionsEnded: 1 },
    });

    expect(await runAction(db, sophie, meta, enablePersonSpec, { userId: d.marie.id })).toMatchObject({ ok: true });
    expect((await userRow(d.marie.id)).disabledAt).toBeNull();
    // The sessions ended by disabling stay ended; a new login works.
    expect(await resumeSession(db, open.sessionId, meta)).toBeNull();
    expect((await openSession(db, "marie.durand", DEMO_PASSWORD, meta)).ok).toBe(true);
    expect(await lastAudit("person.enable")).toMatchObject({ actorUserId: d.sophie.id, target: d.marie.id, result: "success" });
  });

  it("a person of another structure reads as missing, and nothing changes", async () => {
    const sophie = await principalOf(db, d.sophie);
    const result = await runAction(db, sophie, meta, disablePersonSpec, { userId: d.claire.id });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect((await userRow(d.claire.id)).disabledAt).toBeNull();
    const unknown = await runAction(db, sophie, meta, disablePersonSpec, { userId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown).toEqual(result);
    expect(await lastAudit("person.disable")).toMatchObject({ result: "refused", reason: "not_found" });
  });

  it("only a structure manager may disable, and never her own account", async () => {
    const jean = await principalOf(db, d.jean);
    expect(await runAction(db, jean, meta, disablePersonSpec, { userId: d.marie.id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await userRow(d.marie.id)).disabledAt).toBeNull();

    const sophie = await principalOf(db, d.sophie);
    const self = await runAction(db, sophie, meta, disablePersonSpec, { userId: d.sophie.id });
    expect(self).toMatchObject({ ok: false, code: "not_allowed", error: "Vous ne pouvez pas désactiver votre propre compte." });
    expect((await userRow(d.sophie.id)).disabledAt).toBeNull();
    expect(await resumeSession(db, sophie.sessionId, meta)).not.toBeNull();
  });

  it("twice is a conflict, said in French; a malformed id is refused as missing", async () => {
    const sophie = await principalOf(db, d.sophie);
    const lucie = (await db.select().from(users).where(eq(users.login, "lucie.petit")))[0];
    expect(await runAction(db, sophie, meta, disablePersonSpec, { userId: lucie.id })).toMatchObject({ ok: true });
    const before = (await userRow(lucie.id)).disabledAt;
    expect(await runAction(db, sophie, meta, disablePersonSpec, { userId: lucie.id })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "Ce compte est déjà désactivé.",
    });
    expect((await userRow(lucie.id)).disabledAt).toEqual(before);
    expect(await runAction(db, sophie, meta, enablePersonSpec, { userId: lucie.id })).toMatchObject({ ok: true });
    expect(await runAction(db, sophie, meta, enablePersonSpec, { userId: lucie.id })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "Ce compte est déjà actif.",
    });
    expect(await runAction(db, sophie, meta, disablePersonSpec, { userId: "'; drop table users; --" })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
  });
});
