import type { Kysely } from "kysely";
import type { Database } from "../apps/server/src/db/types.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import { type BulkValue, bulkInsert, idMaker, loadTransaction, withBulkLoad, withIndexesDeferred } from "./bulk-insert.js";
import { TextMaker } from "./library-data.js";
import {
  activity,
  allocate,
  benchCurrency,
  type CatalogItem,
  channelManagerHourMinor,
  col,
  drawSale,
  historyMonths,
  makeProfiles,
  monthStartMs,
  monthsEndingNow,
  nextMonthMs,
  type PartnerProfile,
  productPicker,
  type RelationshipsRefs,
  type RelationshipsScale,
  saleDays,
} from "./relationships-model.js";
import { generateRelationshipSources, type SourcesData } from "./relationships-sources.js";
import { DAY, iso } from "./support-life.js";

export { fullRelationshipsScale, type RelationshipsScale, smallRelationshipsScale } from "./relationships-model.js";

export interface RelationshipsData {
  rows: number;
  /** The 36 months, oldest first; the last is the current month (sales up to yesterday). */
  months: string[];
  profiles: PartnerProfile[];
  catalog: CatalogItem[];
  /** Partners by sales weight, biggest first. */
  bigPartnerIds: string[];
  /** Partners that sold in the first year but not in the last twelve months. */
  dormantPartnerIds: string[];
  sources: SourcesData;
  seconds: Record<string, number>;
}

const familyNames = ["Recorders", "Access control", "Video management software", "Accessories"];
/** Price and margin per family (index 0 is the foundation's cameras); Accessories has no margin set: the default applies. */
const familyPrice = [1, 3, 0.6, 2, 0.2];
const familyMarginBps: (number | null)[] = [3200, 2800, 3500, 6000, null];

/** Five families with margins (the foundation has one: spread its products over five, as the support bench does). */
async function prepareCatalog(db: Kysely<Database>, refs: RelationshipsRefs, now: string): Promise<CatalogItem[]> {
  const existing = await db.selectFrom("product_families").select("id").orderBy("id").execute();
  const families = existing.map((family) => family.id);
  if (families.length < 5) {
    const added = familyNames.slice(families.length - 1).map((name) => ({ id: uuidv7(), name, description: "", created_at: now, updated_at: now }));
    await db.insertInto("product_families").values(added).execute();
    families.push(...added.map((family) => family.id));
    for (const [f, familyId] of families.entries()) {
      const ids = refs.products.filter((_, i) => i % families.length === f).map((product) => product.id);
      for (let i = 0; i < ids.length; i += 500)
        await db
          .updateTable("products")
          .set({ family_id: familyId })
          .where("id", "in", ids.slice(i, i + 500))
          .execute();
    }
  }
  const margins = families.flatMap((familyId, f) => {
    const bps = familyMarginBps[f];
    return bps === null || bps === undefined ? [] : [{ family_id: familyId, margin_bps: bps, updated_by: null, updated_at: now }];
  });
  await db.insertInto("product_family_margins").values(margins).execute();
  const familyOf = new Map((await db.selectFrom("products").select(["id", "family_id"]).execute()).map((row) => [row.id, row.family_id]));
  return refs.products.map((product) => {
    const familyId = familyOf.get(product.id) ?? (families[0] as string);
    return { productId: product.id, familyId, listMinor: Math.round(product.list_price_minor * (familyPrice[families.indexOf(familyId)] ?? 1)) };
  });
}

const lineColumns = col(
  "id:text",
  "partner_id:text",
  "batch_id:text",
  "sale_date:text",
  "product_id:text",
  "family_id:text",
  "quantity:int4",
  "net_minor:int8",
  "currency:text",
  "serials:text",
  "end_customer:text",
  "created_at:timestamptz",
);

/**
 * Sell-through: one batch per partner and month (a monthly file or API post), its lines, and the
 * rollup sell_through_months written in the same transaction, as the app keeps it on write
 * (revenue, units and lines per partner, month of the sale date and family). One transaction per
 * ~100,000 lines.
 */
async function generateSales(
  db: Kysely<Database>,
  data: { profiles: PartnerProfile[]; months: string[]; catalog: CatalogItem[] },
  refs: RelationshipsRefs,
  total: number,
  nowMs: number,
  random: () => number,
) {
  const counts = allocate(data.profiles, data.months, total, (p, m, month) => p.salesWeight * activity(p, m, month) * saleDays(month, nowMs), random);
  const pick = productPicker(data.catalog, random);
  const adminOf = new Map(refs.users.filter((u) => u.role === "partner_admin").map((u) => [u.partner_id, u.id]));
  const newId = idMaker(1);
  let rows = 0;
  let batches: BulkValue[][] = [];
  let lines: BulkValue[][] = [];
  let rollup: BulkValue[][] = [];
  const flush = async () => {
    await loadTransaction(db, async (trx) => {
      await bulkInsert(
        trx,
        "sell_through_batches",
        col("id:text", "partner_id:text", "source:text", "file_name:text", "lines:int4", "created_by:text", "created_at:timestamptz"),
        batches,
      );
      await bulkInsert(trx, "sell_through_lines", lineColumns, lines);
      await bulkInsert(
        trx,
        "sell_through_months",
        col("partner_id:text", "month:text", "family_id:text", "revenue_minor:int8", "units:int8", "lines:int4"),
        rollup,
      );
    });
    rows += batches.length + lines.length + rollup.length;
    batches = [];
    lines = [];
    rollup = [];
  };
  // Month by month, so line ids (time-ordered, like the app's) append to the primary key.
  for (const [m, month] of data.months.entries()) {
    for (const [p, profile] of data.profiles.entries()) {
      const count = counts[p]?.[m] ?? 0;
      if (count === 0) continue;
      const createdMs = Math.min(nextMonthMs(month) + 3 * DAY, nowMs - 3_600_000);
      const createdAt = iso(createdMs);
      const batchId = newId(createdMs);
      const csv = random() < 0.7;
      batches.push([
        batchId,
        profile.partnerId,
        csv ? "csv" : "api",
        csv ? `sales-${month}.csv` : null,
        count,
        adminOf.get(profile.partnerId) ?? null,
        createdAt,
      ]);
      const days = saleDays(month, nowMs);
      const byFamily = new Map<string, [number, number, number]>();
      for (let k = 0; k < count; k++) {
        const item = pick();
        const sale = drawSale(random, item, profile.discount);
        const day = String(1 + Math.floor(random() * days)).padStart(2, "0");
        lines.push([
          newId(createdMs),
          profile.partnerId,
          batchId,
          `${month}-${day}`,
          item.productId,
          item.familyId,
          sale.quantity,
          sale.netMinor,
          benchCurrency,
          sale.serials,
          sale.endCustomer,
          createdAt,
        ]);
        const sums = byFamily.get(item.familyId) ?? [0, 0, 0];
        sums[0] += sale.netMinor;
        sums[1] += sale.quantity;
        sums[2] += 1;
        byFamily.set(item.familyId, sums);
      }
      for (const [familyId, [revenue, units, n]] of byFamily) rollup.push([profile.partnerId, month, familyId, revenue, units, n]);
      if (lines.length >= 100_000) await flush();
    }
  }
  await flush();
  return rows;
}

/**
 * Cost lines: a channel manager's hours every month a partner is active (more for big partners, a
 * little while dormant), quarterly marketing funds for the top third, training now and then, other
 * costs rarely; 1 % voided with a reason. partner_cost_months holds the unvoided ones.
 */
async function generateCosts(
  db: Kysely<Database>,
  data: { profiles: PartnerProfile[]; months: string[] },
  managerId: string,
  nowMs: number,
  random: () => number,
) {
  const newId = idMaker(2);
  const lines: BulkValue[][] = [];
  const rollup = new Map<string, [string, string, string, number, number]>();
  const top = data.profiles[Math.floor(data.profiles.length / 3)]?.salesWeight ?? 0;
  const maxWeight = data.profiles[0]?.salesWeight ?? 1;
  for (const profile of data.profiles) {
    for (const [m, month] of data.months.entries()) {
      const days = saleDays(month, nowMs);
      if (days === 0) continue;
      const active = activity(profile, m, month) > 0;
      const add = (category: string, amountMinor: number, hoursHundredths: number | null, purpose: string, label = "") => {
        const spentMs = monthStartMs(month) + Math.floor(random() * days) * DAY;
        const createdMs = Math.min(spentMs + 2 * DAY, nowMs - 60_000);
        const voided = random() < 0.01;
        lines.push([
          newId(createdMs),
          profile.partnerId,
          iso(spentMs).slice(0, 10),
          category,
          label,
          amountMinor,
          benchCurrency,
          hoursHundredths,
          purpose,
          random() < 0.8 ? "manual" : "csv",
          managerId,
          iso(createdMs),
          voided ? iso(createdMs + DAY) : null,
          voided ? managerId : null,
          voided ? "Entered twice" : null,
        ]);
        if (voided) return;
        const key = `${profile.partnerId}|${month}|${category}`;
        const sums = rollup.get(key) ?? [profile.partnerId, month, category, 0, 0];
        sums[3] += amountMinor;
        sums[4] += hoursHundredths ?? 0;
        rollup.set(key, sums);
      };
      if (active || random() < 0.3) {
        const hours = Math.round((1 + random() * 3 + 30 * (profile.salesWeight / maxWeight) * random()) * 4) / 4;
        add("channel_manager", Math.round(hours * channelManagerHourMinor), Math.round(hours * 100), "Account management");
      }
      if (active && profile.salesWeight >= top && m % 3 === 2)
        add(
          "marketing_funds",
          Math.round(200_000 + 5_000_000 * (profile.salesWeight / maxWeight) * random()),
          null,
          "Quarterly marketing development funds",
        );
      if (active && random() < 0.1) add("training", 20_000 + Math.floor(random() * 130_000), random() < 0.5 ? 800 : null, "Certification course");
      if (random() < 0.04)
        add("other", 10_000 + Math.floor(random() * 300_000), null, "Trade show", random() < 0.5 ? "Event sponsorship" : "Demo kit");
    }
  }
  const columns = col(
    "id:text",
    "partner_id:text",
    "spent_on:text",
    "category:text",
    "label:text",
    "amount_minor:int8",
    "currency:text",
    "hours_hundredths:int4",
    "purpose:text",
    "source:text",
    "created_by:text",
    "created_at:timestamptz",
    "voided_at:timestamptz",
    "voided_by:text",
    "void_reason:text",
  );
  await loadTransaction(db, async (trx) => {
    await bulkInsert(trx, "partner_cost_lines", columns, lines);
    await bulkInsert(
      trx,
      "partner_cost_months",
      col("partner_id:text", "month:text", "category:text", "amount_minor:int8", "hours_hundredths:int8"),
      [...rollup.values()],
    );
  });
  return lines.length + rollup.size;
}

/** Writes the relationships data at `scale` on top of the foundation data. Seeded: the same scale gives the same history. */
export async function generateRelationships(db: Kysely<Database>, scale: RelationshipsScale, refs: RelationshipsRefs): Promise<RelationshipsData> {
  const random = new TextMaker(20260707).random;
  const nowMs = Date.now();
  const now = iso(nowMs);
  const months = monthsEndingNow(nowMs);
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    seconds[name] = Math.round(performance.now() - t0) / 1000;
    return result;
  };
  const profiles = makeProfiles(refs.partners, random);
  const catalog = await prepareCatalog(db, refs, now);
  const bulkTables = [
    "sell_through_lines",
    "sell_through_batches",
    "partner_cost_lines",
    "tickets",
    "ticket_replies",
    "incentive_claims",
    "news_reads",
  ];
  const { rows, sources } = await withBulkLoad(db, () =>
    withIndexesDeferred(db, bulkTables, async () => {
      const sales = await timed("sell_through", () => generateSales(db, { profiles, months, catalog }, refs, scale.lines, nowMs, random));
      const costs = await timed("costs", () => generateCosts(db, { profiles, months }, refs.managerId, nowMs, random));
      const sources = await generateRelationshipSources(db, scale, { ...refs, profiles, months, catalog, nowMs, random, timed });
      return { rows: sales + costs + sources.rows, sources };
    }),
  );
  return {
    rows,
    months,
    profiles,
    catalog,
    bigPartnerIds: profiles.slice(0, 10).map((p) => p.partnerId),
    dormantPartnerIds: profiles.filter((p) => p.stop > 0 && p.stop < historyMonths - 12).map((p) => p.partnerId),
    sources,
    seconds,
  };
}
