import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed";
import { auditLog, sessions, users } from "@/db/schema";
import { endSession, openSession, resumeSession } from "@/lib/auth/sessions";
import { driver, seededDatabase } from "./db";
import { demo, meta } from "./fixtures";

describe(`server-side sessions (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });
  afterEach(() => {
    delete process.env.SESSION_IDLE_MINUTES;
  });

  /** A login that must succeed, and its session. */
  const opens = async (login: string) => {
    const outcome = await openSession(db, login, DEMO_PASSWORD, meta);
    if (!outcome.ok) throw new Error(`${login} refused`);
    return outcome;
  };

  const lastAudit = async (action: string) =>
    (
      await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, action))
        .orderBy(sql`${auditLog.id} desc`)
        .limit(1)
    )[0];

  it("opens a session on a good password, case-insensitive login, and traces it", async () => {
    const opened = await openSession(db, "  Jean.Dupont ", DEMO_PASSWORD, meta);
    if (!opened.ok) throw new Error("refused");
    expect(opened.userId).toBe(d.jean.id);
    const check = await resumeSession(db, opened.sessionId, meta);
    expect(check).toMatchObject({ principal: { userId: d.jean.id, name: "Dr Jean Dupont", role: "professional" } });
    expect(await lastAudit("session.login")).toMatchObject({ result: "success", actorUserId: d.jean.id, ip: "127.0.0.1" });
  });

  it.each([
    ["jean.dupont", "mauvais", "bad_password"],
    ["inconnu", DEMO_PASSWORD, "unknown_login"],
  ])("refuses %s with a wrong credential and traces it", async (login, password, reason) => {
    expect(await openSession(db, login, password, meta)).toEqual({ ok: false, retryAfterSeconds: 0 });
    expect(await lastAudit("session.login")).toMatchObject({ result: "refused", reason });
  });

  it("ends at logout: the same cookie no longer works", async () => {
    const opened = await opens("claire.martin");
    await endSession(db, { userId: d.claire.id, sessionId: opened.sessionId }, meta);
    expect(await resumeSession(db, opened.sessionId, meta)).toBeNull();
    expect(await lastAudit("session.logout")).toMatchObject({ actorUserId: d.claire.id, target: opened.sessionId });
  });

  it("expires after the configured inactivity, on the server", async () => {
    process.env.SESSION_IDLE_MINUTES = "30";
    const opened = await opens("claire.martin");
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(sessions.id, opened.sessionId));
    expect(await resumeSession(db, opened.sessionId, meta)).toEqual({ expired: true });
    expect(await resumeSession(db, opened.sessionId, meta)).toBeNull();
    expect(await lastAudit("session.expired")).toMatchObject({ actorUserId: d.claire.id });
  });

  it("never allows more than 2 hours of inactivity, whatever the setting", async () => {
    process.env.SESSION_IDLE_MINUTES = "600";
    const opened = await opens("claire.martin");
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '121 minutes'` })
      .where(eq(sessions.id, opened.sessionId));
    expect(await resumeSession(db, opened.sessionId, meta)).toEqual({ expired: true });
  });

  it("stops a disabled user's existing session at the next request", async () => {
    const [user] = await db
      .insert(users)
      .values({ ...d.marie, id: undefined, login: "remplacante", createdAt: undefined })
      .returning();
    const opened = await opens("remplacante");
    expect(await resumeSession(db, opened.sessionId, meta)).not.toBeNull();
    await db
      .update(users)
      .set({ disabledAt: sql`now()` })
      .where(eq(users.id, user.id));
    expect(await resumeSession(db, opened.sessionId, meta)).toBeNull();
    expect((await openSession(db, "remplacante", DEMO_PASSWORD, meta)).ok).toBe(false);
    const [row] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.reason, "account_disabled")));
    expect(row).toBeDefined();
  });

  it("treats a forged session id as no session", async () => {
    expect(await resumeSession(db, "forged", meta)).toBeNull();
    expect(await resumeSession(db, crypto.randomUUID(), meta)).toBeNull();
    expect(await resumeSession(db, undefined, meta)).toBeNull();
  });
});
