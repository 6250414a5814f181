import { CompiledQuery, type Kysely, type QueryResult } from "kysely";
import { type Engine, engineOf } from "./dialect.js";
import type { Database } from "./types.js";

/**
 * Statements on hot paths (the session check of every request, the points ledger's writes): their
 * text is built once per engine and shape instead of through the query builder (whose compiling cost
 * about as much as running a short statement), and on PostgreSQL they are prepared once per
 * connection: planning the session check costs several times running it (ADR 0008).
 * Only for statements whose best plan does not depend on their values (key lookups, inserts,
 * updates by key): after a few runs PostgreSQL may keep one generic plan for every value. And only
 * for few shapes: each stays prepared on every pooled connection for the connection's life.
 */
export const preparedStatementMarker = "/* prepared */ ";

const texts = new Map<string, string>();

/**
 * Runs the statement `build` writes, with `params` in the order of its placeholders: `next()` returns
 * the engine's next one (? on SQLite, $1, $2, ... on PostgreSQL). `shape` names the text: the same
 * shape must always build the same text (prefix it with the module, add what varies, e.g. a count).
 */
export function runPrepared<R>(
  db: Kysely<Database>,
  shape: string,
  build: (next: () => string) => string,
  params: readonly unknown[],
): Promise<QueryResult<R>> {
  return db.executeQuery<R>(CompiledQuery.raw(preparedText(engineOf(db), shape, build), [...params]));
}

function preparedText(engine: Engine, shape: string, build: (next: () => string) => string): string {
  const key = `${engine} ${shape}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
    const built = build(() => (engine === "postgres" ? `$${++n}` : "?"));
    text = engine === "postgres" ? `${preparedStatementMarker}${built}` : built;
    texts.set(key, text);
  }
  return text;
}
