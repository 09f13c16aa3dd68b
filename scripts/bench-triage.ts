/**
 * `npm run bench:triage`: bulk triage on a busy shared box. On a throwaway database of the PostgreSQL of
 * DATABASE_URL, load BENCH_TRIAGE_BOX (100,000) messages into the cardiology secretariat's box, most of
 * them read by the secretary, then time (scripts/triage-timing.ts) moving 1,000 of them at once and undoing
 * it, and marking 1,000 read and unread. Prints JSON with p50/p95 per operation (`npm run bench` adds the
 * same figures on its 1,000,000-message corpus).
 */
import { sql } from "drizzle-orm";
import { demo } from "@/tests/fixtures";
import { throwawayDatabase } from "./bench-kit";
import { timeBulkTriage } from "./triage-timing";

const big = Number(process.env.BENCH_TRIAGE_BOX ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 20);

const { handle, drop } = await throwawayDatabase("bench_triage");
const db = handle.db;
try {
  const d = await demo(db);
  const loadStarted = performance.now();
  // A bulk load, not a mail flow: triggers off, counters recomputed from the rows after.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`insert into messages (mailbox_id, folder, thread_id, message_id, from_address, "to", subject, body_text, received_at, size)
      select ${d.cardio.id}::uuid, (case when g % 20 = 0 then 'sent' when g % 50 = 1 then 'archive' else 'inbox' end)::folder,
        md5(g::text)::uuid, '<bench-triage-' || g || '@ch-troispics.mssante.fr>', 'dr.' || (g % 500) || '@medecin.mssante.fr',
        jsonb_build_array(jsonb_build_object('address', ${d.cardio.address}::text, 'name', ${d.cardio.displayName}::text)),
        'Compte rendu ' || g, 'Cher confrère, compte rendu de consultation n° ' || g || '.', now() - g * interval '37 seconds', 600
      from generate_series(1, ${big}) g`);
    await tx.execute(
      sql`insert into message_reads (message_id, user_id) select id, ${d.marie.id}::uuid from messages where mailbox_id = ${d.cardio.id}::uuid and hashtext(id::text) % 10 <> 0 on conflict do nothing`,
    );
    await tx.execute(sql`select folder_counts_rebuild()`);
  });
  await db.execute(sql`vacuum analyze`);
  const loadSeconds = Number(((performance.now() - loadStarted) / 1000).toFixed(1));
  const results = await timeBulkTriage(db, d.marie, d.cardio.id, runs);
  console.log(
    JSON.stringify({ bench: "triage", box_messages: big, load_seconds: loadSeconds, runs_per_operation: runs, ...results }, null, 2),
  );
} finally {
  await drop();
}
