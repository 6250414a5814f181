import type { BulkType } from "./bulk-insert.js";
import { DAY, iso, shuffled } from "./support-life.js";

// The model behind the relationships bench data: each partner's profile (size, activity over time,
// support appetite, engagement) and the draws every generator shares, so sales, support, claims,
// costs and reads tell one consistent story per partner.

/** Partner relationships at bench scale (issue 7): three years of sales, support, incentives, costs and reads. */
export interface RelationshipsScale {
  /** Sell-through lines over the three years. */
  lines: number;
  /** Support tickets over the three years (about 3.5 timed replies each). */
  tickets: number;
  /** Incentive claims over the three years (one or two lines each). */
  claims: number;
}

export const fullRelationshipsScale: RelationshipsScale = { lines: 5_000_000, tickets: 200_000, claims: 300_000 };
export const smallRelationshipsScale: RelationshipsScale = { lines: 100_000, tickets: 10_000, claims: 10_000 };
export const historyMonths = 36;
/** The bench's reporting currency: the support settings' default, which relationship settings default to. */
export const benchCurrency = "EUR";
/** What a channel manager's hour costs in the cost lines: the relationship settings' default (90.00). */
export const channelManagerHourMinor = 9_000;

export interface RelationshipsRefs {
  partners: { id: string; tier_id: string | null; region: string; channel_manager_id: string | null }[];
  users: { id: string; partner_id: string | null; role: string }[];
  products: { id: string; list_price_minor: number }[];
  /** A channel manager: records the cost lines. */
  managerId: string;
  passwordHash: string;
}

/** How a partner behaves over the three years; every source draws from it, so the figures tell one story. */
export interface PartnerProfile {
  partnerId: string;
  /** Share of sales (before growth and activity); Zipf-like: a few big partners, a long tail. */
  salesWeight: number;
  /** First and after-last month index (0..36) with sales: late starters, and dormant partners that stopped. */
  start: number;
  stop: number;
  /** Yearly growth factor (0.6 = shrinking 40 % a year). */
  growth: number;
  /** Support demand relative to sales: small partners and a few "hogs" consume more than their sales. */
  supportWeight: number;
  /** Share of the partner's users reading news in a month (0..0.6). */
  engagement: number;
  /** Discount off list the partner sells at (bigger partners discount more). */
  discount: number;
}

export interface CatalogItem {
  productId: string;
  familyId: string;
  /** List price in the reporting currency, by family (cameras ~100 EUR, recorders ~300, ...). */
  listMinor: number;
}

export function monthsEndingNow(nowMs: number, count = historyMonths): string[] {
  const now = new Date(nowMs);
  return Array.from({ length: count }, (_, i) => iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)).slice(0, 7));
}

export const monthStartMs = (month: string) => Date.parse(`${month}-01T00:00:00.000Z`);
export const nextMonthMs = (month: string) => {
  const d = new Date(monthStartMs(month));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

/** Days of the month that may carry sales: all of a past month, up to yesterday in the current one. */
export function saleDays(month: string, nowMs: number): number {
  const todayStart = Math.floor(nowMs / DAY) * DAY;
  return Math.max(0, Math.round((Math.min(nextMonthMs(month), todayStart) - monthStartMs(month)) / DAY));
}

/** Sales activity of a partner in month m, relative to its weight: growth, a Q4 peak and a summer dip. */
export function activity(profile: PartnerProfile, m: number, month: string): number {
  if (m < profile.start || m >= profile.stop) return 0;
  const calendarMonth = Number(month.slice(5, 7));
  const season = calendarMonth >= 10 ? 1.3 : calendarMonth === 7 || calendarMonth === 8 ? 0.85 : 1;
  return profile.growth ** (m / 12) * season;
}

export function makeProfiles(partners: { id: string }[], random: () => number): PartnerProfile[] {
  const ranked = shuffled(partners, random);
  return ranked.map((partner, rank) => {
    const roll = random();
    // 3 % never sold, 8 % went dormant in the first two years, 12 % started late.
    const stop = roll < 0.03 ? 0 : roll < 0.11 ? 4 + Math.floor(random() * 20) : historyMonths;
    const start = stop > 0 && random() < 0.12 ? 1 + Math.floor(random() * 28) : 0;
    const salesWeight = 1 / (rank + 4) ** 1.1;
    const hog = random() < 0.04 ? 4 + random() * 4 : 1;
    return {
      partnerId: partner.id,
      salesWeight,
      start: Math.min(start, stop),
      stop,
      growth: 0.6 + random() * 1.2,
      supportWeight: salesWeight ** 0.6 * hog * (0.5 + random()),
      engagement: random() ** 2 * 0.6,
      discount: 0.08 + 0.22 * (1 - rank / ranked.length) * random(),
    };
  });
}

/** A Zipf-like product picker: popular models sell far more than the rest. */
export function productPicker(catalog: CatalogItem[], random: () => number): () => CatalogItem {
  const ranked = shuffled(catalog, random);
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < ranked.length; r++) {
    total += 1 / (r + 10);
    cumulative.push(total);
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo] as CatalogItem;
  };
}

/** One sale line's values (quantity, unit price and serials), as a partner's file would carry them. */
export function drawSale(random: () => number, item: CatalogItem, discount: number) {
  const returned = random() < 0.02;
  const units = 1 + Math.floor(20 * random() ** 4);
  const quantity = returned ? -units : units;
  const unitMinor = Math.round(item.listMinor * (1 - discount) * (0.95 + random() * 0.1));
  const serials =
    units <= 3 && random() < 0.1
      ? Array.from(
          { length: units },
          () =>
            `SN${Math.floor(random() * 1e8)
              .toString()
              .padStart(8, "0")}`,
        ).join(" ")
      : "";
  const endCustomer = random() < 0.4 ? `Customer ${Math.floor(random() * 50_000)}` : "";
  return { quantity, netMinor: quantity * unitMinor, serials, endCustomer };
}

/** Expected count per partner and month, scaled so the whole history holds `total`; drawn with stochastic rounding. */
export function allocate(
  profiles: PartnerProfile[],
  months: string[],
  total: number,
  weight: (profile: PartnerProfile, m: number, month: string) => number,
  random: () => number,
): number[][] {
  const raw = profiles.map((profile) => months.map((month, m) => weight(profile, m, month)));
  const sum = raw.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0) || 1;
  return raw.map((row) => row.map((w) => Math.floor((w / sum) * total + random())));
}

export interface SourcesContext extends RelationshipsRefs {
  profiles: PartnerProfile[];
  months: string[];
  catalog: CatalogItem[];
  nowMs: number;
  random: () => number;
  timed: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

export const col = (...names: string[]): [string, BulkType][] => names.map((spec) => spec.split(":") as [string, BulkType]);
