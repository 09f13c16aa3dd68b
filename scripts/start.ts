/**
 * `npm start`: the whole set-up in one command. Uses PGlite under .data/ when
 * DATABASE_URL is unset (migrated and seeded), builds the app when the build
 * is missing or older than the sources, then serves it with `next start`.
 *   --fresh   wipe the database first (tests use it; destroys all data)
 *   PORT      listening port (3000)
 * On the seeded embedded demo it also starts the simulated patient portal
 * (lib/patient-portal/; PATIENT_PORTAL=0 turns it off, see the README).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEFAULT_PGLITE_DIR } from "@/db/client";
import { trustedProxies } from "@/lib/http/forwarded";
import { forgetDemoPortalMail, startDemoPortal } from "@/lib/patient-portal/demo";
import { fr as portalFr } from "@/lib/patient-portal/fr";
import { prepareDatabase, printDemoAccounts, type Demo } from "./db";
import { serverNodeOptions } from "./server-env";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = ".data/auth-secret";
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function wipe() {
  forgetDemoPortalMail();
  if (!process.env.DATABASE_URL) {
    rmSync(process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(
    "drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; drop schema public cascade; create schema public;",
  );
  await client.end();
}

function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

function buildIfStale() {
  const buildId = ".next/BUILD_ID";
  const sources = [
    "app",
    "components",
    "lib",
    "db",
    "public",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.ts",
    "package.json",
    "postcss.config.mjs",
  ];
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources.map(newestSource))) return;
  console.log("Construction de l'application (next build)…");
  const result = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Read again by the server (instrumentation.ts), where a bad value would only fail every request: stop here instead.
try {
  trustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.env.AUTH_SECRET = authSecret();
if (process.argv.includes("--fresh")) await wipe();
// The embedded default always gets the demo; a real database only when asked (SEED_DEMO=1, or =peer for a second operator).
const demo: Demo = process.env.SEED_DEMO === "peer" ? "peer" : !process.env.DATABASE_URL || process.env.SEED_DEMO === "1" ? "demo" : null;
const { driver, seeded } = await prepareDatabase({ demo });
console.log(
  driver === "pglite"
    ? `Base embarquée PGlite : ${process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR}${seeded ? " (créée et remplie)" : ""}`
    : `Base PostgreSQL : DATABASE_URL${seeded ? " (données de démonstration créées)" : ""}`,
);
buildIfStale();
const port = process.env.PORT ?? "3000";
// A newcomer plays the patients' side too; never beside real data (a DATABASE_URL) nor another operator's demo.
const portal = driver === "pglite" && demo === "demo" ? await startDemoPortal(process.env) : null;
if (portal) Object.assign(process.env, portal.env);
printDemoAccounts(demo);
console.log(`Webmail : http://localhost:${port}`);
if (portal) console.log(portalFr.started(portal.url));
const server = spawn("node_modules/.bin/next", ["start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, NODE_OPTIONS: serverNodeOptions() },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
