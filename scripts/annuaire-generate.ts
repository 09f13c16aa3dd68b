/** `npm run annuaire:generate -- <rows> <out.txt>`: a synthetic extraction in the national format (no real data). */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { generateLines } from "@/lib/annuaire/generate";

const rows = Number(process.argv[2] ?? 1000);
const out = process.argv[3] ?? "annuaire.txt";
await pipeline(
  Readable.from(
    (function* () {
      for (const line of generateLines(rows)) yield `${line}\n`;
    })(),
  ),
  createWriteStream(out),
);
console.log(JSON.stringify({ rows, file: out }));
