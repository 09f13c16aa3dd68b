import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { openThread } from "@/db/queries/messages";
import { attachments, auditLog, delegations, mailboxes, messages, structures, users } from "@/db/schema";
import { runAction, type ActionSpec } from "@/lib/actions/run";
import type { Principal } from "@/lib/auth/principal";
import { checkMailbox } from "@/lib/authz/check";
import { createBoxSpec, grantSpec, revokeSpec } from "@/lib/delegations/specs";
import { openAttachment } from "@/lib/mail/attachment-access";
import { addAttachment } from "@/lib/mail/attachments";
import { openOriginal } from "@/lib/mail/original";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { deleteSpec, flagSpec, moveSpec } from "@/lib/mail/message-specs";
import type { z } from "@/lib/validation";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

/**
 * Who may do what, written out: every role × every action, on the box the
 * role relates to ("in") and on a box of another structure ("out"). The code
 * must give exactly this table; every "no" must be traced.
 */
const ACTIONS = ["list", "read", "download", "original", "move", "flag", "delete", "draft", "send", "grant", "revoke", "create"] as const;
type Action = (typeof ACTIONS)[number];

const Y = true;
const N = false;
// prettier-ignore
const EXPECTED: Record<string, Record<Action, boolean>> = {
  //                        list read dl   orig move flag delete draft send grant revoke create
  "PER holder":          row(Y,   Y,   Y,   Y,   Y,   Y,   Y,     Y,    Y,   Y,    Y,     N),
  "delegate read":       row(Y,   Y,   Y,   Y,   N,   N,   N,     N,    N,   N,    N,     N),
  "delegate edit":       row(Y,   Y,   Y,   Y,   Y,   Y,   Y,     Y,    N,   N,    N,     N),
  "delegate send":       row(Y,   Y,   Y,   Y,   N,   N,   N,     N,    Y,   N,    N,     N),
  "delegate manage":     row(Y,   Y,   Y,   Y,   N,   N,   N,     N,    N,   Y,    Y,     N),
  "structure manager":   row(N,   N,   N,   N,   N,   N,   N,     N,    N,   Y,    Y,     Y),
  "other manager":       row(N,   N,   N,   N,   N,   N,   N,     N,    N,   N,    N,     Y),
  "unrelated user":      row(N,   N,   N,   N,   N,   N,   N,     N,    N,   N,    N,     N),
  "revoked delegate":    row(N,   N,   N,   N,   N,   N,   N,     N,    N,   N,    N,     N),
  "expired delegate":    row(N,   N,   N,   N,   N,   N,   N,     N,    N,   N,    N,     N),
};

function row(...values: boolean[]): Record<Action, boolean> {
  return Object.fromEntries(ACTIONS.map((a, i) => [a, values[i]])) as Record<Action, boolean>;
}

describe(`authorisation matrix (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  const roles: Record<string, { principal: Principal; inBox: string }> = {};
  let outBox: string;

  async function person(login: string, structureId: string, role: "secretary" | "manager" | "professional" = "secretary") {
    const [user] = await db
      .insert(users)
      .values({ structureId, login: `${login}-${crypto.randomUUID().slice(0, 8)}`, firstName: "Test", lastName: login, role })
      .returning();
    return user;
  }

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    const ch = d.jean.structureId;
    const delegate = async (name: string, rights: string[], extra: Partial<typeof delegations.$inferInsert> = {}) => {
      const user = await person(name, ch);
      await db.insert(delegations).values({ mailboxId: d.cardio.id, userId: user.id, rights, grantedBy: d.sophie.id, ...extra });
      return principalOf(db, user);
    };
    roles["PER holder"] = { principal: await principalOf(db, d.jean), inBox: d.jeanBox.id };
    roles["delegate read"] = { principal: await delegate("read", ["read"]), inBox: d.cardio.id };
    roles["delegate edit"] = { principal: await delegate("edit", ["read", "edit"]), inBox: d.cardio.id };
    roles["delegate send"] = { principal: await delegate("send", ["read", "send"]), inBox: d.cardio.id };
    roles["delegate manage"] = { principal: await delegate("manage", ["read", "manage"]), inBox: d.cardio.id };
    roles["structure manager"] = { principal: await principalOf(db, d.sophie), inBox: d.cardio.id };
    const luc = (await db.select().from(users).where(eq(users.login, "luc.moreau")))[0];
    roles["other manager"] = { principal: await principalOf(db, luc), inBox: d.cardio.id };
    roles["unrelated user"] = { principal: await principalOf(db, d.claire), inBox: d.cardio.id };
    roles["revoked delegate"] = {
      principal: await delegate("revoked", ["read", "edit", "send", "manage"], { revokedAt: new Date() }),
      inBox: d.cardio.id,
    };
    roles["expired delegate"] = {
      principal: await delegate("expired", ["read", "edit", "send", "manage"], {
        validFrom: new Date(Date.now() - 10 * 86_400_000),
        validUntil: new Date(Date.now() - 60_000),
      }),
      inBox: d.cardio.id,
    };
    // Out of scope for every role: a shared box of a third structure.
    const [neighbour] = await db.insert(structures).values({ name: "CH voisin", domain: "ch-voisin.mssante.fr" }).returning();
    const [accueil] = await db
      .insert(mailboxes)
      .values({ address: "accueil@ch-voisin.mssante.fr", type: "ORG", structureId: neighbour.id, displayName: "Accueil CH voisin" })
      .returning();
    outBox = accueil.id;
  });

  /** A message in the box, in the given folder, for the actions to work on. */
  async function messageIn(mailboxId: string, folder: "inbox" | "trash") {
    const [m] = await db
      .insert(messages)
      .values({
        mailboxId,
        folder,
        threadId: crypto.randomUUID(),
        messageId: `<${crypto.randomUUID()}@test>`,
        fromAddress: "x@medecin.mssante.fr",
        to: [],
        subject: "s",
        bodyText: "b",
        size: 2,
      })
      .returning();
    return m;
  }

  const act = <S extends z.ZodType, G extends object>(principal: Principal, spec: ActionSpec<S, G>, raw: Record<string, unknown>) =>
    runAction(db, principal, meta, spec, raw).then((r) => r.ok);

  const PERFORM: Record<Action, (p: Principal, box: string) => Promise<boolean>> = {
    list: async (p, box) => (await checkMailbox(db, p, box, "mailbox.read", meta)) !== null,
    read: async (p, box) => {
      const m = await messageIn(box, "inbox");
      const access = await checkMailbox(db, p, box, "mailbox.read", meta);
      return access !== null && (await openThread(db, { principal: p, access, folder: "inbox", threadId: m.threadId, meta }))?.length === 1;
    },
    download: async (p, box) => {
      const m = await messageIn(box, "inbox");
      await addAttachment(db, m.id, { name: "compte-rendu.pdf", bytes: Buffer.from("%PDF-1.4\n%%EOF\n") });
      const [file] = await db.select().from(attachments).where(eq(attachments.messageId, m.id));
      return (await openAttachment(db, p, file.id, meta)) !== null;
    },
    original: async (p, box) => (await openOriginal(db, p, (await messageIn(box, "inbox")).id, meta)) !== null,
    move: async (p, box) =>
      act(p, moveSpec, { mailboxId: box, messageId: (await messageIn(box, "inbox")).id, folder: "inbox", to: "archive" }),
    flag: async (p, box) =>
      act(p, flagSpec, { mailboxId: box, messageId: (await messageIn(box, "inbox")).id, folder: "inbox", flagged: "true" }),
    delete: async (p, box) => act(p, deleteSpec, { mailboxId: box, messageId: (await messageIn(box, "trash")).id, folder: "trash" }),
    draft: (p, box) =>
      act(p, saveDraftSpec, { mailboxId: box, draftId: crypto.randomUUID(), to: "x@medecin.mssante.fr", subject: "Brouillon", body: "." }),
    send: (p, box) => act(p, sendSpec, { mailboxId: box, to: "x@medecin.mssante.fr", subject: "Envoi", body: "." }),
    grant: async (p, box) => {
      const [target] = await db.select({ structureId: mailboxes.structureId }).from(mailboxes).where(eq(mailboxes.id, box));
      const grantee = await person("grantee", target.structureId);
      return act(p, grantSpec, { mailboxId: box, userId: grantee.id, rights: "read" });
    },
    revoke: async (p, box) => {
      const [target] = await db.select({ structureId: mailboxes.structureId }).from(mailboxes).where(eq(mailboxes.id, box));
      const grantee = await person("revokee", target.structureId);
      const [grant] = await db
        .insert(delegations)
        .values({ mailboxId: box, userId: grantee.id, rights: ["read"] })
        .returning();
      return act(p, revokeSpec, { mailboxId: box, delegationId: grant.id });
    },
    create: async (p) => {
      const [responsible] = await db
        .select()
        .from(users)
        .where(and(eq(users.structureId, p.structureId), eq(users.role, "professional")))
        .limit(1);
      return act(p, createBoxSpec, {
        localPart: `service-${crypto.randomUUID().slice(0, 8)}`,
        displayName: "Nouveau service",
        responsibleUserId: responsible?.id ?? crypto.randomUUID(),
      });
    },
  };

  const refusals = async (userId: string) =>
    (
      await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.result, "refused")))
    )[0].n;

  for (const [role, expected] of Object.entries(EXPECTED)) {
    for (const action of ACTIONS) {
      it(`${role} · ${action} · in scope → ${expected[action] ? "allowed" : "denied"}`, async () => {
        const { principal, inBox } = roles[role];
        const before = await refusals(principal.userId);
        expect(await PERFORM[action](principal, inBox)).toBe(expected[action]);
        if (!expected[action]) expect(await refusals(principal.userId)).toBeGreaterThan(before);
      });
      if (action === "create") continue; // a structure action has no "other" box to aim at
      it(`${role} · ${action} · out of scope → denied`, async () => {
        const { principal } = roles[role];
        const before = await refusals(principal.userId);
        expect(await PERFORM[action](principal, outBox)).toBe(false);
        expect(await refusals(principal.userId)).toBeGreaterThan(before);
      });
    }
  }
});
