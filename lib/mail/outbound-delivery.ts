import { and, eq, inArray } from "drizzle-orm";
import { isIP } from "node:net";
import nodemailer from "nodemailer";
import type { Db, Tx } from "@/db/client";
import { outbox } from "@/db/schema";
import { writeAudit, type AuditEntry } from "@/lib/audit/write";
import type { TransportReason } from "@/lib/errors";
import { jobQueue, QUEUES } from "@/lib/queue";
import { blobStore } from "@/lib/storage/blobs";
import { buildBounce } from "./dsn";
import { parseEml } from "./eml";
import { hostedBoxes, receive } from "./inbound";
import { queueRetry, type DeliveryJob } from "./outbound";
import { routesFor, type Route } from "./routes";

export type DeliverySettings = {
  hostname: string;
  routes: Map<string, Route>;
  /** Authorities the remote servers' certificates must chain to (IGC Santé; a throwaway CA in tests). */
  ca?: Buffer;
  /** Our client certificate, for peers that ask for one. */
  clientCredentials?: { key: Buffer; cert: Buffer };
  retryHours: number;
  /** First retry delay; each next one doubles, up to four hours. */
  retryBaseSeconds: number;
};

type Failure = { ok: false; permanent: boolean; response: string; mta: string | null };
type Attempt = { ok: true; response: string; mta: string } | Failure;

const MAX_RETRY_DELAY_MS = 4 * 3600 * 1000;

/** One pooled, TLS-verifying transport per remote server, reused across deliveries. */
export class Transports {
  private readonly pool = new Map<string, nodemailer.Transporter>();
  constructor(private readonly settings: DeliverySettings) {}

  for(route: Route) {
    const key = `${route.host}:${route.port}`;
    let transport = this.pool.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({
        host: route.host,
        port: route.port,
        secure: false,
        // STARTTLS or nothing, with the peer's certificate checked against our authorities (docs/domain.md §7).
        requireTLS: true,
        name: this.settings.hostname,
        pool: true,
        // Postfix opens up to 20 per destination by default; 10 keeps a peer comfortable.
        maxConnections: 10,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 5 * 60_000,
        tls: {
          minVersion: "TLSv1.2",
          rejectUnauthorized: true,
          ca: this.settings.ca,
          // SNI and name check on host names; an address (SMTP_ROUTES in tests) is checked against the certificate's IP entries.
          ...(isIP(route.host) ? {} : { servername: route.host }),
          ...this.settings.clientCredentials,
        },
      });
      // A pooled connection the peer resets while idle is reported as an 'error' event: unheard, it would end the process.
      // Each send's own failure is handled where it is sent.
      transport.on("error", (error) => console.error(`[smtp] ${key}:`, error.message));
      this.pool.set(key, transport);
    }
    return transport;
  }

  close() {
    for (const transport of this.pool.values()) transport.close();
    this.pool.clear();
  }
}

/**
 * A 5xx answer to the message, or a domain that does not exist, will never
 * succeed; anything else may on a later try — including a server that does
 * not offer TLS, which its operator can fix (as Postfix defers it).
 */
function failureOf(error: unknown, route: Route | null): Failure {
  const e = error as { responseCode?: number; response?: string; code?: string; command?: string; message?: string };
  const mta = route ? route.host : null;
  if (e.code === "ENOTFOUND") return { ok: false, permanent: true, response: `DNS: ${e.message ?? "domaine introuvable"}`, mta };
  const response = (e.response ?? e.message ?? String(error)).slice(0, 1000);
  const refused = Boolean(e.responseCode && e.responseCode >= 500) && e.command !== "STARTTLS" && e.code !== "ETLS";
  return { ok: false, permanent: refused, response, mta };
}

async function attempt(
  transports: Transports,
  settings: DeliverySettings,
  row: { recipient: string; envelopeFrom: string },
  raw: Buffer,
): Promise<Attempt> {
  let routes: Route[];
  try {
    routes = await routesFor(row.recipient.split("@")[1], settings.routes);
  } catch (error) {
    return failureOf(error, null);
  }
  let last: Failure = { ok: false, permanent: false, response: "", mta: null };
  // MX hosts in order of preference: the first to answer for good (accept or refuse) decides.
  for (const route of routes) {
    try {
      const info = await transports.for(route).sendMail({ envelope: { from: row.envelopeFrom, to: [row.recipient] }, raw });
      return { ok: true, response: info.response, mta: route.host };
    } catch (error) {
      last = failureOf(error, route);
      if (last.permanent) return last;
    }
  }
  return last;
}

type Tried = { row: typeof outbox.$inferSelect; raw: Buffer; result: Attempt; at: Date };
const SYSTEM = { ip: null, userAgent: null };

/**
 * Try queued recipients: the stored bytes sent unchanged with an explicit
 * envelope, all at once, then every outcome settled in one transaction — the
 * audit chain serialises commits, so one commit per batch rather than per
 * recipient is what lets delivery keep up. Delivered → "remis"; deferred → the
 * next try queued with the state that announces it; refused for good, or
 * deferred past the retry window → failed, and a delivery status notification
 * lands in the sending box. A row already settled (a job handed out again
 * after a crash) is left alone.
 */
export async function deliverQueued(db: Db, settings: DeliverySettings, transports: Transports, ...outboxIds: string[]) {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(inArray(outbox.id, outboxIds), eq(outbox.status, "pending")));
  const tried: Tried[] = await Promise.all(
    rows.map(async (row) => {
      const raw = await blobStore.get(db, row.rawSha256);
      if (!raw) throw new Error(`outbox ${row.id}: stored message missing`);
      return { row, raw, result: await attempt(transports, settings, row, raw), at: new Date() };
    }),
  );
  if (tried.length === 0) return;
  const senders = await hostedBoxes(
    db,
    rows.map((r) => r.envelopeFrom),
  );
  await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];
    for (const one of tried)
      audit.push(...(await settle(tx, settings, one, senders.get(one.row.envelopeFrom.toLowerCase())?.mailboxId ?? null)));
    await writeAudit(tx, SYSTEM, audit);
  });
}

/** Record one attempt's outcome; returns its traces (and those of the bounce it caused). */
async function settle(
  tx: Tx,
  settings: DeliverySettings,
  { row, raw, result, at }: Tried,
  senderBox: string | null,
): Promise<AuditEntry[]> {
  const attempts = row.attempts + 1;
  const trace = (result: AuditEntry["result"], reason: TransportReason | null): AuditEntry => ({
    actorUserId: null,
    mailboxId: senderBox,
    action: "transport.deliver",
    target: row.id,
    result,
    reason,
    metadata: { attempts },
  });
  if (result.ok) {
    await tx
      .update(outbox)
      .set({ status: "sent", attempts, lastError: result.response, remoteMta: result.mta, deliveredAt: at })
      .where(eq(outbox.id, row.id));
    return [trace("success", null)];
  }
  const retryAt = new Date(at.getTime() + Math.min(MAX_RETRY_DELAY_MS, settings.retryBaseSeconds * 1000 * 2 ** row.attempts));
  const expired = !result.permanent && retryAt.getTime() > row.createdAt.getTime() + settings.retryHours * 3600 * 1000;
  if (!result.permanent && !expired) {
    await tx
      .update(outbox)
      .set({ attempts, lastError: result.response, remoteMta: result.mta, nextAttemptAt: retryAt })
      .where(eq(outbox.id, row.id));
    await queueRetry(tx, row.id, retryAt);
    return [trace("error", "remote_deferred")];
  }
  await tx
    .update(outbox)
    .set({ status: "failed", attempts, lastError: result.response, remoteMta: result.mta })
    .where(eq(outbox.id, row.id));
  const bounced = row.envelopeFrom ? await bounce(tx, settings, row, raw, { ...result, expired, attempts, now: at }) : [];
  return [trace("refused", expired ? "retry_expired" : "remote_rejected"), ...bounced];
}

async function bounce(
  tx: Tx,
  settings: DeliverySettings,
  row: typeof outbox.$inferSelect,
  raw: Buffer,
  failure: { response: string; mta: string | null; expired: boolean; attempts: number; now: Date },
) {
  const original = await parseEml(raw, { address: row.envelopeFrom });
  const report = await buildBounce({
    to: row.envelopeFrom,
    recipient: row.recipient,
    response: failure.response,
    remoteMta: failure.mta,
    expired: failure.expired,
    attempts: failure.attempts,
    firstAttempt: row.createdAt,
    lastAttempt: failure.now,
    original: { messageId: original.copy.messageId, subject: original.copy.subject, raw },
    reportingMta: settings.hostname,
  });
  const parsed = await parseEml(report, { address: row.envelopeFrom });
  const arrival = await receive(tx, {
    copy: parsed.copy,
    files: parsed.files,
    recipients: [row.envelopeFrom],
    actor: { actorUserId: null },
  });
  return arrival.audit;
}

/** Start delivering: `concurrency` loops of pg-boss workers, each taking a few jobs at a time. */
export async function startDelivery(db: Db, settings: DeliverySettings, concurrency = 4) {
  const queue = jobQueue();
  await queue.start();
  const transports = new Transports(settings);
  for (let i = 0; i < concurrency; i++) {
    await queue.work<DeliveryJob>(QUEUES.deliver, { batchSize: 50, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      // One recipient's failure is its own state, never the batch's: only an unexpected error (database down) fails the jobs for pg-boss to retry.
      await deliverQueued(db, settings, transports, ...jobs.map((job) => job.data.outboxId));
    });
  }
  return {
    async stop() {
      await queue.stop({ graceful: true, wait: true });
      transports.close();
    },
  };
}
