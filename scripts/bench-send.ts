/**
 * `npm run bench:send`: latency of the send path (server action core, one
 * transaction: 3 copies, 1 outbox row, audit rows) on the PostgreSQL of
 * DATABASE_URL, in a throwaway database. Prints JSON.
 *   BENCH_SENDS (300) sequential sends, then BENCH_CLIENTS (20) concurrent clients for BENCH_SECONDS (5).
 */
import { runAction } from "@/lib/actions/run";
import { sendSpec } from "@/lib/mail/compose-specs";
import { demo, principalOf } from "@/tests/fixtures";
import { throughput, throwawayDatabase, timed } from "./bench-kit";

const sends = Number(process.env.BENCH_SENDS ?? 300);
const clients = Number(process.env.BENCH_CLIENTS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const { handle, drop } = await throwawayDatabase("bench_send", clients);
try {
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
    const result = await runAction(handle.db, jean, meta, sendSpec, input);
    if (!result.ok) throw new Error(result.error);
  };
  const sequential = await timed(sends, sendOnce, 20);

  const concurrent = await throughput(clients, seconds, sendOnce);
  console.log(JSON.stringify({ bench: "send", driver: "postgres", sequential, concurrent }, null, 2));
} finally {
  await drop();
}
