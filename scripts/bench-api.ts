/**
 * `npm run bench:api`: the software API of the production server (`next start`,
 * needs `npm run build`) on a throwaway database of DATABASE_URL. BENCH_CLIENTS
 * (10) programs, each with its own token of the applicative box, POST letters
 * to /api/v1/messages for BENCH_SECONDS (10); one request in ten is a retry of
 * an earlier one (same Idempotency-Key, same body), answered from the stored
 * answer. Prints JSON: accepted messages per second, latency percentiles of
 * new sends and of retries, and any other answer.
 */
import { apiTokens } from "@/db/schema";
import { newSecret } from "@/lib/api/tokens";
import { demo } from "@/tests/fixtures";
import { startServer, stats, throwawayDatabase } from "./bench-kit";

const clients = Number(process.env.BENCH_CLIENTS ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const port = 3400;

const { url, handle, drop } = await throwawayDatabase("bench_api", 10);
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  const d = await demo(handle.db);
  const secrets = [];
  for (let i = 0; i < clients; i++) {
    const { secret, secretHash, prefix } = newSecret();
    await handle.db.insert(apiTokens).values({ mailboxId: d.app.id, label: `bench ${i}`, secretHash, prefix, createdBy: d.sophie.id });
    secrets.push(secret);
  }
  server = await startServer(url, port, "jean.dupont");
  const origin = server.origin;
  const letter = (n: number) =>
    JSON.stringify({
      to: [d.jeanBox.address],
      subject: `Compte rendu de consultation n° ${n}`,
      body: "Madame, Monsieur,\n\nVeuillez trouver ci-dessous le compte rendu de la consultation.\n".repeat(10),
    });
  const post = (secret: string, key: string, body: string) =>
    fetch(`${origin}/api/v1/messages`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secret}`, "Idempotency-Key": key, "Content-Type": "application/json" },
      body,
    });

  // Warm-up: the route's first requests compile nothing in production, but fill the pools.
  for (const secret of secrets) await (await post(secret, crypto.randomUUID(), letter(0))).text();

  const sends: number[] = [];
  const retries: number[] = [];
  const others: Record<string, number> = {};
  let accepted = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    secrets.map(async (secret) => {
      const mine: { key: string; body: string }[] = [];
      while (performance.now() < until) {
        const retry = mine.length > 0 && n % 10 === 9;
        const request = retry ? mine[Math.floor(Math.random() * mine.length)] : { key: crypto.randomUUID(), body: letter(++n) };
        if (retry) n++;
        const started = performance.now();
        const response = await post(secret, request.key, request.body);
        await response.text();
        const elapsed = performance.now() - started;
        if (response.status !== 202) others[response.status] = (others[response.status] ?? 0) + 1;
        else if (retry) retries.push(elapsed);
        else {
          sends.push(elapsed);
          accepted++;
          mine.push(request);
        }
      }
    }),
  );
  console.log(
    JSON.stringify(
      {
        bench: "api",
        driver: "postgres",
        clients,
        seconds,
        accepted_per_second: Number((accepted / seconds).toFixed(1)),
        send: stats(sends),
        retry: retries.length > 0 ? stats(retries) : null,
        other_answers: others,
        server_peak_rss_mb: server.peakMemoryMb(),
      },
      null,
      2,
    ),
  );
} finally {
  await server?.stop();
  await drop();
}
