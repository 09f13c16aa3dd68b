/** `npm run listeblanche:import -- <fichier.xml>`: replace the liste blanche from the official XML file. */
import { readFile } from "node:fs/promises";
import { openDatabase } from "@/db/client";
import { writeAudit } from "@/lib/audit/write";
import { ListeBlancheError, parseListeBlanche, replaceListeBlanche } from "@/lib/mail/liste-blanche";

const file = process.argv[2];
if (!file) {
  console.error("Usage : npm run listeblanche:import -- <fichier.xml>");
  process.exit(2);
}
const handle = openDatabase();
try {
  const domains = parseListeBlanche(await readFile(file, "utf8"));
  const counts = await handle.db.transaction(async (tx) => {
    const result = await replaceListeBlanche(tx, domains);
    await writeAudit(
      tx,
      { ip: null, userAgent: "listeblanche:import" },
      { actorUserId: null, action: "whitelist.import", result: "success", metadata: { ...result, total: domains.length } },
    );
    return result;
  });
  console.log(JSON.stringify({ ...counts, total: domains.length }));
} catch (error) {
  if (!(error instanceof ListeBlancheError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
