/**
 * `npm run bench:send`: latency of the send path (server action core, one
 * transaction: 3 copies, 1 outbox row, audit rows) on the PostgreSQL of
 * DATABASE_URL, in a throwaway database. Prints JSON.
 *   BENCH_SENDS (300) sequential sends, then BENCH_CLIENTS (20) concurrent clients for BENCH_SECONDS (5).
 */
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { seed } from "@/db/seed";
import { runAction } from "@/lib/actions/run";
import { sendSpec } from "@/lib/mail/compose-specs";
import { demo, principalOf } from "@/tests/fixtures";

const base = process.env.DATABASE_URL;
if (!base) throw new Error("bench:send needs DATABASE_URL (a PostgreSQL it may create databases on)");
const sends = Number(process.env.BENCH_SENDS ?? 300);
const clients = Number(process.env.BENCH_CLIENTS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const name = `bench_send_${Date.now()}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const url = new URL(base);
url.pathname = `/${name}`;
const handle = openDatabase({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: String(clients) });
try {
  await migrate(handle.db, "postgres");
  await seed(handle.db);
  const d = await demo(handle.db);
  const jean = await principalOf(handle.db, d.jean);
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  const input = {
    mailboxId: d.jeanBox.id,
    to: "Dr Claire Martin <claire.martin@msp-duval.mssante.fr>, antoine.leroy@medecin.mssante.fr",
    cc: "cardiologie@ch-troispics.mssante.fr",
    subject: "Compte rendu de consultation",
    body: "Chère consœur,\n".repeat(40),
  };
  const sendOnce = async () => {
    const started = performance.now();
    const result = await runAction(handle.db, jean, meta, sendSpec, input);
    if (!result.ok) throw new Error(result.error);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await sendOnce(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < sends; i++) times.push(await sendOnce());
  times.sort((a, b) => a - b);
  const pct = (p: number) => Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2));

  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await sendOnce();
        done++;
      }
    }),
  );
  console.log(
    JSON.stringify(
      { bench: "send", driver: "postgres", sequential: { sends, p50_ms: pct(50), p95_ms: pct(95), p99_ms: pct(99) }, concurrent: { clients, seconds, sends_per_second: Number((done / seconds).toFixed(1)) } },
      null,
      2,
    ),
  );
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
