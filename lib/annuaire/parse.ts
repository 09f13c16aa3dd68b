import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline, Transform, type Readable } from "node:stream";
import Papa from "papaparse";
import yauzl from "yauzl";
import { fr } from "@/lib/i18n/fr";
import { COLUMNS, HEADER, toEntry, type DirectoryEntry } from "./format";

export class AnnuaireFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(fr.annuaire.errors.atLine(line, message));
  }
}

export type Progress = { rows: number; bytes: number; totalBytes: number };

/**
 * Longest line accepted, in characters. A real row is a few hundred (the
 * header, the longest line of the file, about 800): anything near this is
 * not a row, and papaparse would otherwise keep the whole line in memory.
 */
export const MAX_LINE_CHARS = 8 * 1024;

/** The extraction as a byte stream, from the .txt/.csv itself or from the first such file of a .zip. */
export async function openExtraction(file: string): Promise<{ stream: Readable; totalBytes: number }> {
  if (!file.toLowerCase().endsWith(".zip")) return { stream: createReadStream(file), totalBytes: (await stat(file)).size };
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  return new Promise((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (/\.(txt|csv)$/i.test(entry.fileName)) {
        zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve({ stream, totalBytes: entry.uncompressedSize })));
      } else zip.readEntry();
    });
    zip.on("end", () => reject(new AnnuaireFormatError(0, fr.annuaire.errors.emptyZip)));
    zip.readEntry();
  });
}

/** The text passed through unchanged until a line grows past `max`: refused there, with its number, before any more is read. */
function boundedLines(max: number) {
  let line = 1;
  let length = 0;
  return new Transform({
    decodeStrings: false,
    transform(chunk: string, _encoding, done) {
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf("\n", start);
        length += (newline === -1 ? chunk.length : newline) - start;
        if (length > max) return done(new AnnuaireFormatError(line, fr.annuaire.errors.lineTooLong(max)));
        if (newline === -1) return done(null, chunk);
        line++;
        length = 0;
        start = newline + 1;
      }
    },
  });
}

/** Rows grouped by `size`: one await per group rather than per row. */
function batches(size: number) {
  let batch: string[][] = [];
  return new Transform({
    objectMode: true,
    transform(row: string[], _encoding, done) {
      batch.push(row);
      if (batch.length < size) return done();
      const full = batch;
      batch = [];
      done(null, full);
    },
    flush(done) {
      done(null, batch.length ? batch : null);
    },
  });
}

/**
 * Read the extraction in batches of entries, never the whole file in
 * memory. papaparse in fast mode: the file is "|"-separated without quoting,
 * so each line is one row and its position is the line number. The exact
 * header is required; a row with the wrong number of columns, bytes that
 * are not UTF-8 or a line longer than any row stops the import with its line
 * number. Duplicate addresses are kept once.
 */
export async function* readExtraction(
  stream: Readable,
  onProgress?: (p: Omit<Progress, "totalBytes">) => void,
): AsyncGenerator<DirectoryEntry[]> {
  let bytes = 0;
  // Decoded by the stream itself, so a character split between two chunks stays whole.
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => (bytes += Buffer.byteLength(chunk)));
  const rows = pipeline(
    stream,
    boundedLines(MAX_LINE_CHARS),
    Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: "|", fastMode: true }),
    batches(1000),
    () => {},
  );
  const seen = new Set<string>();
  let headerSeen = false;
  let line = 0;
  let count = 0;
  try {
    for await (const batch of rows as AsyncIterable<string[][]>) {
      const entries: DirectoryEntry[] = [];
      for (const record of batch) {
        line++;
        if (record.length === 1 && record[0] === "") continue;
        if (record.some((f) => f.includes("\uFFFD"))) throw new AnnuaireFormatError(line, fr.annuaire.errors.encoding);
        if (!headerSeen) {
          if (record.join("|").replace(/^\uFEFF/, "") !== HEADER) throw new AnnuaireFormatError(line, fr.annuaire.errors.header);
          headerSeen = true;
          continue;
        }
        if (record.length !== COLUMNS.length)
          throw new AnnuaireFormatError(line, fr.annuaire.errors.columns(record.length, COLUMNS.length));
        const entry = toEntry(record);
        if (!entry.address.includes("@")) throw new AnnuaireFormatError(line, fr.annuaire.errors.address(record[1] ?? ""));
        if (seen.has(entry.address)) continue;
        seen.add(entry.address);
        entries.push(entry);
      }
      count += entries.length;
      onProgress?.({ rows: count, bytes });
      if (entries.length) yield entries;
    }
  } finally {
    rows.destroy();
  }
  if (!headerSeen) throw new AnnuaireFormatError(1, fr.annuaire.errors.header);
  onProgress?.({ rows: count, bytes });
}
