import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

/**
 * Drizzle's migrator never re-runs a migration it has applied, and it applies a
 * journal entry only when its `when` is later than the last applied one. So an
 * edited migration leaves older databases silently different from fresh ones,
 * and a changed `when` makes it run twice. The lock records, once, each journal
 * entry and the sha256 of its file; after that both are frozen.
 */
type JournalEntry = { idx: number; version: string; when: number; tag: string; breakpoints: boolean };
type LockEntry = JournalEntry & { sha256: string };

export const LOCK_FILE = "lock.json";

function readJournal(dir: string): JournalEntry[] {
  return JSON.parse(readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")).entries;
}

function readLock(dir: string): LockEntry[] {
  const file = path.join(dir, LOCK_FILE);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).migrations : [];
}

function sha256Of(dir: string, tag: string): string | undefined {
  const file = path.join(dir, `${tag}.sql`);
  return existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : undefined;
}

/**
 * `problems`: every way the folder departs from the lock, one sentence each naming the file.
 * `unrecorded`: journal entries after the locked ones, waiting for `recordMigrations`.
 */
export function checkMigrations(dir: string): { problems: string[]; unrecorded: string[] } {
  const journal = readJournal(dir);
  const lock = readLock(dir);
  const problems: string[] = [];
  lock.forEach(({ sha256, ...locked }, i) => {
    const file = `${locked.tag}.sql`;
    const actual = sha256Of(dir, locked.tag);
    if (actual === undefined) problems.push(`${file} is locked but missing`);
    else if (actual !== sha256) problems.push(`${file} differs from the lock: a migration on main is never edited, add a new one`);
    if (!isDeepStrictEqual(journal[i], locked))
      problems.push(`meta/_journal.json entry ${i} differs from the lock for ${file}: ${JSON.stringify(journal[i] ?? null)}`);
  });
  const unrecorded = journal.slice(lock.length).map((entry) => `${entry.tag}.sql`);
  for (const file of unrecorded) if (!existsSync(path.join(dir, file))) problems.push(`${file} is in meta/_journal.json but missing`);
  journal.forEach((entry, i) => {
    // The migrator skips an entry not later than the last one applied.
    if (i > 0 && entry.when <= journal[i - 1].when)
      problems.push(`${entry.tag}.sql has a journal "when" not later than ${journal[i - 1].tag}: it would never run on existing databases`);
  });
  const journaled = new Set(journal.map((entry) => `${entry.tag}.sql`));
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".sql") && !journaled.has(name))
    .sort())
    problems.push(`${file} is not in meta/_journal.json: the migrator would never run it`);
  return { problems, unrecorded };
}

/** Appends the journal entries the lock does not hold yet; refuses while anything already locked differs. Returns the tags added. */
export function recordMigrations(dir: string): string[] {
  const { problems } = checkMigrations(dir);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const lock = readLock(dir);
  const added = readJournal(dir)
    .slice(lock.length)
    .map((entry) => ({ ...entry, sha256: sha256Of(dir, entry.tag)! }));
  if (added.length > 0) writeFileSync(path.join(dir, LOCK_FILE), `${JSON.stringify({ migrations: [...lock, ...added] }, null, 2)}\n`);
  return added.map((entry) => entry.tag);
}
