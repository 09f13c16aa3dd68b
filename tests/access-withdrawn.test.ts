import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { delegations, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { fr } from "@/lib/i18n/fr";
import { revokeSpec } from "@/lib/delegations/specs";
import { flagSpec } from "@/lib/mail/message-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`a delegation taken back (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const person = async (login: string) =>
    (
      await db
        .insert(users)
        .values({ structureId: d.jean.structureId, login, firstName: "Inès", lastName: "Intérim", role: "secretary" })
        .returning()
    )[0];
  const flag = (principal: Awaited<ReturnType<typeof principalOf>>) =>
    runAction(db, principal, meta, flagSpec, {
      mailboxId: d.cardio.id,
      messageId: crypto.randomUUID(),
      folder: "inbox",
      flagged: "true",
    });

  it("tells the former delegate her access was withdrawn, still as not_found for programs", async () => {
    const former = await person("interim.revoquee");
    const [grant] = await db
      .insert(delegations)
      .values({ mailboxId: d.cardio.id, userId: former.id, rights: ["read", "edit"], grantedBy: d.sophie.id })
      .returning();
    const principal = await principalOf(db, former);
    expect(await flag(principal)).toMatchObject({ ok: false, code: "not_found", error: fr.errors.notFound });
    const sophie = await principalOf(db, d.sophie);
    expect((await runAction(db, sophie, meta, revokeSpec, { mailboxId: d.cardio.id, delegationId: grant.id })).ok).toBe(true);
    expect(await flag(principal)).toMatchObject({ ok: false, code: "not_found", error: fr.errors.accessWithdrawn });
  });

  it("says the same when the delegation has ended, and nothing of the kind to anyone who never had one", async () => {
    const ended = await person("interim.terminee");
    await db.insert(delegations).values({
      mailboxId: d.cardio.id,
      userId: ended.id,
      rights: ["read"],
      grantedBy: d.sophie.id,
      validFrom: new Date(Date.now() - 86_400_000 * 2),
      validUntil: new Date(Date.now() - 86_400_000),
    });
    expect(await flag(await principalOf(db, ended))).toMatchObject({ error: fr.errors.accessWithdrawn });
    // Another structure's doctor, and a colleague who never worked the box: the box might as well not exist.
    for (const stranger of [d.claire, await person("jamais.deleguee")])
      expect(await flag(await principalOf(db, stranger))).toMatchObject({ ok: false, code: "not_found", error: fr.errors.notFound });
  });

  it("never says it to someone who can still read the box and lacks only the right asked for", async () => {
    const reader = await person("lecture.toujours");
    const [old] = await db
      .insert(delegations)
      .values({ mailboxId: d.cardio.id, userId: reader.id, rights: ["read", "edit"], grantedBy: d.sophie.id })
      .returning();
    await db.update(delegations).set({ revokedAt: new Date() }).where(eq(delegations.id, old.id));
    await db.insert(delegations).values({ mailboxId: d.cardio.id, userId: reader.id, rights: ["read"], grantedBy: d.sophie.id });
    expect(await flag(await principalOf(db, reader))).toMatchObject({ ok: false, code: "not_found", error: fr.errors.notFound });
  });
});
