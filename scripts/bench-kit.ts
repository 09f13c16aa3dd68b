/**
 * What the benchmarks share: a throwaway database on the PostgreSQL of
 * DATABASE_URL, the production server started on it (behind Debian's
 * HAProxy where a bench measures what a browser gets), a logged-in session,
 * and percentiles.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrate } from "@/db/migrate";
import { DEMO_PASSWORD, seed } from "@/db/seed";
import { BALANCER_COMPRESSION, serverNodeOptions } from "./server-env";

export function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
  return { n: sorted.length, p50_ms: at(50), p95_ms: at(95), p99_ms: at(99) };
}

/**
 * The bench's database on the PostgreSQL of DATABASE_URL, migrated and demo-seeded. BENCH_DATABASE names one
 * to use as it is (created when missing, kept afterwards: a loaded bench database is reused by the next run);
 * otherwise a throwaway one, `${BENCH_DATABASE_PREFIX ?? prefix}_<time>`, dropped by `drop()`.
 */
export async function throwawayDatabase(
  prefix: string,
  poolSize = 10,
): Promise<{ url: string; handle: DbHandle; drop: () => Promise<void>; reused: boolean }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error(`${prefix} needs DATABASE_URL (a PostgreSQL it may create databases on)`);
  const named = process.env.BENCH_DATABASE;
  const name = named ?? `${process.env.BENCH_DATABASE_PREFIX ?? prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
  const reused = rowCount === 1;
  if (!reused) await admin.query(`create database "${name.replaceAll('"', '""')}"`);
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(name)}`;
  const handle = openDatabase({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: String(poolSize) });
  await migrate(handle.db, "postgres");
  await seed(handle.db);
  const keep = named !== undefined || process.env.BENCH_KEEP === "1";
  return {
    url: url.toString(),
    handle,
    reused,
    drop: async () => {
      await handle.close();
      if (keep) console.error(`database kept: ${url}`);
      else await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A file of /proc, or nothing when its process is gone (processes come and go while they are read). */
function proc(file: string): string {
  try {
    return readFileSync(`/proc/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** A process's children. */
const childrenOf = (pid: number): number[] => proc(`${pid}/task/${pid}/children`).split(" ").filter(Boolean).map(Number);

/** Peak resident memory (VmHWM) of a process and its children, in MB. */
function peakMemoryMb(pid: number): number {
  const own = /VmHWM:\s+(\d+) kB/.exec(proc(`${pid}/status`))?.[1];
  return Number(own ?? 0) / 1024 + childrenOf(pid).reduce((sum, child) => sum + peakMemoryMb(child), 0);
}

/** The kernel's clock ticks per second, in which /proc counts CPU time. */
let ticksPerSecond: number | undefined;

/** User and system CPU time of one process so far, in ms (fields 14 and 15 of /proc/PID/stat, after the command's name). */
function processCpuMs(pid: number | string): number {
  const stat = proc(`${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  ticksPerSecond ??= Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim());
  return ((Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000) / ticksPerSecond;
}

/** CPU time of a process and its children so far, in ms. */
const treeCpuMs = (pid: number): number => processCpuMs(pid) + childrenOf(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);

/** CPU time of PostgreSQL's processes on this machine so far, in ms (its backends, writers and vacuum alike). */
const postgresCpuMs = (): number =>
  readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry) && proc(`${entry}/comm`).trim() === "postgres")
    .reduce((sum, pid) => sum + processCpuMs(pid), 0);

/** A session for `login`, logged in as a person would, through next-auth's credentials endpoint. */
async function signIn(origin: string, login: string) {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const signedIn = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; "), Origin: origin },
    body: new URLSearchParams({ csrfToken, login, password: DEMO_PASSWORD }),
  });
  const cookie = [...cookies, ...signedIn.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  return {
    cookie,
    /** GET a page as the logged-in person; throws unless 200. */
    get: async (path: string) => {
      const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      await response.text();
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    },
  };
}

/**
 * Debian's HAProxy in front of the server, as docs/deploy.md lays out production: the balancer gzips what
 * the browser gets, the server (HTTP_COMPRESSION=off) does not. Listens on `front`, forwards to `back`.
 */
function startBalancer(front: number, back: number): ChildProcess {
  const config = path.join(mkdtempSync(path.join(tmpdir(), "bench-haproxy-")), "haproxy.cfg");
  writeFileSync(
    config,
    `defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option forwardfor
frontend webmail
  bind 127.0.0.1:${front}
${BALANCER_COMPRESSION}
  default_backend instance
backend instance
  server app 127.0.0.1:${back}
`,
  );
  return spawn(process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy", ["-f", config, "-db"], { stdio: "ignore", detached: true });
}

/**
 * `next start` of the production build in `dir` (it must exist). `balanced`: reached through HAProxy on
 * `port + 1000`, which compresses instead of the server. Ready once `ready` answers.
 */
export async function startNext(
  port: number,
  env: Record<string, string>,
  { balanced = false, dir = ".", ready = "/" }: { balanced?: boolean; dir?: string; ready?: string } = {},
) {
  if (!existsSync(path.join(dir, ".next/BUILD_ID")))
    throw new Error(`the benchmarks measure a production build: run \`next build ${dir}\` first`);
  const server: ChildProcess = spawn(path.resolve("node_modules/.bin/next"), ["start", dir, "-p", String(port)], {
    // SMTP off unless a bench asks for it, so benches never collide on its port.
    env: {
      ...process.env,
      SMTP_PORT: "0",
      ...(balanced ? { HTTP_COMPRESSION: "off" } : {}),
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
  const balancer = balanced ? startBalancer(port + 1000, port) : null;
  const origin = `http://127.0.0.1:${balanced ? port + 1000 : port}`;
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`${origin}${ready}`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    origin,
    peakMemoryMb: () => Number(peakMemoryMb(server.pid!).toFixed(1)),
    balancerPeakMemoryMb: () => (balancer ? Number(peakMemoryMb(balancer.pid!).toFixed(1)) : null),
    /** CPU time used so far, in ms, by the server, the balancer, PostgreSQL and this bench itself (the client). */
    cpuMs: () => {
      const client = process.cpuUsage();
      return {
        server: treeCpuMs(server.pid!),
        balancer: balancer ? treeCpuMs(balancer.pid!) : 0,
        postgres: postgresCpuMs(),
        client: (client.user + client.system) / 1000,
      };
    },
    /** Resolves once the server and the balancer are gone: a bench run right after finds their ports free. */
    stop: async () => {
      const running = [server, balancer].filter(
        (child): child is ChildProcess => child?.pid !== undefined && child.exitCode === null && child.signalCode === null,
      );
      const exited = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
      for (const child of running) process.kill(-child.pid!, "SIGTERM");
      await Promise.all(exited);
    },
  };
}

/** The project's server on the database, with a session for `login`. */
export async function startServer(
  databaseUrl: string,
  port: number,
  login: string,
  env: Record<string, string> = {},
  { balanced = false }: { balanced?: boolean } = {},
) {
  const server = await startNext(
    port,
    {
      NODE_OPTIONS: serverNodeOptions({ NODE_OPTIONS: process.env.NODE_OPTIONS, DATABASE_URL: databaseUrl }),
      ...env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-secret-0123456789abcdef",
    },
    { balanced, ready: "/login" },
  );
  return {
    ...server,
    ...(await signIn(server.origin, login)),
    /** Another person's session on the same server. */
    as: (other: string) => signIn(server.origin, other),
  };
}

/** The report the benches send, in the words of the corpus `npm run bench` loads (its first lines). */
export const REPORT_PHRASES = [
  "Patient adressé pour une douleur thoracique atypique à l'effort.",
  "L'échocardiographie transthoracique retrouve une fraction d'éjection conservée.",
  "Pas de valvulopathie significative, pas d'épanchement péricardique.",
  "Le holter ECG ne montre pas de trouble du rythme soutenu.",
  "Insuffisance cardiaque à fraction d'éjection altérée, stade NYHA II.",
  "Introduction d'un bêtabloquant à faible dose, à augmenter progressivement.",
];

/** What the benches send: a short consultation report to ten boxes of the demo hospital. */
export function sendForm(mailboxId: string) {
  const form = new FormData();
  form.set("mailboxId", mailboxId);
  form.set("to", Array.from({ length: 10 }, (_, i) => `bench.${i + 1}@ch-troispics.mssante.fr`).join(", "));
  form.set("subject", "Compte rendu de consultation — Josette FAURE");
  form.set("body", REPORT_PHRASES.join("\n"));
  return form;
}

/**
 * A server action of the production build in `dir`, called as the browser calls it: the arguments in React's
 * reply encoding, posted to a page that has the action, and the answer read back as the browser's router reads it.
 */
export function serverAction<State>(exportedName: string, page: string, dir = ".") {
  const manifest = JSON.parse(readFileSync(path.join(dir, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const actionId = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName && page in a.workers)?.[0];
  if (!actionId) throw new Error(`${exportedName} (${page}) not found in the build`);
  const { encodeReply, createFromFetch } = createRequire(import.meta.url)(
    "next/dist/compiled/react-server-dom-turbopack/client.node.js",
  ) as {
    encodeReply: (value: unknown) => Promise<FormData | string>;
    createFromFetch: (response: Promise<Response>, options: object) => Promise<{ a: Promise<State> }>;
  };
  const noModules = { serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null } };
  return async (origin: string, to: string, args: unknown[], cookie?: string) => {
    const response = fetch(`${origin}${to}`, {
      method: "POST",
      headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
      body: await encodeReply(args),
    });
    return { state: await (await createFromFetch(response, noModules)).a, status: (await response).status };
  };
}

/** CPU time per operation, in ms, between two readings of `cpuMs()` spanning `operations` operations. */
export function cpuPerOperation(before: Record<string, number>, after: Record<string, number>, operations: number) {
  return Object.fromEntries(Object.keys(before).map((key) => [key, Number(((after[key] - before[key]) / operations).toFixed(2))]));
}

/** Time `run` `n` times after `warm` untimed runs. */
export async function timed(n: number, run: (i: number) => Promise<unknown>, warm = 10) {
  for (let i = 0; i < warm; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return stats(times);
}

/** `clients` loops running `run` for `seconds`: completed runs per second. */
export async function throughput(clients: number, seconds: number, run: () => Promise<unknown>) {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await run();
        done++;
      }
    }),
  );
  return { clients, seconds, per_second: Number((done / seconds).toFixed(1)) };
}
