import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";

type Row = Record<string, unknown>;

/** Catalog queries over the `public` schema, each keyed by name so a diff names what differs. */
const PARTS = {
  extensions: sql`select extname as key, extversion as def from pg_extension`,
  enums: sql`select t.typname as key, array_agg(e.enumlabel order by e.enumsortorder)::text as def
    from pg_type t join pg_enum e on e.enumtypid = t.oid
    where t.typnamespace = 'public'::regnamespace group by t.typname`,
  tables: sql`select c.relname as key,
      format('kind=%s persistence=%s rls=%s options=%s', c.relkind, c.relpersistence, c.relrowsecurity, c.reloptions) as def
    from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S')`,
  // Keyed by table and name, not position: a column added by a later migration comes last.
  columns: sql`select c.relname || '.' || a.attname as key,
      format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end
      || coalesce(' collate ' || co.collname, '')
      || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
      || format(' identity=%s generated=%s', a.attidentity, a.attgenerated) as def
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    left join pg_collation co on co.oid = a.attcollation and co.collname <> 'default'
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
      and a.attnum > 0 and not a.attisdropped`,
  indexes: sql`select indexname as key, indexdef as def from pg_indexes where schemaname = 'public'`,
  constraints: sql`select coalesce(c.relname, t.typname) || '.' || k.conname as key, pg_get_constraintdef(k.oid) as def
    from pg_constraint k left join pg_class c on c.oid = k.conrelid left join pg_type t on t.oid = k.contypid
    where k.connamespace = 'public'::regnamespace`,
  triggers: sql`select c.relname || '.' || g.tgname as key, format('%s enabled=%s', pg_get_triggerdef(g.oid), g.tgenabled) as def
    from pg_trigger g join pg_class c on c.oid = g.tgrelid
    where c.relnamespace = 'public'::regnamespace and not g.tgisinternal`,
  functions: sql`select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as key, pg_get_functiondef(p.oid) as def
    from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prokind in ('f', 'p')`,
  views: sql`select viewname as key, definition as def from pg_views where schemaname = 'public'`,
};

export type SchemaSnapshot = Record<keyof typeof PARTS, Record<string, string>>;

/** Everything a migration can create in the schema, as plain data that `toEqual` can diff. */
export async function schemaSnapshot(db: Db): Promise<SchemaSnapshot> {
  const snapshot = {} as SchemaSnapshot;
  for (const [part, query] of Object.entries(PARTS) as [keyof typeof PARTS, SQL][]) {
    const rows = rowsOf<Row>(await db.execute(query));
    snapshot[part] = Object.fromEntries(rows.map((r) => [String(r.key), String(r.def)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return snapshot;
}
