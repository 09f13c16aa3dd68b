/**
 * `npm run bench:smtp`: the SMTP border of the production server (`next start`,
 * needs `npm run build`) on a throwaway database of DATABASE_URL. Prints JSON:
 *   inbound  — messages per second answered 250 (after commit) to BENCH_CLIENTS (10) clients over STARTTLS for BENCH_SECONDS (10);
 *   outbound — deliveries per second of BENCH_MESSAGES (2000) queued messages to a local sink, first to last delivery.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { queueRemote } from "@/lib/mail/outbound";
import { demo } from "@/tests/fixtures";
import { outgoingMessage } from "@/tests/outgoing-message";
import { startPeer, throwawayPki } from "@/tests/smtp-peer";
import { startServer, throughput, throwawayDatabase } from "./bench-kit";

const clients = Number(process.env.BENCH_CLIENTS ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const count = Number(process.env.BENCH_MESSAGES ?? 2000);
const webPort = 3300;
const smtpPort = 2725;

const { url, handle, drop } = await throwawayDatabase("bench_smtp", 10);
const pki = await throwawayPki();
const dir = mkdtempSync(path.join(tmpdir(), "bench-smtp-"));
for (const [name, pem] of Object.entries(pki)) writeFileSync(path.join(dir, `${name}.pem`), pem);
const sink = await startPeer({ key: pki.key, cert: pki.cert });
const delivered: number[] = [];
const received = sink.received;
const push = received.push.bind(received);
received.push = (...items) => {
  delivered.push(performance.now());
  return push(...items);
};

let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  const d = await demo(handle.db);
  // Outbound: queued before the server starts, drained by its delivery workers.
  const raw = await outgoingMessage(d.jeanBox, { messageId: "<bench@ch-troispics.mssante.fr>" });
  for (let i = 0; i < count; i += 100) {
    await handle.db.transaction(async (tx) => {
      for (let j = i; j < Math.min(count, i + 100); j++)
        await queueRemote(tx, {
          raw,
          envelopeFrom: d.jeanBox.address,
          recipients: [`confrere${j}@ch-ailleurs.mssante.fr`],
          sentCopyId: null,
        });
    });
  }
  server = await startServer(url, webPort, "jean.dupont", {
    SMTP_PORT: String(smtpPort),
    SMTP_HOST: "127.0.0.1",
    SMTP_TLS_CERT: path.join(dir, "cert.pem"),
    SMTP_TLS_KEY: path.join(dir, "key.pem"),
    SMTP_CA_FILE: path.join(dir, "ca.pem"),
    SMTP_ROUTES: `*=127.0.0.1:${sink.port}`,
  });
  const deadline = performance.now() + 600_000;
  while (received.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const outbound = {
    messages: received.length,
    seconds: Number(((delivered.at(-1)! - delivered[0]) / 1000).toFixed(2)),
    per_second: Number(((received.length - 1) / ((delivered.at(-1)! - delivered[0]) / 1000)).toFixed(1)),
  };

  // Inbound: other operators' clients, each on its own connection, STARTTLS verified against the test authority.
  const transports = Array.from({ length: clients }, () =>
    nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtpPort,
      requireTLS: true,
      pool: true,
      maxConnections: 1,
      tls: { ca: pki.ca, servername: "localhost" },
    }),
  );
  let next = 0;
  const inbound = await throughput(clients, seconds, () =>
    transports[next++ % clients].sendMail({
      from: "labo@ch-ailleurs.mssante.fr",
      to: d.cardio.address,
      subject: "Résultats d'analyses",
      text: "Bonjour,\n".repeat(40),
      messageId: `<${crypto.randomUUID()}@ch-ailleurs.mssante.fr>`,
    }),
  );
  for (const t of transports) t.close();
  console.log(JSON.stringify({ bench: "smtp", driver: "postgres", inbound, outbound, server_peak_rss_mb: server.peakMemoryMb() }, null, 2));
} finally {
  await server?.stop();
  await sink.close();
  await drop();
}
