import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openReplicaPool, rowsOf, type Db } from "@/db/client";
import { replicaServes } from "@/lib/read-your-writes";
import { emptyHandle } from "./db";

// The replica itself, paused and resumed under a browser's reads, is e2e/replica.spec.ts; here, the rules.
describe("which database serves a person's lists", () => {
  let db: Db;
  let written: string;
  beforeAll(async () => {
    db = (await emptyHandle()).db;
    [{ written }] = rowsOf<{ written: string }>(await db.execute(sql`select pg_current_wal_lsn()::text as written`));
  });

  it("is the replica for a browser that wrote nothing, or whose cookie is not a WAL position", async () => {
    expect(await replicaServes(db, undefined)).toBe(true);
    for (const forged of ["", "latest", "0/0'; select 1 --", "FFFFFFFFF/0"]) expect(await replicaServes(db, forged)).toBe(true);
  });

  it("is never a database that replays nothing, once the browser wrote: nothing says it holds the write", async () => {
    expect(written).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(await replicaServes(db, written)).toBe(false);
  });

  it("has no replica without DATABASE_URL (PGlite) nor without DATABASE_REPLICA_URL", () => {
    expect(openReplicaPool({ DATABASE_REPLICA_URL: "postgres://127.0.0.1:1/none" })).toBeNull();
    expect(openReplicaPool({ DATABASE_URL: "postgres://127.0.0.1:1/none" })).toBeNull();
  });
});
