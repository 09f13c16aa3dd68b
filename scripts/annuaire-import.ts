/** `npm run annuaire:import -- <file.txt|file.zip>`: load the national extraction in place of the previous one. */
import { openDatabase } from "@/db/client";
import { importDirectory } from "@/lib/annuaire/import";
import { AnnuaireFormatError, openExtraction, readExtraction } from "@/lib/annuaire/parse";

const file = process.argv[2];
if (!file) {
  console.error("Usage : npm run annuaire:import -- <fichier.txt|fichier.zip>");
  process.exit(2);
}
const handle = openDatabase();
const started = performance.now();
try {
  const { stream, totalBytes } = await openExtraction(file);
  const entries = readExtraction(stream, ({ rows, bytes }) => {
    const seconds = (performance.now() - started) / 1000;
    const percent = totalBytes ? Math.min(100, (bytes / totalBytes) * 100) : 0;
    const bar = "#".repeat(Math.round(percent / 5)).padEnd(20, ".");
    process.stderr.write(
      `\r[${bar}] ${percent.toFixed(0).padStart(3)} %  ${rows.toLocaleString("fr-FR")} lignes  ${Math.round(rows / seconds).toLocaleString("fr-FR")} lignes/s`,
    );
  });
  const result = await importDirectory(handle, entries, { ip: null, userAgent: "annuaire:import" });
  process.stderr.write("\n");
  console.log(JSON.stringify(result));
} catch (error) {
  process.stderr.write("\n");
  if (!(error instanceof AnnuaireFormatError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
