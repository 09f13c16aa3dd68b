/**
 * `npm run bench:annuaire`: on a throwaway database of the PostgreSQL of
 * DATABASE_URL, generate BENCH_ROWS (545,000) synthetic rows, import them,
 * then run a fixed mix of BENCH_SEARCHES (1,000) searches — surname
 * prefixes, full names, city + profession, RPPS — timed in the query
 * module and end to end over HTTP against the production build
 * (`next build` first). Prints JSON.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { annuaireQuery, searchAnnuaire, type AnnuaireQuery } from "@/db/queries/annuaire";
import { generateLines, generateRows } from "@/lib/annuaire/generate";
import { importDirectory } from "@/lib/annuaire/import";
import { openExtraction, readExtraction } from "@/lib/annuaire/parse";
import { startServer, throwawayDatabase, timed } from "./bench-kit";

const rows = Number(process.env.BENCH_ROWS ?? 545_000);
const searches = Number(process.env.BENCH_SEARCHES ?? 1_000);
const port = Number(process.env.BENCH_PORT ?? 3300);

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

const { url, handle, drop } = await throwawayDatabase("bench_annuaire");
const dir = await mkdtemp(path.join(tmpdir(), "bench-annuaire-"));
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  const file = path.join(dir, "extraction.txt");
  await writeFile(
    file,
    (function* () {
      for (const line of generateLines(rows)) yield `${line}\n`;
    })(),
  );

  const { stream } = await openExtraction(file);
  const imported = await importDirectory(handle, readExtraction(stream), { ip: null, userAgent: "bench" });

  const queries = mix();
  const query = await timed(queries.length, (i) => searchAnnuaire(handle.db, queries[i]), 50);
  server = await startServer(url, port, "claire.martin");
  const page = (q: AnnuaireQuery) =>
    `/annuaire?${new URLSearchParams(Object.entries(annuaireQuery.parse(q)).filter(([, v]) => v) as [string, string][])}`;
  const http = await timed(queries.length, (i) => server!.get(page(queries[i])), 20);
  console.log(
    JSON.stringify(
      {
        bench: "annuaire",
        rows_generated: rows,
        rows_imported: imported.rows,
        import_seconds: imported.seconds,
        searches,
        mix: "40% surname prefixes (2-4 letters), 25% full names, 20% city + profession, 15% RPPS",
        query,
        http_page: http,
      },
      null,
      2,
    ),
  );
} finally {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
  await drop();
}
