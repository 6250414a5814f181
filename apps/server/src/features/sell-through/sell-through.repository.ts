import { type Kysely, sql } from "kysely";
import type { Database, SellThroughBatchTable, SellThroughLineTable, SellThroughMonthTable } from "../../db/types.js";

// Sell-through lines, their batches, the monthly rollup and the family margins. The products and
// product families are read here (SKU lookup, names), never written.

/** Rows per multi-row INSERT: 12 parameters a line stays far below SQLite's and PostgreSQL's limits. */
const insertChunk = 400;
const lookupChunk = 500;

export interface ProductForSale {
  id: string;
  sku: string;
  family_id: string;
}

export async function findProductsBySkus(db: Kysely<Database>, skus: readonly string[]): Promise<Map<string, ProductForSale>> {
  const unique = [...new Set(skus)];
  const found = new Map<string, ProductForSale>();
  for (let i = 0; i < unique.length; i += lookupChunk) {
    const rows = await db
      .selectFrom("products")
      .select(["id", "sku", "family_id"])
      .where("sku", "in", unique.slice(i, i + lookupChunk))
      .execute();
    for (const row of rows) found.set(row.sku, row);
  }
  return found;
}

export async function insertBatch(db: Kysely<Database>, row: SellThroughBatchTable): Promise<void> {
  await db.insertInto("sell_through_batches").values(row).execute();
}

export async function insertLines(db: Kysely<Database>, rows: readonly SellThroughLineTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += insertChunk) {
    await db
      .insertInto("sell_through_lines")
      .values(rows.slice(i, i + insertChunk))
      .execute();
  }
}

/**
 * Adds each row's figures to the rollup. The rows are unique per key (folded by the caller) and
 * sorted, so two concurrent batches of one partner lock the rollup rows in the same order.
 */
export async function addToMonths(db: Kysely<Database>, rows: readonly SellThroughMonthTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += insertChunk) {
    await db
      .insertInto("sell_through_months")
      .values(rows.slice(i, i + insertChunk))
      .onConflict((oc) =>
        oc.columns(["partner_id", "month", "family_id"]).doUpdateSet((eb) => ({
          revenue_minor: eb("sell_through_months.revenue_minor", "+", eb.ref("excluded.revenue_minor")),
          units: eb("sell_through_months.units", "+", eb.ref("excluded.units")),
          lines: eb("sell_through_months.lines", "+", eb.ref("excluded.lines")),
        })),
      )
      .execute();
  }
}

/**
 * Revenue, margin, units and lines per partner and month: one range read on the rollup's
 * (month, partner_id) index, joined to the family margins, summed in the database so only one row
 * per partner-month comes back. The margin of each family-month is Math.round(revenue x bps / 10000)
 * computed exactly in integers on both engines: floor((revenue x bps + 5000) / 10000), where
 * floor(n / d) = (n - ((n % d + d) % d)) / d because % truncates toward zero on both.
 */
export function findPartnerMonths(
  db: Kysely<Database>,
  options: { fromMonth: string; toMonth: string; partnerIds: readonly string[] | undefined; defaultMarginBps: number },
) {
  const shifted = sql<number>`(s.revenue_minor * coalesce(m.margin_bps, ${options.defaultMarginBps}) + 5000)`;
  const margin = sql<number>`sum((${shifted} - (((${shifted} % 10000) + 10000) % 10000)) / 10000)`;
  let query = db
    .selectFrom("sell_through_months as s")
    .leftJoin("product_family_margins as m", "m.family_id", "s.family_id")
    .select((eb) => [
      "s.partner_id",
      "s.month",
      eb.fn.sum<number>("s.revenue_minor").as("revenue_minor"),
      margin.as("margin_minor"),
      eb.fn.sum<number>("s.units").as("units"),
      eb.fn.sum<number>("s.lines").as("lines"),
    ])
    .where("s.month", ">=", options.fromMonth)
    .where("s.month", "<=", options.toMonth);
  if (options.partnerIds) query = query.where("s.partner_id", "in", [...options.partnerIds]);
  return query.groupBy(["s.month", "s.partner_id"]).orderBy("s.month").orderBy("s.partner_id").execute();
}

/** Every product family with its margin, if set. */
export function findFamilyMargins(db: Kysely<Database>) {
  return db
    .selectFrom("product_families as f")
    .leftJoin("product_family_margins as m", "m.family_id", "f.id")
    .select(["f.id as family_id", "f.name as family_name", "m.margin_bps", "m.updated_at"])
    .orderBy("f.name")
    .orderBy("f.id")
    .execute();
}

export async function findFamilyIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("product_families")
    .select("id")
    .where("id", "in", [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function upsertMargin(
  db: Kysely<Database>,
  row: { family_id: string; margin_bps: number; updated_by: string | null; updated_at: string },
) {
  await db
    .insertInto("product_family_margins")
    .values(row)
    .onConflict((oc) => oc.column("family_id").doUpdateSet({ margin_bps: row.margin_bps, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

export async function deleteMargin(db: Kysely<Database>, familyId: string): Promise<void> {
  await db.deleteFrom("product_family_margins").where("family_id", "=", familyId).execute();
}

export async function findMarginRows(db: Kysely<Database>, familyIds: readonly string[]) {
  if (familyIds.length === 0) return [];
  return db
    .selectFrom("product_family_margins")
    .selectAll()
    .where("family_id", "in", [...familyIds])
    .execute();
}

export type LineRow = Awaited<ReturnType<typeof findLinePage>>[number];

/**
 * A partner's lines by sale date (newest first for the list, oldest first for the export); `after`
 * is the previous page's last (sale_date, id). Served by the (partner_id, sale_date) index.
 */
export function findLinePage(
  db: Kysely<Database>,
  partnerId: string,
  range: { from?: string; to?: string },
  page: { after?: [string, string]; limit: number; order: "asc" | "desc" },
) {
  let query = db
    .selectFrom("sell_through_lines as l")
    .innerJoin("sell_through_batches as b", "b.id", "l.batch_id")
    .innerJoin("products as p", "p.id", "l.product_id")
    .innerJoin("product_families as f", "f.id", "l.family_id")
    .select([
      "l.id",
      "l.batch_id",
      "l.sale_date",
      "l.product_id",
      "p.sku",
      "p.name as product_name",
      "l.family_id",
      "f.name as family_name",
      "l.quantity",
      "l.net_minor",
      "l.currency",
      "l.serials",
      "l.end_customer",
      "b.source",
      "l.created_at",
    ])
    .where("l.partner_id", "=", partnerId);
  if (range.from) query = query.where("l.sale_date", ">=", range.from);
  if (range.to) query = query.where("l.sale_date", "<=", range.to);
  if (page.after) {
    const [date, id] = page.after;
    const beyond = page.order === "desc" ? "<" : ">";
    query = query.where((eb) => eb.or([eb("l.sale_date", beyond, date), eb.and([eb("l.sale_date", "=", date), eb("l.id", beyond, id)])]));
  }
  return query.orderBy("l.sale_date", page.order).orderBy("l.id", page.order).limit(page.limit).execute();
}
