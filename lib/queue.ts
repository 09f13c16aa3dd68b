import PgBoss from "pg-boss";
import { db as appDb, type Queryable } from "@/db/client";

/**
 * Jobs live in the application's own database (pg-boss), so queueing a job
 * commits or rolls back with the change that asked for it. pg-boss runs its
 * SQL through our connection — the pool, or the caller's transaction — on
 * PostgreSQL and on the embedded PGlite alike.
 */
type PgClient = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | { rows: unknown[] }[]> };
type PgliteClient = {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
};

export function executorOf(db: Queryable): PgBoss.Db {
  return {
    async executeSql(text, values) {
      // Drizzle keeps the driver's client (the pool, or the transaction's connection) on its session: the one place we reach into it.
      // Read at each call, so the process's queue client opens the database only when it is used.
      const client = (db as unknown as { session: { client: PgClient | PgliteClient } }).session.client;
      // PGlite runs several statements (pg-boss's migrations) only through exec, without parameters.
      if ("exec" in client && !values?.length) return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
      const result = await client.query(text, values);
      // node-postgres answers one result per statement when given several.
      return Array.isArray(result) ? { rows: result.at(-1)?.rows ?? [] } : result;
    },
  };
}

export const QUEUES = {
  /** One job per remote recipient of a message (lib/mail/outbound.ts). */
  deliver: "outbound-deliver",
  /** A send put off (undo delay, « Envoyer à … »), due at its time (lib/mail/scheduled-send.ts). */
  scheduledSend: "scheduled-send",
} as const;

/** Queue settings: the delivery worker schedules its own SMTP retries; pg-boss retries only jobs that crashed. */
const QUEUE_OPTIONS: Record<(typeof QUEUES)[keyof typeof QUEUES], PgBoss.Queue> = {
  "outbound-deliver": {
    name: QUEUES.deliver,
    retryLimit: 50,
    retryDelay: 30,
    retryBackoff: true,
    // A job whose worker died (kill -9, power cut) is handed out again after this.
    expireInSeconds: Number(process.env.QUEUE_EXPIRE_SECONDS ?? 15 * 60),
  },
  "scheduled-send": {
    name: QUEUES.scheduledSend,
    // Only a crash (database down) retries: a send refused at its time is recorded on the draft, not retried.
    retryLimit: 20,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: Number(process.env.QUEUE_EXPIRE_SECONDS ?? 15 * 60),
  },
};

const holder = globalThis as { __mssanteQueue?: PgBoss };

/** The process's queue client; `start()` it to run workers (the web app's instrumentation does). */
export function jobQueue(): PgBoss {
  if (!holder.__mssanteQueue) {
    const boss = new PgBoss({
      db: executorOf(appDb),
      schema: "pgboss",
      // Maintenance (expiring jobs of dead workers, archiving) runs on the instances that start workers.
      maintenanceIntervalSeconds: Number(process.env.QUEUE_MAINTENANCE_SECONDS ?? 60),
    });
    // pg-boss reports a failed poll or maintenance run as an 'error' event: unheard, Node would end the process over a database blip.
    boss.on("error", (error) => console.error("[queue]", error));
    holder.__mssanteQueue = boss;
  }
  return holder.__mssanteQueue;
}

/** pg-boss's own schema and our queues: part of preparing a database, like the Drizzle migrations. */
export async function migrateQueue(db: Queryable) {
  const boss = new PgBoss({ db: executorOf(db), schema: "pgboss", supervise: false, schedule: false });
  await boss.start();
  for (const queue of Object.values(QUEUE_OPTIONS)) {
    if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
  }
  await boss.stop({ graceful: false, wait: true });
}
