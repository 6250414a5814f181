import { type Kysely, sql } from "kysely";
import type { Database, HotspotRollupDimension } from "../../db/types.js";

/**
 * Reads of the hot-spots rollup (hotspots-rollup.ts keeps it on write; migration 0005 describes it).
 * The report is four indexed reads: rank the keys over the months, then count distinct partners,
 * read the monthly series and fetch the names of the few keys kept.
 */

const monthIndexOf = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

export interface HotspotMonths {
  /** First month (YYYY-MM), inclusive. */
  first: string;
  /** Last month (YYYY-MM), inclusive. */
  last: string;
}

/** Every key of the dimension; one key; or the keys that start with "productId|". */
export type HotspotKeyFilter = { kind: "all" } | { kind: "key"; key: string } | { kind: "prefix"; prefix: string };

export interface RankedHotspot {
  key: string;
  tickets: number;
  minutes: number;
}

/** Ranking over the range: tickets, then minutes, then key. */
async function rankRange(
  db: Kysely<Database>,
  dimension: HotspotRollupDimension,
  months: HotspotMonths,
  filter: HotspotKeyFilter | { kind: "keys"; keys: string[] },
  limit: number,
): Promise<RankedHotspot[]> {
  let query = db
    .selectFrom("support_hotspot_months")
    .select((eb) => ["key", eb.fn.sum<number>("tickets").as("tickets"), eb.fn.sum<number>("minutes").as("minutes")])
    .where("dimension", "=", dimension)
    .where("month", ">=", months.first)
    .where("month", "<=", months.last);
  if (filter.kind === "key") query = query.where("key", "=", filter.key);
  if (filter.kind === "prefix") query = query.where("key", ">=", filter.prefix).where("key", "<", `${filter.prefix.slice(0, -1)}}`);
  if (filter.kind === "keys") query = query.where("key", "in", filter.keys);
  const rows = await query
    .groupBy("key")
    .having((eb) => eb.fn.sum("tickets"), ">", 0)
    .orderBy((eb) => eb.fn.sum("tickets"), "desc")
    .orderBy((eb) => eb.fn.sum("minutes"), "desc")
    .orderBy("key")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ key: row.key, tickets: Number(row.tickets), minutes: Number(row.minutes) }));
}

/** Beyond this many candidate keys, one pass over the range is cheaper than reading key by key. */
const maxCandidates = 1_000;

/**
 * The leading keys by tickets, then minutes, then key, over the months. Keys compare byte-wise on
 * both engines (migration 0005), so a prefix is a primary-key range: '}' is the byte after '|'.
 *
 * Over a whole dimension, most keys (a product's rare firmware version) cannot reach the top. The
 * range's tickets of the all-time leaders give a floor: the top `limit` over the range have at
 * least that many tickets in it, hence at least that many all-time. Only the keys at or above the
 * floor all-time (support_hotspot_keys_tickets_idx) are summed over the range, unless there are so
 * many that one pass over the range is cheaper. The answer is the same either way; the floor is
 * tight while the history is not much longer than the range.
 */
export async function topHotspotKeys(
  db: Kysely<Database>,
  dimension: HotspotRollupDimension,
  months: HotspotMonths,
  filter: HotspotKeyFilter,
  limit: number,
): Promise<RankedHotspot[]> {
  if (filter.kind !== "all") return rankRange(db, dimension, months, filter, limit);
  const leaders = db
    .selectFrom("support_hotspot_keys")
    .select("key")
    .where("dimension", "=", dimension)
    .orderBy("tickets", "desc")
    .limit(limit * 2);
  const floor = await db
    .selectFrom("support_hotspot_months")
    .select((eb) => eb.fn.sum<number>("tickets").as("tickets"))
    .where("dimension", "=", dimension)
    .where("key", "in", leaders)
    .where("month", ">=", months.first)
    .where("month", "<=", months.last)
    .groupBy("key")
    .orderBy((eb) => eb.fn.sum("tickets"), "desc")
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  const tickets = Number(floor?.tickets ?? 0);
  if (tickets > 0) {
    // Fetched, not joined: PostgreSQL would plan a join for its estimate of the candidates, not their number.
    const candidates = await db
      .selectFrom("support_hotspot_keys")
      .select("key")
      .where("dimension", "=", dimension)
      .where("tickets", ">=", tickets)
      .limit(maxCandidates + 1)
      .execute();
    if (candidates.length <= maxCandidates) {
      return rankRange(db, dimension, months, { kind: "keys", keys: candidates.map((row) => row.key) }, limit);
    }
  }
  return rankRange(db, dimension, months, filter, limit);
}

/**
 * Distinct partners with tickets under each key in the months: a row per partner and era (one or
 * two eras, as a range is at most 36 months), tested against the range's bits.
 */
export async function hotspotPartners(
  db: Kysely<Database>,
  dimension: HotspotRollupDimension,
  keys: readonly string[],
  months: HotspotMonths,
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const masks = new Map<number, number>();
  const first = monthIndexOf(months.first);
  const last = monthIndexOf(months.last);
  for (let index = first; index <= last; index++) {
    const era = Math.floor(index / 48);
    masks.set(era, (masks.get(era) ?? 0) + 2 ** (index % 48));
  }
  // Within one era a partner has one row per key, so counting rows is counting partners.
  const rows = await db
    .selectFrom("support_hotspot_partners")
    .select((eb) => ["key", (masks.size === 1 ? eb.fn.countAll<number>() : eb.fn.count<number>("partner_id").distinct()).as("partners")])
    .where("dimension", "=", dimension)
    .where("key", "in", keys)
    .where((eb) => eb.or([...masks].map(([era, mask]) => eb.and([eb("era", "=", era), eb(sql`months_mask & ${mask}`, "<>", 0)]))))
    .groupBy("key")
    .execute();
  return new Map(rows.map((row) => [row.key, Number(row.partners)]));
}

/** The keys' tickets and minutes month by month. */
export async function hotspotSeries(
  db: Kysely<Database>,
  dimension: HotspotRollupDimension,
  keys: readonly string[],
  months: HotspotMonths,
): Promise<{ key: string; month: string; tickets: number; minutes: number }[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom("support_hotspot_months")
    .select(["key", "month", "tickets", "minutes"])
    .where("dimension", "=", dimension)
    .where("key", "in", keys)
    .where("month", ">=", months.first)
    .where("month", "<=", months.last)
    .execute();
  return rows.map((row) => ({ ...row, tickets: Number(row.tickets), minutes: Number(row.minutes) }));
}

/** Product names or known-problem titles by id. */
export async function hotspotLabels(db: Kysely<Database>, of: "product" | "known_problem", ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows =
    of === "product"
      ? await db.selectFrom("products").select(["id", "name as label"]).where("id", "in", ids).execute()
      : await db.selectFrom("known_problems").select(["id", "title as label"]).where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, row.label]));
}
