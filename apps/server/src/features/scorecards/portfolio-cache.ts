import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { currentMonthOf } from "./refresh.service.js";
import { portfolioVersion } from "./scorecards.repository.js";
import { type PeriodName, type Portfolio, portfolio } from "./scorecards.service.js";

interface Cached {
  version: string;
  json: string;
  builtAt: number;
}

/** A channel manager's name, or the reporting currency, may take this long to show. */
const maxAgeMs = 60_000;
/** Periods and end months kept per database. */
const maxEntries = 24;

const cacheByDb = new WeakMap<Kysely<Database>, Map<string, Cached>>();

/**
 * The portfolio as JSON, rebuilt only when what it is built from has changed (portfolioVersion)
 * or after a minute. All 2,000 partners' rows take tens of milliseconds to assemble and serialise;
 * the busy channel team opens the page far more often than the figures change (hourly, or on a write).
 * `check` validates a freshly built portfolio against the response schema before it is kept.
 */
export async function portfolioJson(
  db: Kysely<Database>,
  query: { period?: PeriodName; endMonth?: string },
  check: (built: Portfolio) => void,
): Promise<string> {
  const key = `${query.period ?? "t12"}|${query.endMonth ?? currentMonthOf()}`;
  const version = await portfolioVersion(db);
  let cache = cacheByDb.get(db);
  if (!cache) {
    cache = new Map();
    cacheByDb.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version && Date.now() - hit.builtAt < maxAgeMs) return hit.json;
  const built = await portfolio(db, query);
  check(built);
  const json = JSON.stringify(built);
  cache.delete(key);
  if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
  cache.set(key, { version, json, builtAt: Date.now() });
  return json;
}
