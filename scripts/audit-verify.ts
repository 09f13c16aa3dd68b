/** `npm run audit:verify`: walk the audit hash chain; exit 1 and name the first broken row if it is not intact. */
import { openDatabase } from "@/db/client";
import { verifyChain } from "@/lib/audit/verify";

const handle = openDatabase();
try {
  const report = await verifyChain(handle.db);
  console.log(JSON.stringify(report));
  if (!report.intact) {
    console.error(
      `Chaîne d'audit rompue à la ligne ${report.brokenAt} (${report.problem === "content" ? "contenu modifié" : "ligne précédente supprimée ou modifiée"}).`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Chaîne d'audit intacte : ${report.rows} lignes vérifiées.`);
  }
} finally {
  await handle.close();
}
