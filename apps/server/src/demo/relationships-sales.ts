import type { Kysely } from "kysely";
import type { Database } from "../db/types.js";
import type { SellThroughLineInput } from "../features/sell-through/sell-through.schemas.js";
import { recordSellThrough } from "../features/sell-through/sell-through.service.js";
import { demoRelationshipProfiles, type FamilyName, type SalesProfile } from "./relationships-content.js";
import { atOn, dayMs, daysIn, dayWithin, monthBack, type RelationshipWorld, type WorldPartner, type WorldProduct } from "./relationships-world.js";
import { partnerSites } from "./support-content.js";

// Two years of sell-through per reseller, reported month by month through the sell-through
// service (its checks, rollup and audit), one batch per partner and month. The curve follows each
// profile's size and growth, with seasons (strong fourth quarter, quiet January) and noise; a new
// partner ramps up over its first months. Each batch is then dated when it was reported: the 5th
// of the next month (the current month's so far: today).

const months = 24;
/** Lower in the new year, higher before the holidays and the budget year-end. */
const season = [0.82, 0.88, 1, 1, 1.02, 0.98, 0.92, 0.9, 1.05, 1.08, 1.12, 1.2];

function productFor(world: RelationshipWorld, family: FamilyName, monthsAgo: number): WorldProduct | undefined {
  // Older reports still sell the previous generation; nobody sells an end-of-life product this year.
  const allowed = (p: WorldProduct) =>
    p.family === family && (p.lifecycle === "active" || (p.lifecycle === "end_of_sale" && monthsAgo >= 6) || monthsAgo >= 18);
  const choices = world.products.filter(allowed);
  // Cheaper products sell more often: weight by 1 / sqrt(price).
  return choices.length === 0 ? undefined : world.random.weighted(choices, (p) => 1 / Math.sqrt(p.priceMinor));
}

function familyFor(world: RelationshipWorld, mix: SalesProfile["mix"]): FamilyName {
  const entries = Object.entries(mix) as [FamilyName, number][];
  return world.random.weighted(entries, ([, share]) => share)[0];
}

function endCustomer(world: RelationshipWorld, partner: string): string | undefined {
  const sites = partnerSites[partner] ?? [];
  return sites.length === 0 || world.random.chance(0.3) ? undefined : world.random.pick(sites);
}

/** One sale line worth about `worth` minor units (a project's share), at 0-15 % off list. */
function saleLine(world: RelationshipWorld, partner: string, day: string, product: WorldProduct, worth: number): SellThroughLineInput {
  const quantity = Math.max(1, Math.min(200, Math.round(worth / product.priceMinor)));
  const discount = world.random.between(0, 0.15);
  const netAmountMinor = Math.max(1, Math.round(quantity * product.priceMinor * (1 - discount)));
  const customer = endCustomer(world, partner);
  return { date: day, sku: product.sku, quantity, netAmountMinor, ...(customer ? { endCustomer: customer } : {}) };
}

/** A random working-ish day of the month, within what the partner and the calendar allow. */
function saleDay(world: RelationshipWorld, month: string, from: string): string | null {
  return dayWithin(world.now, month, world.random.int(1, daysIn(month)), from);
}

/** The month's lines for a profile on its curve: sales until the month's target, and now and then a return. */
function curveLines(world: RelationshipWorld, partner: WorldPartner, profile: SalesProfile, monthsAgo: number, from: string): SellThroughLineInput[] {
  const month = monthBack(world.now, monthsAgo);
  if (profile.stoppedMonthsAgo !== undefined && monthsAgo < profile.stoppedMonthsAgo) return [];
  const started = Math.floor((Date.parse(`${month}-01`) - Date.parse(from)) / (30 * dayMs));
  const ramp = started < 0 ? 0.3 : started === 0 ? 0.6 : started === 1 ? 0.85 : 1;
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const today = world.now.toISOString().slice(0, 10);
  const share = month === today.slice(0, 7) ? Number(today.slice(8, 10)) / daysIn(month) : 1;
  const target =
    profile.monthly * 100 * profile.yearlyGrowth ** (-monthsAgo / 12) * (season[monthIndex] ?? 1) * world.random.between(0.85, 1.15) * ramp * share;
  const lines: SellThroughLineInput[] = [];
  let total = 0;
  while (total < target) {
    const day = saleDay(world, month, from);
    const product = productFor(world, familyFor(world, profile.mix), monthsAgo);
    if (!day || !product) break;
    const line = saleLine(world, partner.name, day, product, world.random.between(60_000, 480_000));
    lines.push(line);
    total += line.netAmountMinor;
  }
  if (lines.length > 0 && world.random.chance(profile.returnChance)) {
    const sold = world.random.pick(lines);
    const product = world.products.find((p) => p.sku === sold.sku);
    const day = saleDay(world, month, sold.date);
    if (product && day) {
      const quantity = -Math.min(sold.quantity, world.random.int(1, 2));
      lines.push({ date: day, sku: sold.sku, quantity, netAmountMinor: Math.round((sold.netAmountMinor / sold.quantity) * quantity) });
    }
  }
  return lines;
}

/** Exact amounts: a sale as one line of the profile's mix, a return as one unit back. */
function fixedLines(world: RelationshipWorld, profile: SalesProfile, monthsAgo: number, from: string): SellThroughLineInput[] {
  const euros = profile.fixed?.[monthsAgo];
  if (euros === undefined) return [];
  const month = monthBack(world.now, monthsAgo);
  const day = dayWithin(world.now, month, 12, from);
  const product = productFor(world, familyFor(world, profile.mix), monthsAgo);
  if (!day || !product) return [];
  const amount = euros * 100;
  const quantity = Math.max(1, Math.round(Math.abs(amount) / (product.priceMinor * 0.9)));
  return [{ date: day, sku: product.sku, quantity: euros < 0 ? -quantity : quantity, netAmountMinor: amount }];
}

/** When the partner could first sell: three weeks after it joined. */
function firstSaleDay(partner: WorldPartner): string {
  return new Date(Date.parse(partner.createdAt) + 21 * dayMs).toISOString().slice(0, 10);
}

export interface SalesLoaded {
  batches: number;
  lines: number;
}

/** Records every partner's two years of sell-through, then dates each batch when it was reported. */
export async function loadDemoSales(ctx: { db: Kysely<Database> }, world: RelationshipWorld): Promise<SalesLoaded> {
  const reported: { batchId: string; at: string }[] = [];
  let lines = 0;
  for (const [name, { sales }] of Object.entries(demoRelationshipProfiles)) {
    const partner = world.partners.get(name);
    if (!partner?.admin) continue;
    const from = firstSaleDay(partner);
    for (let monthsAgo = months - 1; monthsAgo >= 0; monthsAgo--) {
      const batch = sales.fixed ? fixedLines(world, sales, monthsAgo, from) : curveLines(world, partner, sales, monthsAgo, from);
      if (batch.length === 0) continue;
      const month = monthBack(world.now, monthsAgo);
      const fileName = sales.source === "csv" ? `${name.split(" ")[0]?.toLowerCase()}-sell-through-${month}.csv` : undefined;
      const result = await recordSellThrough(ctx, partner.admin, partner.id, batch, sales.source, fileName);
      lines += result.lines;
      reported.push({ batchId: result.batchId, at: atOn(world.now, `${monthBack(world.now, monthsAgo - 1)}-05`, 9) });
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const { batchId, at } of reported) {
      await trx.updateTable("sell_through_batches").set({ created_at: at }).where("id", "=", batchId).execute();
      await trx.updateTable("sell_through_lines").set({ created_at: at }).where("batch_id", "=", batchId).execute();
    }
  });
  return { batches: reported.length, lines };
}
