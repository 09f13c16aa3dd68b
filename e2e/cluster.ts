/**
 * Several instances on one PostgreSQL, for e2e/cluster.spec.ts: a database of their own beside the e2e
 * one, two `next start` of the production build Playwright's web server made, each with its SMTP
 * listener and delivery worker, and Debian's HAProxy balancing them request by request.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import pg from "pg";
import { BALANCER_COMPRESSION, serverNodeOptions } from "../scripts/server-env";
import { borderPki, port } from "./instances";

const DIR = path.resolve(".data/e2e-cluster");

export const balancerOrigin = `http://127.0.0.1:${port + 1012}`;
export const instances = [
  { name: "app1", port: port + 1010, smtpPort: port + 1020 },
  { name: "app2", port: port + 1011, smtpPort: port + 1021 },
] as const;
export type InstanceName = (typeof instances)[number]["name"];
/** How long a job may stay taken before pg-boss hands it out again (15 minutes in production). */
export const QUEUE_EXPIRE_SECONDS = 10;
export const otherThan = (name: string): InstanceName => (name === "app1" ? "app2" : "app1");

/** The PKI both instances present on their SMTP ports and verify peers against (the test peer presents it too). */
export const clusterPki = () => borderPki(path.join(DIR, "pki"));

/** `<database of DATABASE_URL>_cluster` on the same server. */
function clusterUrl() {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${url.pathname.slice(1)}_cluster`;
  return url;
}

async function until(what: string, ready: () => Promise<boolean>, died?: () => string | null, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await ready())) {
    const death = died?.();
    if (death) throw new Error(`${what}: ${death}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A process in a group of its own (so a kill reaches its children), its output in DIR/<name>.log. */
function start(name: string, command: string, args: string[], env: Record<string, string | undefined>) {
  const log = path.join(DIR, `${name}.log`);
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const out = createWriteStream(log);
  // Both streams into one file, closed once the process has gone.
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exit = `exited (${signal ?? code}), see ${log}`;
      out.end(`\n[e2e/cluster.ts] ${new Date().toISOString()} ${exit}\n`);
      resolve();
    }),
  );
  return { child, log, exited, died: () => exit };
}

type Started = ReturnType<typeof start>;

/** Signal a process's group; one that has not exited 5 s after a SIGTERM is killed. */
async function stop(started: Started, signal: NodeJS.Signals): Promise<void> {
  if (started.died() || !started.child.pid) return;
  try {
    process.kill(-started.child.pid, signal);
  } catch {
    return; // already gone
  }
  const timedOut = await Promise.race([
    started.exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000).unref()),
  ]);
  if (timedOut) await stop(started, "SIGKILL");
}

const answers = (url: string) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );

/** One command on HAProxy's runtime API (its admin socket). */
async function haproxyCommand(socketPath: string, command: string) {
  const answer = await new Promise<string>((resolve, reject) => {
    let text = "";
    const socket = connect(socketPath, () => socket.write(`${command}\n`));
    socket.on("data", (chunk) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  // HAProxy answers nothing to a command it carried out.
  if (answer.trim()) throw new Error(`haproxy: ${command}: ${answer.trim()}`);
}

function haproxyConfig(socketPath: string) {
  return `global
  stats socket ${socketPath} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # The instances believe X-Forwarded-For from loopback (TRUSTED_PROXIES), so sessions and audit record the browser.
  option forwardfor
  # A request refused at connect (an instance just killed, not yet marked down) goes to another.
  retries 2
  option redispatch 1

frontend webmail
  bind 127.0.0.1:${port + 1012}
  # The balancer compresses; the instances do not (HTTP_COMPRESSION=off), as docs/deploy.md lays it out.
${BALANCER_COMPRESSION}
  default_backend instances

backend instances
  # No stickiness: each request goes to the next instance, whatever served the previous one.
  balance roundrobin
  option httpchk
  http-check send meth GET uri /login ver HTTP/1.1 hdr host 127.0.0.1
  http-check expect status 200
  http-response set-header X-Served-By %s
${instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check inter 1s fall 2 rise 1`).join("\n")}
`;
}

/** Nothing may listen on the cluster's ports yet: a server left over by an earlier run would pass for ours. */
async function assertFree(ports: number[]) {
  for (const port of ports) {
    const taken = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1")
        .once("connect", () => {
          socket.destroy();
          resolve(true);
        })
        .once("error", () => resolve(false));
    });
    if (taken) throw new Error(`port ${port} is already in use (a cluster of an earlier run still up?)`);
  }
}

/** Runs statements on the server's maintenance connection (DATABASE_URL's database). */
async function onServer(...statements: string[]) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}
const dropDatabase = (name: string) => onServer(`drop database if exists "${name}" with (force)`);

/** Fresh database, both instances, the balancer; `smtpRoutes` for SMTP_ROUTES (where the instances deliver). */
export async function startCluster({ smtpRoutes }: { smtpRoutes: string }) {
  await assertFree([port + 1012, ...instances.flatMap((i) => [i.port, i.smtpPort])]);
  mkdirSync(DIR, { recursive: true });
  const url = clusterUrl();
  const name = url.pathname.slice(1);
  await dropDatabase(name);
  await onServer(`create database "${name}"`);
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PSC_")));
  // A killed instance's jobs come back within the test, and expiry is checked every second.
  const queue = { QUEUE_EXPIRE_SECONDS: String(QUEUE_EXPIRE_SECONDS), QUEUE_MAINTENANCE_SECONDS: "1" };
  const prepare = start("database", process.execPath, ["--import", "tsx", "tests/processes/cluster-db.ts"], {
    ...base,
    ...queue,
    DATABASE_URL: url.toString(),
  });
  await prepare.exited;
  if (!readFileSync(prepare.log, "utf8").includes("cluster database ready")) throw new Error(`cluster database: see ${prepare.log}`);

  const pki = await clusterPki();
  // What every instance must share: the session cookies' secret and Next's server actions key.
  const shared = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const running: Started[] = [];
  const apps = instances.map((instance) => {
    const app = start(instance.name, "node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(instance.port)], {
      ...base,
      ...shared,
      ...queue,
      DATABASE_URL: url.toString(),
      NEXT_TELEMETRY_DISABLED: "1",
      // Node's memory settings as `npm start` gives them, whatever the test runner's own NODE_OPTIONS.
      NODE_OPTIONS: serverNodeOptions({ DATABASE_URL: url.toString() }),
      TRUSTED_PROXIES: "loopback",
      HTTP_COMPRESSION: "off",
      LIVE_REFRESH_SECONDS: "2",
      UNDO_SEND_SECONDS: "0",
      LOGIN_FREE_FAILURES_IP: "1000",
      SMTP_PORT: String(instance.smtpPort),
      SMTP_HOST: "127.0.0.1",
      // Its EHLO name: the peer tells which instance delivered.
      SMTP_HOSTNAME: instance.name,
      SMTP_TLS_CERT: pki.cert,
      SMTP_TLS_KEY: pki.key,
      SMTP_CA_FILE: pki.ca,
      SMTP_ROUTES: smtpRoutes,
      SMTP_RETRY_BASE_SECONDS: "1",
      // One delivery loop each: while one holds a delivery, the next job can only go to the other instance.
      SMTP_DELIVERY_WORKERS: "1",
    });
    running.push(app);
    return { ...instance, ...app };
  });
  const socketPath = path.join(DIR, "haproxy.sock");
  const config = path.join(DIR, "haproxy.cfg");
  const stopAll = async () => {
    await Promise.all(running.map((p) => stop(p, "SIGTERM")));
    await dropDatabase(name);
  };
  try {
    for (const app of apps) await until(app.name, () => answers(`http://127.0.0.1:${app.port}/login`), app.died);
    writeFileSync(config, haproxyConfig(socketPath));
    const haproxy = start("haproxy", process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy", ["-f", config, "-db"], process.env);
    running.push(haproxy);
    await until("haproxy", () => answers(`${balancerOrigin}/login`), haproxy.died);
  } catch (error) {
    await stopAll();
    throw error;
  }

  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const command = (line: string) => haproxyCommand(socketPath, line);
  return {
    /** The cluster's database, to look at what the instances did. */
    db,
    /** Takes an instance out of the balancer (maintenance), as before a rolling restart: every new request goes to the other. */
    disable: (server: InstanceName) => command(`disable server instances/${server}`),
    enable: (server: InstanceName) => command(`enable server instances/${server}`),
    /** kill -9: no shutdown, its connections and jobs left as they are. */
    kill: (server: InstanceName) => stop(apps[instances.findIndex((i) => i.name === server)], "SIGKILL"),
    async stop() {
      await db.end();
      await stopAll();
    },
  };
}
export type Cluster = Awaited<ReturnType<typeof startCluster>>;
