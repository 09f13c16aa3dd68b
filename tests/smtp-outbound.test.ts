import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db/client";
import { attachments, auditLog, messages, outbox } from "@/db/schema";
import { deliverQueued, Transports, type DeliverySettings } from "@/lib/mail/outbound-delivery";
import { queueRemote } from "@/lib/mail/outbound";
import { parseRoutes } from "@/lib/mail/routes";
import { driver, seededDatabase } from "./db";
import { demo } from "./fixtures";
import { outgoingMessage } from "./outgoing-message";
import { startPeer, throwawayPki } from "./smtp-peer";

describe(`delivering to other operators (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let pki: Awaited<ReturnType<typeof throwawayPki>>;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    pki = await throwawayPki();
  });

  const settings = (routes: string, extra: Partial<DeliverySettings> = {}): DeliverySettings => ({
    hostname: "mx.ch-troispics.test",
    routes: parseRoutes(routes),
    ca: pki.ca,
    retryHours: 120,
    retryBaseSeconds: 300,
    ...extra,
  });

  async function queued(from: { address: string; displayName: string }, recipient: string, subject: string) {
    const raw = await outgoingMessage(from, { subject });
    const [id] = await db.transaction((tx) =>
      queueRemote(tx, { raw, envelopeFrom: from.address, recipients: [recipient], sentCopyId: null }),
    );
    return { id, raw };
  }

  async function peer(options: Parameters<typeof startPeer>[0] = {}) {
    const started = await startPeer({ key: pki.key, cert: pki.cert, ...options });
    cleanups.push(started.close);
    return started;
  }

  const row = async (id: string) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0];
  const jobsOf = async (id: string) =>
    rowsOf<{ state: string; start_after: Date }>(
      await db.execute(
        sql`select state, start_after from pgboss.job where name = 'outbound-deliver' and data->>'outboxId' = ${id} order by created_on`,
      ),
    );

  it("queues one row and one job per recipient with the message, and sends the stored bytes unchanged over verified STARTTLS", async () => {
    const remote = await peer();
    const { id, raw } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Compte rendu");
    expect(await jobsOf(id)).toMatchObject([{ state: "created" }]);
    const transports = new Transports(settings(`ch-ailleurs.mssante.fr=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    transports.close();
    expect(remote.received).toHaveLength(1);
    expect(remote.received[0]).toMatchObject({ from: d.jeanBox.address, to: ["confrere@ch-ailleurs.mssante.fr"] });
    expect(remote.received[0].raw.equals(raw)).toBe(true);
    expect(await row(id)).toMatchObject({
      status: "sent",
      attempts: 1,
      remoteMta: "127.0.0.1",
      deliveredAt: expect.any(Date),
      lastError: expect.stringMatching(/^250/),
    });
  });

  it("retries later when the remote server is down, saying when and why", async () => {
    const remote = await peer();
    await remote.close();
    const { id } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Serveur arrêté");
    const before = Date.now();
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    transports.close();
    const state = await row(id);
    expect(state).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("ECONNREFUSED") });
    expect(state.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 300_000);
    const retry = (await jobsOf(id)).at(-1)!;
    expect(new Date(retry.start_after).getTime()).toBeCloseTo(state.nextAttemptAt.getTime(), -3);
  });

  it("delivers on a later try once the remote server is back", async () => {
    const down = await peer();
    await down.close();
    const { id } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Serveur revenu");
    const route = settings(`*=127.0.0.1:${down.port}`);
    const transports = new Transports(route);
    await deliverQueued(db, route, transports, id);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    const back = await peer({ port: down.port });
    await deliverQueued(db, route, transports, id);
    transports.close();
    expect(back.received.map((m) => m.to)).toEqual([["confrere@ch-ailleurs.mssante.fr"]]);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, deliveredAt: expect.any(Date) });
  });

  it("never delivers to a server whose certificate our authorities did not sign", async () => {
    const stranger = await throwawayPki();
    const remote = await peer({ key: stranger.key, cert: stranger.cert });
    const { id } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Certificat inconnu");
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    transports.close();
    expect(remote.received).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("never sends in clear to a server without STARTTLS", async () => {
    const remote = await peer({ disabledCommands: ["AUTH", "STARTTLS"] });
    const { id } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Sans chiffrement");
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    transports.close();
    expect(remote.received).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "pending" });
  });

  it("fails at once on a 5xx and puts a French delivery report with the original in the sending box; an applicative box's goes to its organisational box", async () => {
    const remote = await peer({ answer: () => 550 });
    const { id, raw } = await queued(d.app, "inconnu@ch-ailleurs.mssante.fr", "Lettre de liaison");
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    transports.close();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("5.1.1") });
    const [report] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.cardio.id), eq(messages.subject, "Message non remis : Lettre de liaison")));
    expect(report).toMatchObject({ folder: "inbox", fromAddress: "mailer-daemon@ch-troispics.mssante.fr" });
    expect(report.bodyText).toContain("n'a pas pu être remis à inconnu@ch-ailleurs.mssante.fr");
    expect(report.bodyText).toContain("5.1.1");
    const files = await db.select().from(attachments).where(eq(attachments.messageId, report.id));
    expect(files.map((f) => f.filename)).toContain("message-d-origine.eml");
    expect(files.find((f) => f.filename === "message-d-origine.eml")?.size).toBe(raw.length);
    const [trace] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "transport.deliver"), eq(auditLog.target, id)));
    expect(trace).toMatchObject({ result: "refused", reason: "remote_rejected", mailboxId: d.app.id });
  });

  it("gives up after the retry window with a report saying so", async () => {
    const remote = await peer({ answer: () => 451 });
    const { id } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Toujours différé");
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    // A window shorter than the first retry delay: the first deferral is the last.
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`, { retryHours: 0.01 }), transports, id);
    transports.close();
    expect(await row(id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("451") });
    const [report] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, "Message non remis : Toujours différé")));
    expect(report.bodyText).toContain("L'envoi est abandonné");
  });

  it("leaves a settled row alone when its job is handed out again", async () => {
    const remote = await peer();
    const { id } = await queued(d.jeanBox, "confrere@ch-ailleurs.mssante.fr", "Une seule fois");
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, id);
    transports.close();
    expect(remote.received).toHaveLength(1);
  });

  it("settles a batch in one transaction: each recipient gets its own outcome, and the audit chain one row each", async () => {
    const remote = await peer({ answer: (rcpt) => (rcpt.startsWith("refuse") ? 550 : rcpt.startsWith("later") ? 451 : null) });
    const ok = await queued(d.jeanBox, "accepte@ch-ailleurs.mssante.fr", "Lot 1");
    const refused = await queued(d.jeanBox, "refuse@ch-ailleurs.mssante.fr", "Lot 2");
    const deferred = await queued(d.jeanBox, "later@ch-ailleurs.mssante.fr", "Lot 3");
    const ids = [ok.id, refused.id, deferred.id];
    const transports = new Transports(settings(`*=127.0.0.1:${remote.port}`));
    await deliverQueued(db, settings(`*=127.0.0.1:${remote.port}`), transports, ...ids);
    transports.close();
    expect(remote.received.map((m) => m.to)).toEqual([["accepte@ch-ailleurs.mssante.fr"]]);
    expect(await row(ok.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await row(refused.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(await row(deferred.id)).toMatchObject({ status: "pending", attempts: 1 });
    const traces = await db
      .select({ target: auditLog.target, result: auditLog.result, at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.action, "transport.deliver"), inArray(auditLog.target, ids)));
    expect(Object.fromEntries(traces.map((t) => [t.target, t.result]))).toEqual({
      [ok.id]: "success",
      [refused.id]: "refused",
      [deferred.id]: "error",
    });
    // One append, so one time stamp: written together or not at all.
    expect(new Set(traces.map((t) => t.at.getTime())).size).toBe(1);
  });
});
