import { and, count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed";
import { auditLog, loginThrottle } from "@/db/schema";
import type { RequestMeta } from "@/lib/audit/write";
import { openSession } from "@/lib/auth/sessions";
import { driver, seededDatabase } from "./db";

const from = (ip: string): RequestMeta => ({ ip, userAgent: "vitest" });

describe(`a login that resists guessing (${driver})`, () => {
  let db: Db;

  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterEach(async () => {
    delete process.env.LOGIN_DELAY_SECONDS;
    await db.delete(loginThrottle);
  });

  const audited = async (reason: string, ip: string) =>
    (
      await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.reason, reason), eq(auditLog.ip, ip)))
    )[0].n;

  it("200 wrong passwords in a row: locked after 5, never an error, each refusal and lock traced; the right password works once the delay is over", async () => {
    process.env.LOGIN_DELAY_SECONDS = "1";
    const ip = "192.0.2.10";
    const outcomes = [];
    for (let i = 0; i < 200; i++) outcomes.push(await openSession(db, "jean.dupont", `devine-${i}`, from(ip)));
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    // Five ordinary refusals, then the sixth failure locks and says for how long.
    expect(outcomes.slice(0, 5).map((o) => !o.ok && o.retryAfterSeconds)).toEqual([0, 0, 0, 0, 0]);
    expect(!outcomes[5].ok && outcomes[5].retryAfterSeconds).toBe(1);
    // While locked, attempts are refused without looking at the password, and do not count.
    const checked = await audited("bad_password", ip);
    expect(checked).toBeLessThan(30);
    expect(await audited("login_locked", ip)).toBe(200 - checked);
    const locks = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "session.lock"), eq(auditLog.ip, ip)));
    expect(locks.length).toBe(checked - 5);
    expect(locks[0]).toMatchObject({ result: "refused", reason: "too_many_failures", metadata: { scope: "login", seconds: 1 } });
    // The delay doubles with each failure past the limit.
    expect(locks.map((l) => l.metadata.seconds)).toEqual(locks.map((_, i) => 2 ** i));

    // The right password is refused while locked, then opens a session once the delay is over.
    await expect
      .poll(async () => (await openSession(db, "jean.dupont", DEMO_PASSWORD, from(ip))).ok, {
        timeout: 2 ** locks.length * 1000 + 5000,
        interval: 250,
      })
      .toBe(true);
    // A success forgets the login's failures.
    expect(await openSession(db, "jean.dupont", "encore-faux", from(ip))).toEqual({ ok: false, retryAfterSeconds: 0 });
  });

  it("says the same of a login that does not exist: nothing tells the guesser whether the account is real", async () => {
    const guesses = async (login: string, ip: string) => {
      const outcomes = [];
      for (let i = 0; i < 7; i++) outcomes.push(await openSession(db, login, "faux", from(ip)));
      return outcomes.map((o) => (o.ok ? "ok" : o.retryAfterSeconds > 0 ? "locked" : "refused"));
    };
    const real = await guesses("claire.martin", "192.0.2.20");
    expect(real).toEqual(["refused", "refused", "refused", "refused", "refused", "locked", "locked"]);
    expect(await guesses("personne.inconnue", "192.0.2.21")).toEqual(real);
    // Nothing of what was typed is kept: only hashes.
    const keys = (await db.select({ key: loginThrottle.key }).from(loginThrottle)).map((k) => k.key);
    expect(keys.join(" ")).not.toMatch(/claire|inconnue|192\.0\.2/);
    expect(keys.every((k) => /^(login|ip):[0-9a-f]{64}$/.test(k))).toBe(true);
  });

  it("limits an IP trying many logins, leaving other IPs alone", async () => {
    const ip = "192.0.2.30";
    for (let i = 0; i < 30; i++) expect((await openSession(db, `essai-${i}`, "faux", from(ip))).ok).toBe(false);
    // The 31st failure from that IP locks it: even a right password is refused there, not elsewhere.
    expect(await openSession(db, "essai-30", "faux", from(ip))).toMatchObject({ ok: false, retryAfterSeconds: 30 });
    expect(await openSession(db, "marie.durand", DEMO_PASSWORD, from(ip))).toMatchObject({
      ok: false,
      retryAfterSeconds: expect.any(Number),
    });
    expect((await openSession(db, "marie.durand", DEMO_PASSWORD, from("192.0.2.31"))).ok).toBe(true);
    const [lock] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "session.lock"), eq(auditLog.ip, ip)));
    expect(lock.metadata).toEqual({ scope: "ip", seconds: 30 });
  });

  it("forgets failures after an hour, and a success in between", async () => {
    const ip = "192.0.2.40";
    for (let i = 0; i < 4; i++) await openSession(db, "sophie.bernard", "faux", from(ip));
    expect((await openSession(db, "sophie.bernard", DEMO_PASSWORD, from(ip))).ok).toBe(true);
    for (let i = 0; i < 4; i++) await openSession(db, "sophie.bernard", "faux", from(ip));
    // Four more, an hour ago as far as the table knows: they no longer count.
    await db.update(loginThrottle).set({ lastFailureAt: sql`now() - interval '61 minutes'` });
    for (let i = 0; i < 4; i++)
      expect(await openSession(db, "sophie.bernard", "faux", from(ip))).toEqual({ ok: false, retryAfterSeconds: 0 });
  });
});
