/** `npm run audit:purge [-- --months N]`: remove traces older than the retention period (≥ 6 months, default 12 or AUDIT_RETENTION_MONTHS). */
import { openDatabase } from "@/db/client";
import { purgeAudit, retentionMonths } from "@/lib/audit/purge";

const index = process.argv.indexOf("--months");
const months = index > 0 ? Number(process.argv[index + 1]) : retentionMonths();
const handle = openDatabase();
try {
  const { purged, cutoff } = await purgeAudit(handle.db, months);
  console.log(JSON.stringify({ purged, before: cutoff.toISOString() }));
} finally {
  await handle.close();
}
