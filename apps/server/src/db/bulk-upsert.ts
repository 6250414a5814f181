import { type Kysely, sql } from "kysely";
import { engineOf } from "./dialect.js";
import type { Database } from "./types.js";

export type ColumnType = "text" | "bigint" | "integer" | "timestamptz";

export interface BulkUpsertSpec<Row> {
  table: keyof Database & string;
  /** Every column written, with its PostgreSQL type. */
  columns: { readonly [K in keyof Row & string]?: ColumnType };
  /** The conflict target (primary key). */
  key: readonly (keyof Row & string)[];
  /** The columns a conflicting row takes from the new one. */
  update: readonly (keyof Row & string)[];
}

const chunk = 400;

/**
 * Inserts rows, updating the `update` columns of rows already there. PostgreSQL: one statement
 * whatever the row count, each column sent as one array (`unnest`), so the server parses a short
 * statement instead of one with a parameter per value; thousands of rows cost a fraction of the
 * multi-row VALUES form. SQLite: multi-row VALUES in chunks (parameters are bound in-process there).
 */
export async function bulkUpsert<Row extends object>(db: Kysely<Database>, spec: BulkUpsertSpec<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(spec.columns) as (keyof Row & string)[];
  const columnList = sql.join(names.map((name) => sql.ref(name)));
  const updates = sql.join(spec.update.map((name) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`));
  const conflict = sql`on conflict (${sql.join(spec.key.map((name) => sql.ref(name)))}) do update set ${updates}`;
  if (engineOf(db) === "postgres") {
    const arrays = names.map((name) => {
      const type = spec.columns[name] as ColumnType;
      return sql`${rows.map((row) => row[name] ?? null)}::${sql.raw(type)}[]`;
    });
    await sql`insert into ${sql.table(spec.table)} (${columnList}) select * from unnest(${sql.join(arrays)}) ${conflict}`.execute(db);
    return;
  }
  for (let start = 0; start < rows.length; start += chunk) {
    const values = sql.join(rows.slice(start, start + chunk).map((row) => sql`(${sql.join(names.map((name) => row[name] ?? null))})`));
    await sql`insert into ${sql.table(spec.table)} (${columnList}) values ${values} ${conflict}`.execute(db);
  }
}
