import { execFile, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { serverNodeOptions } from "../scripts/server-env";
import { port } from "./instances";

/**
 * A primary and its streaming replica made with Debian's own tools, as docs/deploy.md describes them, and the
 * production build served on both (DATABASE_URL and DATABASE_REPLICA_URL): e2e/replica.spec.ts. Names and ports
 * follow E2E_PORT, so runs on other ports never share a cluster.
 */
export const replicaRun = {
  web: port + 1030,
  smtp: port + 1031,
  primary: { name: `e2e_primary_${port}`, port: port + 1032 },
  replica: { name: `e2e_replica_${port}`, port: port + 1033 },
};

/** The newest PostgreSQL installed (/usr/lib/postgresql/<version>): both clusters and pg_basebackup must be of one version. */
let installed: string | undefined;
const version = () =>
  (installed ??= readdirSync("/usr/lib/postgresql")
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0]);
const dataDir = (name: string) => `/var/lib/postgresql/${version()}/${name}`;
const url = (clusterPort: number, database: string) => `postgres://postgres@127.0.0.1:${clusterPort}/${database}`;

const exec = promisify(execFile);
const run = (command: string, args: string[], env = process.env) => exec(command, args, { env });
/** Files of a cluster belong to postgres: root runs its tools as postgres. */
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, args);

// Trust on the loopback for connections and replication alike (initdb's own pg_hba.conf); fsync off: a test's data.
const createCluster = ({ name, port: clusterPort }: { name: string; port: number }) =>
  run("pg_createcluster", [
    version(),
    name,
    "-p",
    String(clusterPort),
    "--start-conf=manual",
    "-o",
    "fsync=off",
    "--",
    "--auth=trust",
    "--no-sync",
  ]);

const start = (name: string) => run("pg_ctlcluster", ["--skip-systemctl-redirect", version(), name, "start"]);

async function dropCluster(name: string) {
  const { stdout } = await run("pg_lsclusters", ["--no-header"]);
  if (stdout.split("\n").some((line) => line.split(/\s+/)[1] === name)) await run("pg_dropcluster", ["--stop", version(), name]);
}

async function query(clusterPort: number, text: string) {
  const client = new pg.Client({ connectionString: url(clusterPort, "postgres") });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A fresh primary, migrated and demo-seeded by `npm run db:seed`, then its replica: a base backup taken with
 * `pg_basebackup -R` (standby.signal and primary_conninfo written for it) into a cluster of its own, streaming;
 * and the webmail on both. What was left of an interrupted run is dropped first.
 */
export async function webmailWithReplica() {
  const { primary, replica } = replicaRun;
  const primaryUrl = url(primary.port, "webmail");
  const drop = () => Promise.all([dropCluster(replica.name), dropCluster(primary.name)]);
  await drop();
  let starting: ReturnType<typeof startWebmail> | undefined;
  try {
    await Promise.all([
      (async () => {
        await createCluster(primary);
        await start(primary.name);
        await query(primary.port, "create database webmail");
        await run("node_modules/.bin/tsx", ["scripts/seed.ts"], { ...process.env, DATABASE_URL: primaryUrl });
      })(),
      // Its configuration (port) stays under /etc; pg_basebackup writes into the emptied data directory.
      createCluster(replica).then(() => run("find", [dataDir(replica.name), "-mindepth", "1", "-delete"])),
    ]);
    // The server opens its replica connections on the first list it reads: it starts while the backup is taken.
    starting = startWebmail(primaryUrl, url(replica.port, "webmail"));
    const [server] = await Promise.all([
      starting,
      (async () => {
        await asPostgres("pg_basebackup", ["-d", url(primary.port, "postgres"), "-D", dataDir(replica.name), "-R", "-c", "fast"]);
        await start(replica.name);
      })(),
    ]);
    return {
      ...server,
      /** Replay stops where it is: what the primary commits from now on is not on the replica. */
      pause: () => query(replica.port, "select pg_wal_replay_pause()"),
      /** Whether replay has actually stopped (pausing is asked, then happens). */
      paused: async () => (await query(replica.port, "select pg_get_wal_replay_pause_state() as state"))[0].state === "paused",
      resume: () => query(replica.port, "select pg_wal_replay_resume()"),
      /** The replica's server goes away (a crash, a failover). */
      stopReplica: () => run("pg_ctlcluster", ["--skip-systemctl-redirect", "--mode", "immediate", version(), replica.name, "stop"]),
      close: async () => {
        await server.stop();
        await drop();
      },
    };
  } catch (error) {
    await starting?.then((server) => server.stop()).catch(() => {});
    await drop();
    throw error;
  }
}

/** `next start` of the production build the suite's web server made, as `npm start` runs it, on the primary and its replica; its output kept to read. */
async function startWebmail(primaryUrl: string, replicaUrl: string) {
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(replicaRun.web)], {
    env: {
      ...process.env,
      DATABASE_URL: primaryUrl,
      DATABASE_REPLICA_URL: replicaUrl,
      SMTP_PORT: String(replicaRun.smtp),
      AUTH_SECRET: "e2e-replica-secret-not-for-production-0123",
      UNDO_SEND_SECONDS: "0",
      LIVE_REFRESH_SECONDS: "2",
      LOGIN_FREE_FAILURES_IP: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: serverNodeOptions({ DATABASE_URL: primaryUrl }),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  for (const stream of [server.stdout, server.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const origin = `http://127.0.0.1:${replicaRun.web}`;
  const up = async () => (await fetch(`${origin}/login`).catch(() => null))?.ok === true;
  // Killed outright: its data goes with the clusters, and a graceful stop waits on the browsers' open connections.
  const stop = async () => {
    if (server.exitCode === null) process.kill(-server.pid!, "SIGKILL");
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (!(await up())) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, output: () => output, stop };
}
