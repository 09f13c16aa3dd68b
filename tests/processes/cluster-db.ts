/**
 * Prepares the database of DATABASE_URL for e2e/cluster.spec.ts as `npm start` would (migrated, the
 * demo seeded; the delivery queue created with QUEUE_EXPIRE_SECONDS), then has a job of a killed instance
 * handed out again one second after it expired, instead of pg-boss's backed-off 30 s and more. Queue
 * settings live in the database: set before the instances start.
 */
import PgBoss from "pg-boss";
import { openDatabase } from "@/db/client";
import { executorOf, QUEUES } from "@/lib/queue";
import { prepareDatabase } from "../../scripts/db";

await prepareDatabase({ demo: "demo" });
const handle = openDatabase();
const boss = new PgBoss({ db: executorOf(handle.db), schema: "pgboss", supervise: false, schedule: false });
await boss.start();
await boss.updateQueue(QUEUES.deliver, { name: QUEUES.deliver, retryDelay: 1, retryBackoff: false });
await boss.stop({ graceful: false, wait: true });
await handle.close();
console.log("cluster database ready");
