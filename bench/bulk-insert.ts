import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import { engineOf } from "../apps/server/src/db/dialect.js";
import type { Database } from "../apps/server/src/db/types.js";

/** The PostgreSQL array type a column's values are sent as (SQLite ignores it). */
export type BulkType = "text" | "int4" | "int8" | "timestamptz";

/** A value as the drivers take it: rows are positional, in the order of the columns. */
export type BulkValue = string | number | null;

/**
 * Writes millions of rows without the query builder. SQLite: multi-row VALUES of a fixed size, so
 * every full chunk reuses one prepared statement (the connection's statement cache). PostgreSQL: one
 * `insert ... select from unnest($1::text[], ...)` per chunk, one parameter per column: parsing tens of
 * thousands of parameters costs more than the insert itself. Call it inside a transaction.
 */
export async function bulkInsert(db: Kysely<Database>, table: string, columns: [name: string, type: BulkType][], rows: BulkValue[][]) {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(",");
  if (engineOf(db) === "postgres") {
    const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(",");
    const text = `insert into ${table} (${names}) select * from unnest(${unnest})`;
    for (let start = 0; start < rows.length; start += 20_000) {
      const part = rows.slice(start, start + 20_000);
      const arrays = columns.map((_, c) => part.map((row) => row[c] ?? null));
      await db.executeQuery(CompiledQuery.raw(text, arrays));
    }
    return;
  }
  // SQLite allows 32,766 parameters per statement.
  const chunk = Math.max(1, Math.min(2_000, Math.floor(32_000 / columns.length)));
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const full = `insert into ${table} (${names}) values ${Array.from({ length: chunk }, () => tuple).join(",")}`;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const text = part.length === chunk ? full : `insert into ${table} (${names}) values ${part.map(() => tuple).join(",")}`;
    await db.executeQuery(CompiledQuery.raw(text, part.flat()));
  }
}

/**
 * An id in UUIDv7's layout (48-bit millisecond time, version 7, variant 10) with a counter for the
 * rest: the uuid package takes several microseconds an id, which is half a minute for 5,000,000 lines.
 * Unique within a run (the counter), sortable by the given time like the app's ids.
 */
export function idMaker(seed: number): (ms: number) => string {
  let counter = seed * 2 ** 24;
  return (ms: number) => {
    const t = Math.floor(ms).toString(16).padStart(12, "0");
    const c = (counter++).toString(16).padStart(15, "0");
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 15).padStart(12, "0")}`;
  };
}

/**
 * One transaction of a bulk load. The generator writes consistent rows by construction, so the
 * per-row foreign-key checks are skipped: PostgreSQL's `session_replication_role = replica` for this
 * transaction (its FK triggers do not fire); SQLite's are off for the whole load (see withBulkLoad).
 */
export async function loadTransaction(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (engineOf(db) === "postgres") await trx.executeQuery(CompiledQuery.raw("set local session_replication_role = replica"));
    await work(trx);
  });
}

/**
 * SQLite during a bulk load: foreign keys off (a pragma that cannot change inside a transaction) and a
 * 256 MiB page cache, so index inserts stay in memory; both back to what the app runs with afterwards.
 */
export async function withBulkLoad<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) === "postgres") return work();
  const cache = await db.executeQuery<{ cache_size: number }>(CompiledQuery.raw("pragma cache_size"));
  await db.executeQuery(CompiledQuery.raw("pragma foreign_keys = off"));
  await db.executeQuery(CompiledQuery.raw("pragma cache_size = -262144"));
  try {
    return await work();
  } finally {
    await db.executeQuery(CompiledQuery.raw(`pragma cache_size = ${Number(cache.rows[0]?.cache_size ?? -2000)}`));
    await db.executeQuery(CompiledQuery.raw("pragma foreign_keys = on"));
  }
}

/**
 * Drops the tables' secondary indexes for the work and builds them again after it, from their own
 * stored definitions (so they stay exactly the migrations'): one sort per index instead of millions
 * of random inserts into B-trees larger than the cache. Primary keys stay (the bench's ids append).
 */
export async function withIndexesDeferred<T>(db: Kysely<Database>, tables: string[], work: () => Promise<T>): Promise<T> {
  const postgres = engineOf(db) === "postgres";
  const indexes: { name: string; definition: string }[] = [];
  for (const table of tables) {
    const found = postgres
      ? await db.executeQuery<{ name: string; definition: string }>(
          CompiledQuery.raw(
            `select i.indexname as name, i.indexdef as definition from pg_indexes i
              where i.schemaname = current_schema() and i.tablename = $1
                and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
            [table],
          ),
        )
      : await db.executeQuery<{ name: string; definition: string }>(
          CompiledQuery.raw("select name, sql as definition from sqlite_master where type = 'index' and tbl_name = ? and sql is not null", [table]),
        );
    indexes.push(...found.rows);
  }
  for (const index of indexes) await db.executeQuery(CompiledQuery.raw(`drop index ${index.name}`));
  try {
    return await work();
  } finally {
    for (const index of indexes) await db.executeQuery(CompiledQuery.raw(index.definition));
  }
}
