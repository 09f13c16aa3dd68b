import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type DbHandle } from "@/db/client";
import { migrate, MIGRATIONS_DIR } from "@/db/migrate";
import { driver, emptyHandle } from "./db";
import { schemaSnapshot, type SchemaSnapshot } from "./schema-snapshot";

// The text 0001 and 0006 had when first committed, before they were edited (git 342e26c and 32d0deb):
// databases migrated then kept it, since the migrator never re-runs an applied file.
const FIRST_COMMITTED = path.join(import.meta.dirname, "fixtures", "migrations-as-first-committed");

type Journal = { entries: { tag: string }[] };

describe(`an existing database migrated up has the fresh schema (${driver})`, () => {
  let folders: string;
  let fresh: SchemaSnapshot;
  // One empty database per case, opened here: PGlite's start (slow on a loaded machine) is not the tests' time.
  const cases = ["0000_init", "0001_audit_append_only", "0006_mail_search_counters", "0010_transport"] as const;
  const handles = {} as Record<(typeof cases)[number], DbHandle>;

  beforeAll(async () => {
    folders = mkdtempSync(path.join(tmpdir(), "migrations-"));
    const handle = await emptyHandle();
    await migrate(handle.db, handle.driver);
    fresh = await schemaSnapshot(handle.db);
    for (const name of cases) {
      handles[name] = await emptyHandle();
      await handles[name].db.execute(sql`select 1`);
    }
  }, 180_000);

  afterAll(() => rmSync(folders, { recursive: true, force: true }));

  /** db/migrations as it stood when `last` was the newest migration, `last` in its first committed text if asked. */
  function migrationsUpTo(last: string, { firstCommitted = false } = {}): string {
    const dir = path.join(folders, last);
    mkdirSync(path.join(dir, "meta"), { recursive: true });
    const journal: Journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
    const entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === last) + 1);
    expect(entries.at(-1)?.tag).toBe(last);
    writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
    for (const { tag } of entries) {
      const source = firstCommitted && tag === last ? FIRST_COMMITTED : MIGRATIONS_DIR;
      expect(existsSync(path.join(source, `${tag}.sql`)), tag).toBe(true);
      copyFileSync(path.join(source, `${tag}.sql`), path.join(dir, `${tag}.sql`));
    }
    return dir;
  }

  /** The case's database, migrated as it was when `last` was the newest migration. */
  async function databaseAt(last: (typeof cases)[number], options?: { firstCommitted: boolean }): Promise<DbHandle> {
    const handle = handles[last];
    await migrate(handle.db, handle.driver, migrationsUpTo(last, options));
    return handle;
  }

  it("from the first migration alone, then all the others", async () => {
    const handle = await databaseAt("0000_init");
    await migrate(handle.db, handle.driver);
    expect(await schemaSnapshot(handle.db)).toEqual(fresh);
  });

  it("from 0001 as first committed (before audit_chain_head)", async () => {
    const handle = await databaseAt("0001_audit_append_only", { firstCommitted: true });
    await migrate(handle.db, handle.driver);
    expect(await schemaSnapshot(handle.db)).toEqual(fresh);
  });

  it("from 0006 as first committed: its triggers and functions, and the attachment names it stored whole", async () => {
    const handle = await databaseAt("0006_mail_search_counters", { firstCommitted: true });
    const ids = { structure: "00000000-0000-4000-8000-000000000001", box: "00000000-0000-4000-8000-000000000002" };
    const message = "00000000-0000-4000-8000-000000000003";
    for (const statement of [
      sql`insert into structures (id, name, domain) values (${ids.structure}, 'CH', 'ch.mssante.fr')`,
      sql`insert into mailboxes (id, address, type, structure_id, display_name)
        values (${ids.box}, 'secretariat@ch.mssante.fr', 'ORG', ${ids.structure}, 'Secrétariat')`,
      sql`insert into messages (id, mailbox_id, folder, thread_id, message_id, from_address, "to", subject, body_text, size)
        values (${message}, ${ids.box}, 'inbox', ${message}, '<1@ch.mssante.fr>', 'a@ch.mssante.fr', '[]', 'Bilan', 'Ci-joint.', 1)`,
      sql`insert into blobs (sha256, size, content) values ('00', 1, '\\x00')`,
      sql`insert into attachments (message_id, filename, content_type, size, sha256)
        values (${message}, 'bilan-thyroidien.pdf', 'application/pdf', 1, '00')`,
    ])
      await handle.db.execute(statement);
    const names = async () =>
      rowsOf<{ names: string }>(await handle.db.execute(sql`select attachment_names as names from messages where id = ${message}`))[0]
        .names;
    expect(await names()).toBe("bilan-thyroidien.pdf");

    await migrate(handle.db, handle.driver);
    expect(await schemaSnapshot(handle.db)).toEqual(fresh);
    expect(await names()).toBe("bilan thyroidien pdf");
  });

  it("from 0010: drafts saved before keep their id as their draft id, so their pages and links still open them", async () => {
    const handle = await databaseAt("0010_transport");
    const ids = { structure: "00000000-0000-4000-8000-000000000011", box: "00000000-0000-4000-8000-000000000012" };
    const draft = "00000000-0000-4000-8000-000000000013";
    const sent = "00000000-0000-4000-8000-000000000014";
    await handle.db.execute(sql`insert into structures (id, name, domain) values (${ids.structure}, 'CH', 'ch.mssante.fr')`);
    await handle.db.execute(sql`insert into mailboxes (id, address, type, structure_id, display_name)
      values (${ids.box}, 'secretariat@ch.mssante.fr', 'ORG', ${ids.structure}, 'Secrétariat')`);
    for (const [id, folder] of [
      [draft, "drafts"],
      [sent, "sent"],
    ])
      await handle.db
        .execute(sql`insert into messages (id, mailbox_id, folder, thread_id, message_id, from_address, "to", subject, body_text, size)
        values (${id}, ${ids.box}, ${folder}::folder, ${id}, ${`<${id}@ch.mssante.fr>`}, 'secretariat@ch.mssante.fr', '[]', 'Bilan', '.', 1)`);

    await migrate(handle.db, handle.driver);
    expect(await schemaSnapshot(handle.db)).toEqual(fresh);
    const rows = rowsOf<{ id: string; draft_id: string | null }>(
      await handle.db.execute(sql`select id, draft_id from messages order by id`),
    );
    expect(rows).toEqual([
      { id: draft, draft_id: draft },
      { id: sent, draft_id: null },
    ]);
  });
});
