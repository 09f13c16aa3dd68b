import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db/client";
import { auditLog, delegations, messages, scheduledSends, users } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import type { Principal } from "@/lib/auth/principal";
import { fr } from "@/lib/i18n/fr";
import { cancelScheduledSpec, composeSendSpec, defaultUndoSeconds, sendDue } from "@/lib/mail/scheduled-send";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`a send put off: « Annuler l'envoi » and « Envoyer à … » (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let jean: Principal;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    jean = await principalOf(db, d.jean);
  });

  const form = (subject: string, extra: Record<string, string> = {}) => ({
    mailboxId: d.jeanBox.id,
    draftId: crypto.randomUUID(),
    to: d.claireBox.address,
    subject,
    body: "Compte rendu joint.",
    undoSeconds: "10",
    ...extra,
  });
  const copiesOf = async (subject: string) =>
    (await db.select({ folder: messages.folder, mailboxId: messages.mailboxId }).from(messages).where(eq(messages.subject, subject))).map(
      (m) => `${m.mailboxId === d.claireBox.id ? "claire" : "jean"}:${m.folder}`,
    );
  const scheduleFor = async (draftId: string) =>
    (
      await db
        .select()
        .from(scheduledSends)
        .where(and(eq(scheduledSends.mailboxId, d.jeanBox.id), eq(scheduledSends.draftId, draftId)))
    )[0];
  const queued = async (scheduleId: string) =>
    rowsOf<{ start_after: Date }>(
      await db.execute(sql`select start_after from pgboss.job where name = 'scheduled-send' and data->>'scheduleId' = ${scheduleId}`),
    );

  it("keeps the message as a draft and queues it for the end of the delay; nothing reaches a box before", async () => {
    const input = form("Différé de dix secondes");
    const started = Date.now();
    const result = await runAction(db, jean, meta, composeSendSpec, input);
    expect(result).toMatchObject({ ok: true, redirectTo: expect.stringMatching(/\/inbox\?notice=undo&schedule=[0-9a-f-]{36}$/) });
    expect(await copiesOf(input.subject)).toEqual(["jean:drafts"]);
    const schedule = await scheduleFor(input.draftId);
    expect(schedule.sendAt.getTime() - started).toBeGreaterThanOrEqual(9_000);
    const [job] = await queued(schedule.id);
    expect(new Date(job.start_after).getTime()).toBe(schedule.sendAt.getTime());
    const [trace] = await db.select().from(auditLog).where(eq(auditLog.target, input.draftId));
    expect(trace).toMatchObject({ action: "message.schedule", result: "success" });

    // Its time comes: sent as any send, the draft and the schedule gone with it.
    await sendDue(db, { scheduleId: schedule.id });
    expect((await copiesOf(input.subject)).sort()).toEqual(["claire:inbox", "jean:sent"]);
    expect(await scheduleFor(input.draftId)).toBeUndefined();
  });

  it("« Annuler l'envoi » gives the draft back untouched, and the job then sends nothing", async () => {
    const input = form("Finalement annulé");
    await runAction(db, jean, meta, composeSendSpec, input);
    const schedule = await scheduleFor(input.draftId);
    const cancelled = await runAction(db, jean, meta, cancelScheduledSpec, { mailboxId: d.jeanBox.id, scheduleId: schedule.id });
    expect(cancelled).toMatchObject({ ok: true, redirectTo: `/m/${d.jeanBox.id}/compose?draft=${input.draftId}` });
    await sendDue(db, { scheduleId: schedule.id });
    expect(await copiesOf(input.subject)).toEqual(["jean:drafts"]);
    const [draft] = await db.select().from(messages).where(eq(messages.subject, input.subject));
    expect([draft.bodyText, draft.to.map((t) => t.address)]).toEqual([input.body, [d.claireBox.address]]);
    // Once sent, too late: said so, and nothing changes.
    await runAction(db, jean, meta, composeSendSpec, { ...input, undoSeconds: "5" });
    const again = await scheduleFor(input.draftId);
    await sendDue(db, { scheduleId: again.id });
    expect(await runAction(db, jean, meta, cancelScheduledSpec, { mailboxId: d.jeanBox.id, scheduleId: again.id })).toMatchObject({
      ok: false,
      error: fr.compose.tooLateToCancel,
    });
  });

  it("sends at a chosen time, refuses one already past, and at once with no delay", async () => {
    const later = form("Pour demain matin", { sendAt: "2099-01-02T08:30" });
    expect(await runAction(db, jean, meta, composeSendSpec, later)).toMatchObject({
      ok: true,
      redirectTo: `/m/${d.jeanBox.id}/drafts?notice=scheduled`,
    });
    expect((await scheduleFor(later.draftId)).sendAt.toISOString()).toBe("2099-01-02T07:30:00.000Z");
    const past = form("Trop tard", { sendAt: "2020-01-01T08:00" });
    expect(await runAction(db, jean, meta, composeSendSpec, past)).toMatchObject({
      ok: false,
      fieldErrors: { sendAt: [fr.compose.sendAtPast] },
    });
    expect(await copiesOf(past.subject)).toEqual([]);
    // A chosen time without the draft it would wait as: refused, never sent at once.
    const { draftId: _, ...draftless } = form("Sans brouillon", { sendAt: "2099-01-02T08:30" });
    expect(await runAction(db, jean, meta, composeSendSpec, draftless)).toMatchObject({
      ok: false,
      fieldErrors: { sendAt: [fr.compose.sendAtInvalid] },
    });
    expect(await copiesOf("Sans brouillon")).toEqual([]);
    const now = form("Tout de suite", { undoSeconds: "0" });
    await runAction(db, jean, meta, composeSendSpec, now);
    expect((await copiesOf(now.subject)).sort()).toEqual(["claire:inbox", "jean:sent"]);
  });

  it("decides the trust space when asked, and the rights when it goes: a delegate withdrawn meanwhile sends nothing", async () => {
    const refused = await runAction(db, jean, meta, composeSendSpec, form("Hors espace", { to: "patient.lambda@gmail.com" }));
    expect(refused).toMatchObject({ ok: false, code: "untrusted_recipient" });
    expect(await copiesOf("Hors espace")).toEqual([]);

    const [sender] = await db
      .insert(users)
      .values({ structureId: d.jean.structureId, login: "envoi.differe", firstName: "Eva", lastName: "Envoi", role: "secretary" })
      .returning();
    const [grant] = await db
      .insert(delegations)
      .values({ mailboxId: d.cardio.id, userId: sender.id, rights: ["read", "edit", "send"], grantedBy: d.sophie.id })
      .returning();
    const input = { ...form("Parti après la révocation ?"), mailboxId: d.cardio.id };
    expect((await runAction(db, await principalOf(db, sender), meta, composeSendSpec, input)).ok).toBe(true);
    await db.update(delegations).set({ revokedAt: new Date() }).where(eq(delegations.id, grant.id));
    const schedule = (await db.select().from(scheduledSends).where(eq(scheduledSends.draftId, input.draftId)))[0];
    await sendDue(db, { scheduleId: schedule.id });
    expect((await copiesOf(input.subject)).length).toBe(1);
    expect((await db.select().from(scheduledSends).where(eq(scheduledSends.id, schedule.id)))[0].failure).toBe("not_found");
  });

  it("takes its default delay from UNDO_SEND_SECONDS, 10 s unless set, bounded to 30", () => {
    expect([
      defaultUndoSeconds({}),
      defaultUndoSeconds({ UNDO_SEND_SECONDS: "0" }),
      defaultUndoSeconds({ UNDO_SEND_SECONDS: "600" }),
    ]).toEqual([10, 0, 30]);
  });
});
