import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DbHandle } from "@/db/client";
import { messages, outbox } from "@/db/schema";
import { queueRemote } from "@/lib/mail/outbound";
import { executorOf, QUEUES } from "@/lib/queue";
import { driver, seededHandle } from "./db";
import { demo } from "./fixtures";
import { outgoingMessage } from "./outgoing-message";
import { startPeer, throwawayPki } from "./smtp-peer";

/** A free loopback port for the child's SMTP listener. */
async function freePort() {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const until = async (what: string, condition: () => Promise<boolean> | boolean, seconds = 60) => {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

// The slow cross-system tests run once, on PostgreSQL: a real process killed with SIGKILL, its database surviving it.
describe.skipIf(driver === "pglite")("kill -9 of the mail services mid-batch (postgres)", () => {
  let handle: DbHandle;
  let d: Awaited<ReturnType<typeof demo>>;
  let env: Record<string, string>;
  let pki: Awaited<ReturnType<typeof throwawayPki>>;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    handle = await seededHandle();
    d = await demo(handle.db);
    pki = await throwawayPki();
    const dir = mkdtempSync(path.join(tmpdir(), "transport-faults-"));
    for (const [name, pem] of Object.entries(pki)) writeFileSync(path.join(dir, `${name}.pem`), pem);
    const [{ database }] = rowsOf<{ database: string }>(await handle.db.execute(sql`select current_database() as database`));
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${database}`;
    env = {
      DATABASE_URL: url.toString(),
      SMTP_HOST: "127.0.0.1",
      SMTP_HOSTNAME: "mx.ch-troispics.test",
      SMTP_TLS_CERT: path.join(dir, "cert.pem"),
      SMTP_TLS_KEY: path.join(dir, "key.pem"),
      SMTP_CA_FILE: path.join(dir, "ca.pem"),
      QUEUE_MAINTENANCE_SECONDS: "1",
    };
    // Jobs of a dead worker come back within seconds here (15 minutes in production).
    const boss = new PgBoss({ db: executorOf(handle.db), schema: "pgboss", supervise: false, schedule: false });
    await boss.start();
    await boss.updateQueue(QUEUES.deliver, {
      name: QUEUES.deliver,
      expireInSeconds: 3,
      retryDelay: 1,
      retryBackoff: false,
      retryLimit: 50,
    });
    await boss.stop({ graceful: false, wait: true });
  });
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
  });

  /** The app's mail services in a process of their own (tests/processes/mail-services.ts). */
  async function services(extra: Record<string, string>) {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/processes/mail-services.ts"], {
      env: { ...process.env, ...env, ...extra },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.add(child);
    child.on("exit", () => children.delete(child));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("mail-services ready") && resolve());
      child.once("exit", (code) => reject(new Error(`mail services exited with ${code}`)));
    });
    return child;
  }
  const kill = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });

  it("delivering: nothing lost, nothing shown delivered that was not; only what was in flight may arrive twice", async () => {
    const sink = await startPeer({ key: pki.key, cert: pki.cert });
    try {
      const count = 600;
      const raw = await outgoingMessage(d.jeanBox);
      const recipients = Array.from({ length: count }, (_, i) => `confrere${i}@ch-ailleurs.mssante.fr`);
      await handle.db.transaction((tx) => queueRemote(tx, { raw, envelopeFrom: d.jeanBox.address, recipients, sentCopyId: null }));

      const smtp = { SMTP_PORT: "0", SMTP_ROUTES: `*=127.0.0.1:${sink.port}` };
      const first = await services(smtp);
      await until("a tenth delivered", () => sink.received.length >= count / 10);
      await kill(first);

      // At the moment of the crash: every row marked sent was received by the other side.
      const received = () => new Set(sink.received.flatMap((m) => m.to));
      const sent = async () =>
        (await handle.db.select({ recipient: outbox.recipient }).from(outbox).where(eq(outbox.status, "sent"))).map((r) => r.recipient);
      const sentAtCrash = await sent();
      expect(sentAtCrash.filter((r) => !received().has(r))).toEqual([]);
      expect(sentAtCrash.length).toBeLessThan(count);

      const second = await services(smtp);
      await until("every recipient settled", async () => (await sent()).length === count, 90);
      await kill(second);

      expect(received()).toEqual(new Set(recipients));
      // A recipient is sent twice only when the crash fell between the remote 250 and our commit: the batches in flight.
      const twice = recipients.filter((r) => sink.received.filter((m) => m.to.includes(r)).length > 1);
      expect(twice.length).toBeLessThanOrEqual(4 * 50);
      expect(twice.every((r) => !sentAtCrash.includes(r))).toBe(true);
    } finally {
      await sink.close();
    }
  }, 150_000);

  it("receiving: every message answered 250 is in the box once, and the senders' retries add no duplicate", async () => {
    const port = await freePort();
    const smtp = { SMTP_PORT: String(port), SMTP_ROUTES: "" };
    const count = 600;
    const ids = Array.from({ length: count }, (_, i) => `<faults-in-${i}@ch-ailleurs.mssante.fr>`);
    const accepted = new Set<string>();
    // The server is killed under these clients on purpose: their pools report the resets as 'error' events, and each send's failure is counted.
    const client = () =>
      nodemailer
        .createTransport({ host: "127.0.0.1", port, requireTLS: true, pool: true, maxConnections: 5, tls: { ca: pki.ca } })
        .on("error", () => undefined);
    const send = (transport: nodemailer.Transporter, messageId: string) =>
      transport
        .sendMail({
          from: "labo@ch-ailleurs.mssante.fr",
          to: d.cardio.address,
          subject: "Résultats",
          text: "Bonjour.",
          messageId,
        })
        .then(
          () => void accepted.add(messageId),
          () => undefined,
        );

    const first = await services(smtp);
    const transport = client();
    const all = Promise.all(ids.map((id) => send(transport, id)));
    await until("a tenth accepted", () => accepted.size >= count / 10);
    await kill(first);
    await all;
    transport.close();
    const acceptedAtCrash = [...accepted];
    expect(acceptedAtCrash.length).toBeLessThan(count);

    const inBox = async () =>
      rowsOf<{ message_id: string; n: number }>(
        await handle.db.execute(
          sql`select message_id, count(*)::int as n from messages where mailbox_id = ${d.cardio.id} and message_id like '<faults-in-%' group by message_id`,
        ),
      );
    const afterCrash = new Map((await inBox()).map((r) => [r.message_id, r.n]));
    // 250 means committed: each accepted message is there, once.
    expect(acceptedAtCrash.filter((id) => afterCrash.get(id) !== 1)).toEqual([]);

    // The senders keep what got no 250 and try again, as MTAs do (RFC 5321 §4.5.4); some of it may already be stored.
    const second = await services(smtp);
    const retry = client();
    await Promise.all(ids.filter((id) => !accepted.has(id)).map((id) => send(retry, id)));
    retry.close();
    await kill(second);
    expect(accepted.size).toBe(count);
    const final = await inBox();
    expect(final).toHaveLength(count);
    expect(final.filter((r) => r.n !== 1)).toEqual([]);
    const [{ n }] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(eq(messages.mailboxId, d.cardio.id), sql`${messages.messageId} like '<faults-in-%'`));
    expect(n).toBe(count);
  }, 150_000);
});
