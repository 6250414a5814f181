import { CompiledQuery, type Kysely, sql } from "kysely";
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
  // The text is built here, not by the query builder: compiling ten thousand parameter nodes cost more
  // than running the statement. Same-sized chunks share one text, so SQLite's statement cache reuses it.
  const quote = (name: string) => `"${name}"`;
  const prefix = `insert into ${quote(spec.table)} (${names.map(quote).join(", ")}) values `;
  const suffix = ` on conflict (${spec.key.map(quote).join(", ")}) do update set ${spec.update.map((name) => `${quote(name)} = excluded.${quote(name)}`).join(", ")}`;
  const tuple = `(${names.map(() => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    for (const row of part) for (const name of names) params.push(row[name] ?? null);
    await db.executeQuery(CompiledQuery.raw(`${prefix}${Array(part.length).fill(tuple).join(", ")}${suffix}`, params));
  }
}
