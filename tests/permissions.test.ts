import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { delegations, users } from "@/db/schema";
import { listAccess, loadAccess } from "@/lib/authz/access";
import { can, PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import { driver, seededDatabase } from "./db";
import { demo } from "./fixtures";

const ALL = Object.keys(PERMISSIONS) as Permission[];

describe(`permission resolution (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  const permissionsOf = async (userId: string, mailboxId: string) => {
    const access = await loadAccess(db, userId, mailboxId);
    return ALL.filter((p) => can(access, p));
  };

  /** A fresh delegate of the cardiology box holding exactly `rights`. */
  async function delegate(rights: string[], window: { validFrom?: Date; validUntil?: Date; revoked?: boolean } = {}) {
    const [user] = await db
      .insert(users)
      .values({
        structureId: d.jean.structureId,
        login: `delegate-${crypto.randomUUID()}`,
        firstName: "Test",
        lastName: "Délégué",
        role: "secretary",
      })
      .returning();
    await db.insert(delegations).values({
      mailboxId: d.cardio.id,
      userId: user.id,
      rights,
      grantedBy: d.sophie.id,
      validFrom: window.validFrom,
      validUntil: window.validUntil,
      revokedAt: window.revoked ? new Date() : null,
    });
    return user;
  }

  it("gives the holder of a nominative box every permission on it", async () => {
    expect(await permissionsOf(d.jean.id, d.jeanBox.id)).toEqual(ALL);
  });

  it("gives the responsible of an organisational box every permission on it", async () => {
    expect(await permissionsOf(d.jean.id, d.cardio.id)).toEqual(ALL);
  });

  it.each([
    [["read"], ["mailbox.read"]],
    [
      ["read", "edit"],
      ["mailbox.read", "message.edit"],
    ],
    [
      ["read", "send"],
      ["mailbox.read", "message.send"],
    ],
    [
      ["read", "edit", "send"],
      ["mailbox.read", "message.edit", "message.send"],
    ],
    [
      ["read", "manage"],
      ["mailbox.read", "delegation.manage"],
    ],
  ])("gives a delegate holding %j exactly %j", async (rights, expected) => {
    const user = await delegate(rights);
    expect(await permissionsOf(user.id, d.cardio.id)).toEqual(expected);
  });

  it("gives nothing through a revoked delegation", async () => {
    const user = await delegate(["read", "edit", "send"], { revoked: true });
    expect(await loadAccess(db, user.id, d.cardio.id)).toBeNull();
  });

  it("gives nothing through an expired delegation, with no job having run", async () => {
    const user = await delegate(["read"], { validUntil: new Date(Date.now() - 1000) });
    expect(await loadAccess(db, user.id, d.cardio.id)).toBeNull();
  });

  it("gives nothing through a delegation that has not started", async () => {
    const user = await delegate(["read"], { validFrom: new Date(Date.now() + 3_600_000) });
    expect(await loadAccess(db, user.id, d.cardio.id)).toBeNull();
  });

  it("stops a delegation the moment it is revoked", async () => {
    const user = await delegate(["read"]);
    expect(await permissionsOf(user.id, d.cardio.id)).toEqual(["mailbox.read"]);
    await db
      .update(delegations)
      .set({ revokedAt: sql`now()` })
      .where(eq(delegations.userId, user.id));
    expect(await loadAccess(db, user.id, d.cardio.id)).toBeNull();
  });

  it("gives nothing to an unrelated user", async () => {
    expect(await loadAccess(db, d.claire.id, d.cardio.id)).toBeNull();
    expect(await loadAccess(db, d.claire.id, d.jeanBox.id)).toBeNull();
    expect(await loadAccess(db, d.marie.id, d.jeanBox.id)).toBeNull();
  });

  it("lets the structure's manager manage its shared boxes without reading them, and not nominative ones", async () => {
    expect(await permissionsOf(d.sophie.id, d.cardio.id)).toEqual(["delegation.manage"]);
    expect(await permissionsOf(d.sophie.id, d.app.id)).toEqual(["delegation.manage"]);
    expect(await loadAccess(db, d.sophie.id, d.jeanBox.id)).toBeNull();
    expect(await loadAccess(db, d.sophie.id, d.claireBox.id)).toBeNull();
  });

  it("gives nothing to a disabled user, even on her own box", async () => {
    const user = await delegate(["read"]);
    await db
      .update(users)
      .set({ disabledAt: sql`now()` })
      .where(eq(users.id, user.id));
    expect(await loadAccess(db, user.id, d.cardio.id)).toBeNull();
  });

  it("answers a malformed or unknown mailbox id as missing", async () => {
    expect(await loadAccess(db, d.jean.id, "not-a-uuid")).toBeNull();
    expect(await loadAccess(db, d.jean.id, crypto.randomUUID())).toBeNull();
  });

  it("lists exactly the boxes a person may open", async () => {
    const addresses = async (userId: string) =>
      (await listAccess(db, userId)).filter((a) => can(a, "mailbox.read")).map((a) => a.mailbox.address);
    expect(await addresses(d.jean.id)).toEqual(["jean.dupont@ch-troispics.mssante.fr", "cardiologie@ch-troispics.mssante.fr"]);
    expect(await addresses(d.marie.id)).toEqual(["cardiologie@ch-troispics.mssante.fr"]);
    expect(await addresses(d.claire.id)).toEqual(["claire.martin@msp-duval.mssante.fr"]);
    expect(await addresses(d.sophie.id)).toEqual([]);
  });
});
