import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { count, sql } from "drizzle-orm";
import { from as copyFrom } from "pg-copy-streams";
import type { DbHandle } from "@/db/client";
import { directoryEntries } from "@/db/schema";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { DirectoryEntry } from "./format";

const STAGING = "directory_entries_staging";
const COLUMNS = [
  "address",
  "type",
  "rpps",
  "civility",
  "last_name",
  "first_name",
  "profession_code",
  "profession",
  "specialty",
  "service",
  "structure",
  "city",
  "postcode",
  "departement",
  "last_name_key",
  "first_name_key",
  "city_key",
  "search_text",
] as const;
const KEYS = ["last_name_key", "first_name_key", "city_key", "search_text"] as const;
const row = (e: DirectoryEntry) => [
  e.address,
  e.type,
  e.rpps,
  e.civility,
  e.lastName,
  e.firstName,
  e.professionCode,
  e.profession,
  e.specialty,
  e.service,
  e.structure,
  e.city,
  e.postcode,
  e.departement,
  e.lastNameKey,
  e.firstNameKey,
  e.cityKey,
  e.searchText,
];

// The indexes of db/schema.ts, built on the loaded table rather than row by row, in two groups that
// PostgreSQL builds side by side (the GIN index takes as long as all the btrees). Plain index builds
// share their lock; the primary key is attached to its unique index once both groups are done.
const INDEX_GROUPS = [
  [`create index ${STAGING}_search_idx on ${STAGING} using gin (search)`],
  [
    `create unique index ${STAGING}_pkey on ${STAGING} (address)`,
    `create index ${STAGING}_name_idx on ${STAGING} ((last_name_key collate "C"), (first_name_key collate "C"), (address collate "C"))`,
    `create index ${STAGING}_city_idx on ${STAGING} ((city_key collate "C"), profession_code)`,
    `create index ${STAGING}_rpps_idx on ${STAGING} (rpps)`,
    `create index ${STAGING}_postcode_idx on ${STAGING} ((postcode collate "C"))`,
  ],
];
const PRIMARY_KEY = `alter table ${STAGING} add constraint ${STAGING}_pkey primary key using index ${STAGING}_pkey`;
const SWAP = [
  "lock table directory_entries in access exclusive mode",
  "drop table directory_entries",
  `alter table ${STAGING} rename to directory_entries`,
  `alter table directory_entries rename constraint ${STAGING}_pkey to directory_entries_pkey`,
  `alter index ${STAGING}_search_idx rename to directory_entries_search_idx`,
  `alter index ${STAGING}_name_idx rename to directory_entries_name_idx`,
  `alter index ${STAGING}_city_idx rename to directory_entries_city_idx`,
  `alter index ${STAGING}_rpps_idx rename to directory_entries_rpps_idx`,
  `alter index ${STAGING}_postcode_idx rename to directory_entries_postcode_idx`,
];

async function exec(handle: DbHandle, statements: string[]) {
  for (const statement of statements) await handle.db.execute(sql.raw(statement));
}

/**
 * Load a whole extraction and put it in place of the previous one. Rows go
 * to a staging table (COPY on PostgreSQL, batched inserts on PGlite), the
 * indexes are built once, then one short transaction swaps the tables: a
 * search sees the old directory or the new one, never half of one. A
 * failure while reading leaves the directory in force untouched.
 */
export async function importDirectory(
  handle: DbHandle,
  batches: AsyncIterable<DirectoryEntry[]>,
  meta: RequestMeta,
  actorUserId: string | null = null,
) {
  const started = performance.now();
  await exec(handle, [
    `drop table if exists ${STAGING}`,
    `create table ${STAGING} (like directory_entries including defaults including generated)`,
  ]);
  try {
    if (handle.driver === "postgres") {
      // In CSV an empty field is NULL; the keys are never NULL, an empty one stays an empty string.
      const client = await handle.raw.connect();
      try {
        await pipeline(
          Readable.from(
            (async function* () {
              for await (const batch of batches) yield stringify(batch.map(row));
            })(),
          ),
          client.query(
            copyFrom(`copy ${STAGING} (${COLUMNS.join(", ")}) from stdin with (format csv, force_not_null (${KEYS.join(", ")}))`),
          ),
        );
      } finally {
        client.release();
      }
    } else {
      for await (const batch of batches) {
        await handle.db.execute(
          sql`insert into ${sql.raw(STAGING)} (${sql.raw(COLUMNS.join(", "))}) values ${sql.join(
            batch.map(
              (e) =>
                sql`(${sql.join(
                  row(e).map((v) => sql`${v}`),
                  sql`, `,
                )})`,
            ),
            sql`, `,
          )}`,
        );
      }
    }
    // Each group on its own connection (PGlite has one: they follow each other), with room to sort in memory.
    await Promise.all(
      INDEX_GROUPS.map((group) =>
        handle.db.transaction(async (tx) => {
          if (handle.driver === "postgres") await tx.execute(sql.raw("set local maintenance_work_mem = '256MB'"));
          for (const statement of group) await tx.execute(sql.raw(statement));
        }),
      ),
    );
    await exec(handle, [PRIMARY_KEY]);
    // Vacuum sets the visibility map, so the name and city ranges are read from the index alone.
    await exec(handle, [`vacuum analyze ${STAGING}`]);
  } catch (error) {
    await exec(handle, [`drop table if exists ${STAGING}`]);
    throw error;
  }
  const rows = await handle.db.transaction(async (tx) => {
    for (const statement of SWAP) await tx.execute(sql.raw(statement));
    const [{ n }] = await tx.select({ n: count() }).from(directoryEntries);
    await writeAudit(tx, meta, { actorUserId, action: "annuaire.import", result: "success", metadata: { rows: n } });
    return n;
  });
  return { rows, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}
