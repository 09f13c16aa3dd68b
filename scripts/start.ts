/**
 * `npm start`: the whole set-up in one command. Uses PGlite under .data/ when
 * DATABASE_URL is unset (migrated and seeded), builds the app when the build
 * is missing or older than the sources, then serves it with `next start`.
 *   --fresh   wipe the database first (tests use it; destroys all data)
 *   PORT      listening port (3000)
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { DEFAULT_PGLITE_DIR } from "@/db/client";
import { prepareDatabase, printDemoAccounts } from "./db";

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
  if (!process.env.DATABASE_URL) {
    rmSync(process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR, { recursive: true, force: true });
    return;
  }
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await sql.unsafe("drop schema if exists drizzle cascade; drop schema public cascade; create schema public;");
  await sql.end();
}

function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

function buildIfStale() {
  const buildId = ".next/BUILD_ID";
  const sources = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "package.json", "postcss.config.mjs"];
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources.map(newestSource))) return;
  console.log("Construction de l'application (next build)…");
  const result = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.AUTH_SECRET = authSecret();
if (process.argv.includes("--fresh")) await wipe();
const embedded = !process.env.DATABASE_URL;
const { driver, seeded } = await prepareDatabase({ seedDemo: embedded || process.env.SEED_DEMO === "1" });
console.log(
  driver === "pglite"
    ? `Base embarquée PGlite : ${process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR}${seeded ? " (créée et remplie)" : ""}`
    : `Base PostgreSQL : DATABASE_URL${seeded ? " (données de démonstration créées)" : ""}`,
);
buildIfStale();
const port = process.env.PORT ?? "3000";
printDemoAccounts();
console.log(`Webmail : http://localhost:${port}`);
const server = spawn("node_modules/.bin/next", ["start", "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
