import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed";
import { auditLog, sessions, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { changePasswordSpec } from "@/lib/auth/password-spec";
import { openSession, resumeSession } from "@/lib/auth/sessions";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`changing one's password (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const hashOf = async (id: string) => (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)))[0].h;

  it("refuses, in French and changing nothing: a wrong current password, too short, not confirmed, unchanged", async () => {
    const claire = await principalOf(db, d.claire);
    const before = await hashOf(d.claire.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ current: "pas-le-bon", next: "Nouveau-mot-2026", confirm: "Nouveau-mot-2026" }, "current", "Mot de passe actuel incorrect."],
      [{ current: DEMO_PASSWORD, next: "court", confirm: "court" }, "next", "Le nouveau mot de passe doit compter 12 caractères au moins."],
      [
        { current: DEMO_PASSWORD, next: "Nouveau-mot-2026", confirm: "Nouveau-mot-2027" },
        "confirm",
        "Les deux saisies du nouveau mot de passe diffèrent.",
      ],
      [
        { current: DEMO_PASSWORD, next: DEMO_PASSWORD, confirm: DEMO_PASSWORD },
        "next",
        "Le nouveau mot de passe doit différer de l'actuel.",
      ],
    ];
    for (const [input, field, message] of cases)
      expect(await runAction(db, claire, meta, changePasswordSpec, input)).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { [field]: [message] },
      });
    expect(await hashOf(d.claire.id)).toBe(before);
  });

  it("hashes the new password with scrypt and its parameters, ends her other sessions but not this one, and is traced", async () => {
    const elsewhere = await openSession(db, "jean.dupont", DEMO_PASSWORD, meta);
    if (!elsewhere.ok) throw new Error("refused");
    const here = await principalOf(db, d.jean);
    const result = await runAction(db, here, meta, changePasswordSpec, {
      current: DEMO_PASSWORD,
      next: "Écho-cardiaque 2026",
      confirm: "Écho-cardiaque 2026",
    });
    expect(result).toMatchObject({ ok: true, result: { sessionsEnded: expect.any(Number) } });
    expect(await hashOf(d.jean.id)).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await resumeSession(db, elsewhere.sessionId, meta)).toBeNull();
    expect(await resumeSession(db, here.sessionId, meta)).toMatchObject({ principal: { userId: d.jean.id } });
    const open = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, d.jean.id), isNull(sessions.endedAt)));
    expect(open.map((s) => s.id)).toEqual([here.sessionId]);
    expect((await openSession(db, "jean.dupont", DEMO_PASSWORD, meta)).ok).toBe(false);
    expect((await openSession(db, "jean.dupont", "Écho-cardiaque 2026", meta)).ok).toBe(true);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "password.change"), eq(auditLog.result, "success")));
    expect(audit).toMatchObject({ actorUserId: d.jean.id, target: d.jean.id });
    expect(JSON.stringify(audit)).not.toContain("Écho");
  });
});
