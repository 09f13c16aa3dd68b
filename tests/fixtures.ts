import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailboxes, sessions, users } from "@/db/schema";
import type { RequestMeta } from "@/lib/audit/write";
import type { Principal } from "@/lib/auth/principal";
import { loadAccess } from "@/lib/authz/access";
import { can, type ReadAccess } from "@/lib/authz/permissions";
import { personName } from "@/lib/people";

export const meta: RequestMeta = { ip: "127.0.0.1", userAgent: "vitest" };

/** The seeded people and boxes, by their stable names. */
export async function demo(db: Db) {
  const byLogin = async (login: string) => (await db.select().from(users).where(eq(users.login, login)))[0];
  const box = async (address: string) => (await db.select().from(mailboxes).where(eq(mailboxes.address, address)))[0];
  return {
    jean: await byLogin("jean.dupont"),
    marie: await byLogin("marie.durand"),
    sophie: await byLogin("sophie.bernard"),
    claire: await byLogin("claire.martin"),
    /** Cardiology secretary with `edit` only: prepares drafts, never sends. */
    lucie: await byLogin("lucie.petit"),
    jeanBox: await box("jean.dupont@ch-troispics.mssante.fr"),
    cardio: await box("cardiologie@ch-troispics.mssante.fr"),
    app: await box("comptes-rendus_noreply@ch-troispics.mssante.fr"),
    claireBox: await box("claire.martin@msp-duval.mssante.fr"),
  };
}

/** A principal with a real session row, as the app builds it after login. */
export async function principalOf(db: Db, user: typeof users.$inferSelect): Promise<Principal> {
  const [session] = await db.insert(sessions).values({ userId: user.id }).returning();
  return {
    type: "person",
    userId: user.id,
    sessionId: session.id,
    name: personName(user),
    role: user.role,
    structureId: user.structureId,
  };
}

/** A person's access to a box checked for reading, as a page gets it from the resolver. */
export async function readAccess(db: Db, userId: string, mailboxId: string): Promise<ReadAccess> {
  const access = await loadAccess(db, userId, mailboxId);
  if (!can(access, "mailbox.read")) throw new Error(`no read access to ${mailboxId}`);
  return access;
}
