import { type Kysely, PostgresAdapter, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import pg from "pg";

/** Every difference between SQLite and PostgreSQL lives here. */
export type Engine = "sqlite" | "postgres";

// biome-ignore lint/suspicious/noExplicitAny: any schema; only the adapter is read
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Column type for timestamps: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
export function timestampType(engine: Engine): "timestamptz" | "text" {
  return engine === "postgres" ? "timestamptz" : "text";
}

let parsersInstalled = false;

/**
 * PostgreSQL returns Date objects and bigint strings; the app works with ISO strings and
 * numbers on both engines, so convert once, at the driver.
 */
export function installPostgresTypeParsers(): void {
  if (parsersInstalled) return;
  parsersInstalled = true;
  const toIso = (value: string) => new Date(value).toISOString();
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, toIso);
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value: string) => new Date(`${value}Z`).toISOString());
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Escapes LIKE wildcards so a user's search text matches literally (ESCAPE '\'). */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive "any of these columns contains the text", wildcards matched literally. The
 * one place search folds case: lower() on both engines (Unicode-aware on SQLite through the
 * function database.ts registers).
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<SqlBool> {
  const pattern = likeContains(text);
  return sql<SqlBool>`(${sql.join(
    columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`),
    sql` or `,
  )})`;
}

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: string }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Text as full-text search stores and matches it on both engines: lower case, diacritics
 * removed (NFKD), so "Ärzte" and "arzte" meet without unaccent or ICU.
 */
export function foldSearchText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** The words of a user's query, folded; only letters and digits, so they are safe in any FTS syntax. */
export function searchTokens(text: string, max = 8): string[] {
  return foldSearchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .slice(0, max);
}

/** The UTC calendar day (YYYY-MM-DD) of a timestamp column, for per-day rollups. */
export function utcDayOf(engine: Engine, column: string): RawBuilder<string> {
  return engine === "postgres"
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`substr(${sql.ref(column)}, 1, 10)`;
}

/**
 * Lets several workers claim different rows of a queue at once: FOR UPDATE SKIP LOCKED on
 * PostgreSQL. SQLite has one writer at a time, so the claiming UPDATE is atomic without it.
 */
// biome-ignore lint/suspicious/noExplicitAny: any select query
export function skipLocked<Q extends SelectQueryBuilder<any, any, any>>(engine: Engine, query: Q): Q {
  return engine === "postgres" ? (query.forUpdate().skipLocked() as Q) : query;
}

/**
 * A timestamp parameter where PostgreSQL cannot infer the type from a column (a SELECT list of an
 * INSERT ... SELECT, a VALUES list): cast there; SQLite stores the ISO text as it is.
 */
export function timestampValue(engine: Engine, iso: string | null): RawBuilder<string | null> {
  return engine === "postgres" ? sql<string | null>`cast(${iso} as timestamptz)` : sql<string | null>`${iso}`;
}
