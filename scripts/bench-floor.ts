/**
 * `npm run bench:floor`: what Next costs on this machine before any of this project's work, to read the
 * figures of `npm run bench` against. It builds scripts/floor-app (the project's Next, React and react-query,
 * its own proxy.ts, one page with one client component, and a server action that does nothing) and measures
 * it as `npm run bench` measures the project:
 * - the JavaScript a first load fetches in Debian's Chromium, of the bare page and of one polling with react-query;
 * - the action, posted with the bench's send form through HAProxy: BENCH_RUNS (100) calls one at a time after
 *   BENCH_WARM (200), then BENCH_CLIENTS (20) clients for BENCH_SECONDS (10), with the CPU each call cost the
 *   server, the balancer and the bench's own clients.
 * Prints JSON.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { launchChromium, scriptsOf } from "./bench-browser";
import { cpuPerOperation, sendForm, serverAction, startNext, throughput, timed } from "./bench-kit";
import { INSTANCE_NODE_OPTIONS } from "./server-env";

const dir = "scripts/floor-app";
const runs = Number(process.env.BENCH_RUNS ?? 100);
const warm = Number(process.env.BENCH_WARM ?? 200);
const clients = Number(process.env.BENCH_CLIENTS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3301);

execFileSync("node_modules/.bin/next", ["build", dir], { stdio: ["ignore", process.stderr, process.stderr] });
const server = await startNext(port, { NODE_OPTIONS: INSTANCE_NODE_OPTIONS }, { balanced: true, dir });
try {
  const browser = await launchChromium();
  const js = async (path: string) => scriptsOf(await browser.newPage(), `${server.origin}${path}`, dir);
  const pageJs = await js("/");
  const reactQueryJs = await js("/live");
  await browser.close();

  const send = serverAction<{ next?: string }>("send", "app/send/page", dir);
  const mailboxId = randomUUID();
  const call = async () => {
    const { state, status } = await send(server.origin, "/send", [{ ok: false }, sendForm(mailboxId)]);
    if (!state.next?.includes("notice=sent")) throw new Error(`the action answered ${status}`);
  };
  const latency = await timed(runs, call, warm);
  const before = server.cpuMs();
  const concurrent = await throughput(clients, seconds, call);
  // No database behind the floor: whatever PostgreSQL did meanwhile was not the action's.
  const { postgres: _none, ...cpu } = cpuPerOperation(before, server.cpuMs(), concurrent.per_second * seconds);
  console.log(
    JSON.stringify(
      {
        bench: "floor",
        next: (await import("next/package.json")).version,
        page_js: pageJs,
        page_with_react_query_js: reactQueryJs,
        noop_action: latency,
        concurrent_noop_actions: { ...concurrent, cpu_ms_per_call: cpu },
        served_through: "HAProxy (gzip) → next start (HTTP_COMPRESSION=off)",
        server_peak_memory_mb: server.peakMemoryMb(),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
