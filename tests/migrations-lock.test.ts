import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "@/db/migrate";
import { checkMigrations, LOCK_FILE, recordMigrations } from "@/db/migrations-lock";

describe("migrations are frozen once recorded in the lock", () => {
  let dir: string;
  const journalFile = () => path.join(dir, "meta", "_journal.json");
  const journal = () => JSON.parse(readFileSync(journalFile(), "utf8"));

  /** What drizzle-kit generate does: a file and a journal entry after the others. */
  function addMigration(tag: string, when = journal().entries.at(-1).when + 1) {
    writeFileSync(path.join(dir, `${tag}.sql`), "SELECT 1;");
    const { entries, ...rest } = journal();
    const entry = { idx: entries.length, version: "7", when, tag, breakpoints: true };
    writeFileSync(journalFile(), JSON.stringify({ ...rest, entries: [...entries, entry] }));
  }

  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), "migrations-lock-")), "migrations");
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("holds every committed migration as it is", () => {
    expect(checkMigrations(MIGRATIONS_DIR)).toEqual({ problems: [], unrecorded: [] });
  });

  it("names an edited migration", () => {
    appendFileSync(path.join(dir, "0006_mail_search_counters.sql"), "\n-- tidied");
    expect(checkMigrations(dir).problems).toEqual([expect.stringMatching(/^0006_mail_search_counters\.sql differs from the lock/)]);
  });

  it("names a locked migration that is missing, and one the journal no longer lists", () => {
    rmSync(path.join(dir, "0003_admin_role.sql"));
    const { entries, ...rest } = journal();
    writeFileSync(journalFile(), JSON.stringify({ ...rest, entries: entries.filter((e: { idx: number }) => e.idx !== 5) }));
    const { problems } = checkMigrations(dir);
    expect(problems).toContain("0003_admin_role.sql is locked but missing");
    expect(problems).toContainEqual(expect.stringMatching(/^meta\/_journal\.json entry 5 differs from the lock for 0005_/));
    expect(problems).toContain("0005_annuaire_name_city_keys.sql is not in meta/_journal.json: the migrator would never run it");
  });

  it("names a journal entry whose time changed, which would run the migration again", () => {
    const data = journal();
    data.entries[4].when += 1;
    writeFileSync(journalFile(), JSON.stringify(data));
    expect(checkMigrations(dir).problems).toEqual([
      expect.stringMatching(/^meta\/_journal\.json entry 4 differs from the lock for 0004_annuaire\.sql/),
    ]);
  });

  it("asks to record a new migration, then records it after the others without touching them", () => {
    const before = readFileSync(path.join(dir, LOCK_FILE), "utf8");
    addMigration("9998_new_table");
    expect(checkMigrations(dir)).toEqual({ problems: [], unrecorded: ["9998_new_table.sql"] });

    expect(recordMigrations(dir)).toEqual(["9998_new_table"]);
    const after = readFileSync(path.join(dir, LOCK_FILE), "utf8");
    expect(JSON.parse(after).migrations.slice(0, -1)).toEqual(JSON.parse(before).migrations);
    expect(JSON.parse(after).migrations.at(-1)).toMatchObject({ tag: "9998_new_table", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkMigrations(dir)).toEqual({ problems: [], unrecorded: [] });

    appendFileSync(path.join(dir, "9998_new_table.sql"), "\nSELECT 2;");
    expect(checkMigrations(dir).problems).toEqual([expect.stringMatching(/^9998_new_table\.sql differs from the lock/)]);
  });

  it("refuses to record while a locked migration differs, and writes nothing", () => {
    const before = readFileSync(path.join(dir, LOCK_FILE), "utf8");
    appendFileSync(path.join(dir, "0001_audit_append_only.sql"), "\n-- tidied");
    addMigration("9998_new_table");
    expect(() => recordMigrations(dir)).toThrow(/0001_audit_append_only\.sql differs from the lock/);
    expect(readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(before);
  });

  it("names a new migration dated before the last one, which the migrator would skip", () => {
    addMigration("9998_old_branch", journal().entries.at(-1).when - 1);
    expect(checkMigrations(dir).problems).toEqual([expect.stringMatching(/^9998_old_branch\.sql has a journal "when" not later than/)]);
  });
});
