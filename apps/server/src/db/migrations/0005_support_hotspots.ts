import { type CreateTableBuilder, type Kysely, type RawBuilder, sql } from "kysely";
import { type Engine, engineOf } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.

/**
 * The problem hot-spots rollup (docs/support.md, ADR 0006), kept on write by the support desk.
 * Dimensions and keys:
 *   product                product id
 *   firmware               product id|firmware version
 *   known_problem          known problem id
 *   product_known_problem  product id|known problem id (the known-problem report narrowed to a product)
 * Tables:
 *   support_hotspots         tickets and minutes per key, partner and month the tickets were opened
 *                            in (UTC): the counts everything else follows from (writes read it).
 *   support_hotspot_months   the same summed over partners: ranks keys over a range, gives the series.
 *   support_hotspot_keys     all-time totals per key: an upper bound of any range's, so a ranking
 *                            reads only the keys that can reach the top (hotspots.repository.ts).
 *   support_hotspot_partners per key, partner and era of 48 months, a bit per month with tickets:
 *                            "distinct partners affected" reads a row per partner, not per month.
 * Keys compare byte-wise on both engines (collate "C" on PostgreSQL), so "productId|" prefix ranges
 * and tie orders agree. On SQLite the tables are WITHOUT ROWID: the primary key is the table, so
 * reads by it are covered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const keyType = engine === "postgres" ? sql`text collate "C"` : sql`text`;
  const clustered = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    engine === "sqlite" ? builder.modifyEnd(sql`without rowid`) : builder;

  await clustered(
    db.schema
      .createTable("support_hotspots")
      .addColumn("dimension", "text", (c) => c.notNull())
      .addColumn("key", keyType, (c) => c.notNull())
      .addColumn("month", "text", (c) => c.notNull())
      .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
      .addColumn("tickets", "integer", (c) => c.notNull())
      .addColumn("minutes", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("support_hotspots_pk", ["dimension", "key", "month", "partner_id"]),
  ).execute();

  await clustered(
    db.schema
      .createTable("support_hotspot_months")
      .addColumn("dimension", "text", (c) => c.notNull())
      .addColumn("key", keyType, (c) => c.notNull())
      .addColumn("month", "text", (c) => c.notNull())
      .addColumn("tickets", "integer", (c) => c.notNull())
      .addColumn("minutes", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("support_hotspot_months_pk", ["dimension", "key", "month"]),
  ).execute();
  // A ranking that cannot use the bound reads the range's months only, however long the history.
  await db.schema
    .createIndex("support_hotspot_months_month_idx")
    .on("support_hotspot_months")
    .columns(["dimension", "month", "key", "tickets", "minutes"])
    .execute();

  await clustered(
    db.schema
      .createTable("support_hotspot_keys")
      .addColumn("dimension", "text", (c) => c.notNull())
      .addColumn("key", keyType, (c) => c.notNull())
      .addColumn("tickets", "integer", (c) => c.notNull())
      .addColumn("minutes", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("support_hotspot_keys_pk", ["dimension", "key"]),
  ).execute();
  await db.schema.createIndex("support_hotspot_keys_tickets_idx").on("support_hotspot_keys").columns(["dimension", "tickets", "key"]).execute();

  // era: (year * 12 + month - 1) div 48; months_mask: bit (that index mod 48) set while the partner
  // has tickets under the key that month. 48 bits stay exact in a JavaScript number.
  await clustered(
    db.schema
      .createTable("support_hotspot_partners")
      .addColumn("dimension", "text", (c) => c.notNull())
      .addColumn("key", keyType, (c) => c.notNull())
      .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
      .addColumn("era", "integer", (c) => c.notNull())
      .addColumn("months_mask", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("support_hotspot_partners_pk", ["dimension", "key", "partner_id", "era"]),
  ).execute();

  await backfillSupportHotspots(db, engine);
}

/**
 * Counts every existing ticket into the empty rollup: one INSERT ... SELECT per dimension, then the
 * other tables from those rows. A ticket counts once per distinct product it names (a product with
 * several serials has several ticket_products rows), with its whole logged time.
 */
export async function backfillSupportHotspots(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const month = engine === "postgres" ? sql`to_char(t.created_at at time zone 'UTC', 'YYYY-MM')` : sql`substr(t.created_at, 1, 7)`;
  const products = sql`(select distinct ticket_id, product_id from ticket_products) tp`;
  const insert = (dimension: string, key: RawBuilder<unknown>, from: RawBuilder<unknown>) =>
    sql`insert into support_hotspots (dimension, key, month, partner_id, tickets, minutes)
      select ${sql.lit(dimension)}, ${key}, ${month}, t.partner_id, count(*), sum(t.minutes_logged)
      from ${from}
      group by ${key}, ${month}, t.partner_id`.execute(db);
  await insert("product", sql`tp.product_id`, sql`tickets t inner join ${products} on tp.ticket_id = t.id`);
  await insert("firmware", sql`tp.product_id || '|' || t.firmware_version`, sql`tickets t inner join ${products} on tp.ticket_id = t.id`);
  await insert("known_problem", sql`t.known_problem_id`, sql`tickets t where t.known_problem_id is not null`);
  await insert(
    "product_known_problem",
    sql`tp.product_id || '|' || t.known_problem_id`,
    sql`tickets t inner join ${products} on tp.ticket_id = t.id where t.known_problem_id is not null`,
  );
  await sql`insert into support_hotspot_months (dimension, key, month, tickets, minutes)
    select dimension, key, month, sum(tickets), sum(minutes) from support_hotspots group by dimension, key, month`.execute(db);
  await sql`insert into support_hotspot_keys (dimension, key, tickets, minutes)
    select dimension, key, sum(tickets), sum(minutes) from support_hotspot_months group by dimension, key`.execute(db);
  const index = sql`(cast(substr(month, 1, 4) as integer) * 12 + cast(substr(month, 6, 2) as integer) - 1)`;
  const one = engine === "postgres" ? sql`cast(1 as bigint)` : sql`1`;
  await sql`insert into support_hotspot_partners (dimension, key, partner_id, era, months_mask)
    select dimension, key, partner_id, ${index} / 48, sum(${one} << (${index} % 48))
    from support_hotspots
    group by dimension, key, partner_id, ${index} / 48`.execute(db);
  // PostgreSQL plans the first reports from statistics; autovacuum would take a while to gather them.
  if (engine === "postgres") {
    await sql`analyze support_hotspots, support_hotspot_months, support_hotspot_keys, support_hotspot_partners`.execute(db);
  }
}
