import { type Kysely, type RawBuilder, sql } from "kysely";
import { type Engine, utcDayOf } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { HotspotDimension } from "./hotspots.schemas.js";

export interface HotspotRow {
  key_id: string;
  firmware: string;
  /** null on the per-key total rows, YYYY-MM on the monthly rows. */
  month: string | null;
  label: string | null;
  tickets: number;
  minutes: number;
  partners: number;
}

export interface HotspotRange {
  /** Inclusive, ISO timestamp of the first month's start. */
  start: string;
  /** Exclusive, ISO timestamp of the start of the month after the last. */
  end: string;
}

/**
 * One row per (key, ticket) created in the range. ticket_products has a row per serial, so the
 * product dimensions group by ticket to count a ticket (and its minutes) once per product (the
 * other ticket columns depend on t.id, the primary key, so both engines accept them ungrouped).
 */
function baseRows(dimension: HotspotDimension, range: HotspotRange, productId: string | undefined): RawBuilder<unknown> {
  const inRange = sql`t.created_at >= ${range.start} and t.created_at < ${range.end}`;
  if (dimension === "known_problem") {
    const naming = productId ? sql`and exists (select 1 from ticket_products tp where tp.ticket_id = t.id and tp.product_id = ${productId})` : sql``;
    return sql`select t.known_problem_id as key_id, '' as firmware, t.partner_id, t.minutes_logged as minutes, t.created_at
      from tickets t
      where ${inRange} and t.known_problem_id is not null ${naming}`;
  }
  const firmware = dimension === "firmware" ? sql`t.firmware_version` : sql`''`;
  const oneProduct = productId ? sql`and tp.product_id = ${productId}` : sql``;
  return sql`select tp.product_id as key_id, ${firmware} as firmware, t.partner_id, t.minutes_logged as minutes, t.created_at
    from tickets t
    inner join ticket_products tp on tp.ticket_id = t.id
    where ${inRange} ${oneProduct}
    group by tp.product_id, t.id`;
}

/**
 * The whole report in one statement. top: the leading keys by tickets, then minutes, from a plain
 * aggregate. Only the top keys' rows (picked) are then counted for distinct partners and split by
 * month, so the sort behind count(distinct) and the per-row month text stay off the bulk of the
 * rows. Both CTEs are MATERIALIZED (PostgreSQL 12+, SQLite 3.35+): without it SQLite inlines base
 * into each use and rescans the tables. Plans at 200,000 tickets (12 months, ~100,000 in range):
 * PostgreSQL hash-joins the range of tickets to ticket_products (about half the time of counting
 * distinct partners over every row); SQLite walks tickets by primary key, probing
 * ticket_products by its primary key, so the de-duplicating GROUP BY needs no sort. The
 * known-problem dimension reads tickets_known_problem_idx; a productId filter reads
 * ticket_products_product_idx.
 */
export function hotspotQuery(
  engine: Engine,
  dimension: HotspotDimension,
  range: HotspotRange,
  productId: string | undefined,
  limit: number,
): RawBuilder<HotspotRow> {
  const names =
    dimension === "known_problem"
      ? sql`left join known_problems names on names.id = picked.key_id`
      : sql`left join products names on names.id = picked.key_id`;
  const label = dimension === "known_problem" ? sql`names.title` : sql`names.name`;
  return sql<HotspotRow>`
    with base as materialized (${baseRows(dimension, range, productId)}),
    top as (
      select key_id, firmware, count(*) as tickets, sum(minutes) as minutes
      from base
      group by key_id, firmware
      order by count(*) desc, sum(minutes) desc, key_id, firmware
      limit ${limit}
    ),
    picked as materialized (
      select base.* from base inner join top on top.key_id = base.key_id and top.firmware = base.firmware
    )
    select picked.key_id, picked.firmware, null as month, ${label} as label,
      count(*) as tickets, sum(picked.minutes) as minutes, count(distinct picked.partner_id) as partners
    from picked ${names}
    group by picked.key_id, picked.firmware, ${label}
    union all
    select picked.key_id, picked.firmware, substr(${utcDayOf(engine, "picked.created_at")}, 1, 7) as month, null as label,
      count(*) as tickets, sum(picked.minutes) as minutes, 0 as partners
    from picked
    group by picked.key_id, picked.firmware, substr(${utcDayOf(engine, "picked.created_at")}, 1, 7)`;
}

export async function hotspotRows(
  db: Kysely<Database>,
  engine: Engine,
  dimension: HotspotDimension,
  range: HotspotRange,
  productId: string | undefined,
  limit: number,
): Promise<HotspotRow[]> {
  const result = await hotspotQuery(engine, dimension, range, productId, limit).execute(db);
  return result.rows.map((r) => ({ ...r, tickets: Number(r.tickets), minutes: Number(r.minutes), partners: Number(r.partners) }));
}
