import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  type SqliteDialectConfig,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import pg from "pg";
import { type Engine, installPostgresTypeParsers } from "./dialect.js";
import { preparedStatementMarker } from "./prepared.js";
import { startCheckpointer } from "./sqlite-checkpointer.js";
import type { Database } from "./types.js";

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  close: () => Promise<void>;
}

/** Writers take the lock up front (BEGIN IMMEDIATE) so a read-then-write never deadlocks. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class TrellisSqliteDialect implements Dialect {
  constructor(private readonly config: SqliteDialectConfig) {}
  createDriver() {
    return new ImmediateSqliteDriver(this.config);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

export function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): DatabaseHandle {
  const url = options.databaseUrl;
  if (url && (url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
    installPostgresTypeParsers();
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on("connect", prepareMarkedStatements);
    // An idle connection the server ends (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (error) => {
      process.emitWarning(`PostgreSQL idle connection lost: ${error.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  const file = url?.startsWith("sqlite:") ? url.slice("sqlite:".length) : join(options.dataDir, "trellis.sqlite");
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  // A worker checkpoints the WAL (sqlite-checkpointer.ts); this connection does so itself only when
  // the WAL passes 16,000 pages (64 MiB), if the worker falls behind or stops (ADR 0008).
  sqlite.pragma("wal_autocheckpoint = 16000");
  // 64 MiB of page cache instead of SQLite's 2 MiB (grown only as pages are read): the ledger's
  // accounts, rollups and hot index pages stay in memory instead of being read again for each write.
  sqlite.pragma("cache_size = -65536");
  // Savepoints (each unit of a group commit has one) copy every page they first change into a
  // sub-journal, a temporary file by default: one write() per page. In memory instead, durable
  // writes ran about a quarter faster (ADR 0008); temporary tables and sorts also stay in memory.
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // SQLite's built-in lower() folds only ASCII ("Ä" stays "Ä"), while the code lower-cases
  // search text and CSV names with JavaScript's toLowerCase() and PostgreSQL's lower() folds
  // all of Unicode: override it on this connection so both engines match alike. Deterministic,
  // so the planner may still use it in expressions; an index on lower(...) would need this
  // function wherever the file is opened.
  sqlite.function("lower", { deterministic: true }, (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value));
  const db = new Kysely<Database>({ dialect: new TrellisSqliteDialect({ database: withStatementCache(sqlite) }) });
  const checkpointer = file === ":memory:" ? undefined : startCheckpointer(file);
  const close = async () => {
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, engine: "sqlite", close };
}

const statementNames = new Map<string, string>();

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** PostgreSQL: statements marked by runPrepared (db/prepared.ts) become named statements, parsed once per connection. */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = (client.query as QueryFunction).bind(client);
  const prepared: QueryFunction = (config, values, callback) => {
    if (typeof config !== "string" || !config.startsWith(preparedStatementMarker)) return query(config, values, callback);
    // One name per text, process-wide: node-postgres parses a name once per connection.
    let name = statementNames.get(config);
    if (!name) {
      name = `trellis_${statementNames.size + 1}`;
      statementNames.set(config, name);
    }
    return query({ name, text: config, values }, callback);
  };
  (client as unknown as { query: QueryFunction }).query = prepared;
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs about as much as running a
 * short one. Reuse prepared statements by SQL text (bounded, least recently used dropped first).
 * One connection behind Kysely's mutex, so a statement is never run twice at once.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDialectConfig["database"] {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}
