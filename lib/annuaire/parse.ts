import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
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

/** The extraction as a byte stream, from the .txt/.csv itself or from the first such file of a .zip. */
export async function openExtraction(file: string): Promise<{ stream: Readable; totalBytes: number }> {
  if (!file.toLowerCase().endsWith(".zip")) return { stream: createReadStream(file), totalBytes: (await stat(file)).size };
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
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

/**
 * Read the extraction row by row (csv-parse: "|"-separated, no quoting),
 * never the whole file in memory. The exact header is required; a row with
 * the wrong number of columns or bytes that are not UTF-8 stops the import
 * with its line number. Duplicate addresses are kept once.
 */
export async function* readExtraction(stream: Readable, onProgress?: (p: Omit<Progress, "totalBytes">) => void): AsyncGenerator<DirectoryEntry> {
  let bytes = 0;
  stream.on("data", (chunk: Buffer) => (bytes += chunk.length));
  const parser = stream.pipe(parse({ delimiter: "|", quote: false, relax_column_count: true, skip_empty_lines: true, bom: true, info: true, encoding: "utf8" }));
  const seen = new Set<string>();
  let headerSeen = false;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (record.some((f) => f.includes("\uFFFD"))) throw new AnnuaireFormatError(line, fr.annuaire.errors.encoding);
      if (!headerSeen) {
        if (record.join("|") !== HEADER) throw new AnnuaireFormatError(line, fr.annuaire.errors.header);
        headerSeen = true;
        continue;
      }
      if (record.length !== COLUMNS.length) throw new AnnuaireFormatError(line, fr.annuaire.errors.columns(record.length, COLUMNS.length));
      const entry = toEntry(record);
      if (!entry.address.includes("@")) throw new AnnuaireFormatError(line, fr.annuaire.errors.address(record[1] ?? ""));
      if (seen.has(entry.address)) continue;
      seen.add(entry.address);
      rows++;
      if (rows % 5000 === 0) onProgress?.({ rows, bytes });
      yield entry;
    }
  } finally {
    stream.destroy();
  }
  if (!headerSeen) throw new AnnuaireFormatError(1, fr.annuaire.errors.header);
  onProgress?.({ rows, bytes });
}
