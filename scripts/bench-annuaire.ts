/**
 * `npm run bench:annuaire`: on a throwaway database of the PostgreSQL of
 * DATABASE_URL, generate BENCH_ROWS (545,000) synthetic rows, import them,
 * then run a fixed mix of BENCH_SEARCHES (1,000) searches — surname
 * prefixes, full names, city + profession, RPPS — timed in the query
 * module and end to end over HTTP against the production build
 * (`next build` first). Prints JSON.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { annuaireQuery, searchAnnuaire, type AnnuaireQuery } from "@/db/queries/annuaire";
import { DEMO_PASSWORD, seed } from "@/db/seed";
import { generateLines, generateRows } from "@/lib/annuaire/generate";
import { importDirectory } from "@/lib/annuaire/import";
import { openExtraction, readExtraction } from "@/lib/annuaire/parse";

const base = process.env.DATABASE_URL;
if (!base) throw new Error("bench:annuaire needs DATABASE_URL (a PostgreSQL it may create databases on)");
if (!existsSync(".next/BUILD_ID")) throw new Error("bench:annuaire measures the production build: run `npm run build` first");
const rows = Number(process.env.BENCH_ROWS ?? 545_000);
const searches = Number(process.env.BENCH_SEARCHES ?? 1_000);
const port = Number(process.env.BENCH_PORT ?? 3300);

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
  return { n: sorted.length, p50_ms: at(50), p95_ms: at(95), p99_ms: at(99) };
};

/** The fixed mix, drawn from the same generator as the file. */
function mix(): AnnuaireQuery[] {
  const people = [...generateRows(Math.min(rows, 20_000), 42)].filter((r) => r[0] === "PER");
  const out: AnnuaireQuery[] = [];
  for (let i = 0; out.length < searches; i++) {
    const p = people[(i * 7919) % people.length];
    const [lastName, firstName, rpps, city, profession] = [p[9], p[10], p[3], p[27].replace(/^\d+\s*/, ""), p[13]];
    const kind = i % 20;
    if (kind < 8) out.push({ q: lastName.slice(0, 2 + (i % 3)).toLowerCase() });
    else if (kind < 13) out.push({ q: `${firstName} ${lastName}` });
    else if (kind < 17) out.push({ place: city, profession });
    else out.push({ q: rpps });
  }
  return out;
}

const name = `bench_annuaire_${Date.now()}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const url = new URL(base);
url.pathname = `/${name}`;
const handle = openDatabase({ DATABASE_URL: url.toString() });
const dir = await mkdtemp(path.join(tmpdir(), "bench-annuaire-"));
let server: ReturnType<typeof spawn> | null = null;
try {
  await migrate(handle.db, "postgres");
  await seed(handle.db);
  const file = path.join(dir, "extraction.txt");
  await writeFile(file, (function* () {
    for (const line of generateLines(rows)) yield `${line}\n`;
  })());

  const { stream } = await openExtraction(file);
  const imported = await importDirectory(handle, readExtraction(stream), { ip: null, userAgent: "bench" });

  const queries = mix();
  for (const q of queries.slice(0, 50)) await searchAnnuaire(handle.db, q); // warm-up
  const query: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await searchAnnuaire(handle.db, q);
    query.push(performance.now() - t);
  }

  server = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: { ...process.env, DATABASE_URL: url.toString(), AUTH_SECRET: "bench-secret-0123456789abcdef", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${origin}/login`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // Log in as a person would through next-auth's credentials endpoint.
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const login = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; "), Origin: origin },
    body: new URLSearchParams({ csrfToken, login: "claire.martin", password: DEMO_PASSWORD }),
  });
  const cookie = [...cookies, ...login.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  const page = (q: AnnuaireQuery) => `${origin}/annuaire?${new URLSearchParams(Object.entries(annuaireQuery.parse(q)).filter(([, v]) => v) as [string, string][])}`;
  const check = await fetch(page({ q: "dupont" }), { headers: { Cookie: cookie }, redirect: "manual" });
  if (check.status !== 200) throw new Error(`login failed: /annuaire answered ${check.status}`);
  for (const q of queries.slice(0, 20)) await (await fetch(page(q), { headers: { Cookie: cookie } })).text();
  const http: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const response = await fetch(page(q), { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    http.push(performance.now() - t);
  }
  console.log(
    JSON.stringify(
      {
        bench: "annuaire",
        rows_generated: rows,
        rows_imported: imported.rows,
        import_seconds: imported.seconds,
        searches,
        mix: "40% surname prefixes (2-4 letters), 25% full names, 20% city + profession, 15% RPPS",
        query: stats(query),
        http_page: stats(http),
      },
      null,
      2,
    ),
  );
} finally {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await handle.close();
  await rm(dir, { recursive: true, force: true });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
