import { type Kysely, sql } from "kysely";
import type { Database } from "../apps/server/src/db/types.js";
import type { SellThroughLineInput } from "../apps/server/src/features/sell-through/sell-through.schemas.js";
import { TextMaker } from "./library-data.js";
import type { RelationshipsData } from "./relationships-data.js";
import { activity, drawSale, type PartnerProfile, productPicker, saleDays } from "./relationships-model.js";

type RollupRow = { partner_id: string; month: string; family_id: string; revenue_minor: number; units: number; lines: number };

const rowKey = (row: { partner_id: string; month: string; family_id: string }) => `${row.partner_id}|${row.month}|${row.family_id}`;
const rowText = (row: RollupRow) => `${Number(row.revenue_minor)}/${Number(row.units)}/${Number(row.lines)}`;

/**
 * The rollup sell_through_months must be the lines grouped by partner, month of the sale date and
 * family (what the app's write path keeps): throws naming the first difference. Partners given, or all.
 */
export async function checkSellThroughRollup(db: Kysely<Database>, partnerIds: readonly string[] | null): Promise<number> {
  // Literal arguments: PostgreSQL must see the same expression in the select list and the group by.
  const month = sql<string>`substr(sale_date, 1, 7)`;
  let grouped = db
    .selectFrom("sell_through_lines")
    .select((eb) => [
      "partner_id",
      month.as("month"),
      "family_id",
      eb.fn.sum<number>("net_minor").as("revenue_minor"),
      eb.fn.sum<number>("quantity").as("units"),
      eb.fn.countAll<number>().as("lines"),
    ])
    .groupBy(["partner_id", month, "family_id"]);
  let stored = db.selectFrom("sell_through_months").selectAll();
  if (partnerIds) {
    grouped = grouped.where("partner_id", "in", [...partnerIds]);
    stored = stored.where("partner_id", "in", [...partnerIds]);
  }
  const expected = new Map((await grouped.execute()).map((row) => [rowKey(row), rowText(row)]));
  const actual = new Map((await stored.execute()).map((row) => [rowKey(row), rowText(row)]));
  for (const [key, text] of expected) {
    if (actual.get(key) !== text) throw new Error(`sell_through_months ${key}: ${actual.get(key) ?? "missing"}, the lines sum to ${text}`);
  }
  for (const key of actual.keys()) if (!expected.has(key)) throw new Error(`sell_through_months ${key} has no lines`);
  return expected.size;
}

/**
 * Today's new sales: the history's average day (5,000,000 lines over three years: about 4,600), spread
 * over the partners selling this month after their current activity, as API lines per partner.
 */
export function dayOfSales(
  data: RelationshipsData,
  products: { id: string; sku: string }[],
  today: string,
  total: number,
  seed = 20260708,
): Map<string, SellThroughLineInput[]> {
  const random = new TextMaker(seed).random;
  const nowMs = Date.now();
  const skuOf = new Map(products.map((product) => [product.id, product.sku]));
  const last = data.months.length - 1;
  const month = data.months[last] as string;
  const days = data.months.reduce((sum, at) => sum + saleDays(at, nowMs), 0);
  const weight = (profile: PartnerProfile) => profile.salesWeight * activity(profile, last, month);
  const weighted = data.profiles.reduce((sum, profile) => sum + weight(profile), 0);
  const pick = productPicker(data.catalog, random);
  const day = new Map<string, SellThroughLineInput[]>();
  for (const profile of data.profiles) {
    const count = Math.floor(((total / (days || 1)) * weight(profile)) / (weighted || 1) + random());
    if (count === 0) continue;
    day.set(
      profile.partnerId,
      Array.from({ length: count }, () => {
        const item = pick();
        const sale = drawSale(random, item, profile.discount);
        return {
          date: today,
          sku: skuOf.get(item.productId) as string,
          quantity: sale.quantity,
          netAmountMinor: sale.netMinor,
          ...(sale.serials ? { serials: sale.serials.split(" ") } : {}),
          ...(sale.endCustomer ? { endCustomer: sale.endCustomer } : {}),
        };
      }),
    );
  }
  return day;
}
