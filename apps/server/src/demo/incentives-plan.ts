import { busyToday, demoRules, demoSellers, endCustomers, fraudStory, launchDaysAgo, launchedSku, rejectionReasons } from "./incentives-content.js";
import { type Random, serialFor } from "./support-random.js";

// The year of claims, planned before anything is written: who sold what to whom and when, when the
// claim was filed, when and how it was reviewed. Pure (seeded randomness, dates from `now`), so the
// loader only replays it through the services in time order.

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export interface PlanSeller {
  id: string;
  role: "sales_rep" | "partner_admin";
  email: string;
}

export interface PlanPartner {
  id: string;
  name: string;
  region: string;
  country: string;
  createdAt: number;
  managerId: string | null;
  sellers: PlanSeller[];
}

export interface PlanProduct {
  id: string;
  sku: string;
  family: string;
  pattern: string;
  priceMinor: number;
  active: boolean;
}

export interface PlannedLine {
  productId: string;
  sku: string;
  quantity: number;
  unitNetMinor: number;
  currency: string;
  serials: string[];
}

export interface PlannedClaim {
  partnerId: string;
  repId: string;
  /** The rep itself, or its partner admin filing for it. */
  filerId: string;
  invoiceNumber: string;
  saleDate: string;
  endCustomer: string;
  lines: PlannedLine[];
  filedAt: number;
  /** null: not reviewed yet (still pending, unless it was small enough to be approved when filed). */
  review: { at: number; reviewerId: string; reject: string | null; note: string | null } | null;
  reversal: { at: number; reviewerId: string; reason: string } | null;
  story: Draft["story"];
}

interface Draft {
  partner: PlanPartner;
  rep: PlanSeller;
  saleAt: number;
  lines: PlannedLine[];
  story?: "fraud" | "launch" | "today";
  customer?: string;
}

const europe = new Set(["Western Europe", "Northern Europe", "Eastern Europe"]);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (ms: number) => ms - (ms % dayMs);
const weekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());
/** Busier in spring and before the year's end, quieter in summer and January. */
const season = [0.7, 0.8, 1, 1, 1.1, 1.1, 0.8, 0.8, 1.1, 1.2, 1.3, 1.1];
const familyWeights: Record<string, number> = {
  "IP cameras": 45,
  "Network video recorders": 18,
  "Video management software": 15,
  "Access control": 12,
  Accessories: 10,
};

/** What a line earns under the base rules (an estimate: no promotions, caps or earlier versions). */
export function basePoints(line: Pick<PlannedLine, "sku" | "quantity" | "unitNetMinor">, family: string): number {
  const rule = demoRules.find((r) => r.sku === line.sku && r.kind === "per_unit") ?? demoRules.find((r) => r.family === family && !r.sku);
  if (!rule) return 0;
  if (rule.kind === "per_revenue") return Math.floor((line.quantity * line.unitNetMinor) / 100) * rule.points;
  return rule.kind === "per_unit" ? rule.points * line.quantity : 0;
}

export interface PlanInput {
  now: number;
  partners: PlanPartner[];
  products: PlanProduct[];
  financeId: string;
  random: Random;
}

export function planClaims(input: PlanInput): PlannedClaim[] {
  const { now, partners, products, random } = input;
  const today = dayStart(now);
  const launch = dayStart(now - launchDaysAgo * dayMs);
  const quarterStart = Date.UTC(new Date(now).getUTCFullYear(), Math.floor(new Date(now).getUTCMonth() / 3) * 3, 1);
  const used = new Set<string>();
  const bySku = new Map(products.map((p) => [p.sku, p]));

  const line = (product: PlanProduct, quantity: number, currency: string, discount = random.between(0.8, 0.95)): PlannedLine => {
    const serials: string[] = [];
    while (serials.length < quantity) {
      const serial = serialFor(product.pattern, random);
      if (used.has(`${product.sku}|${serial}`)) continue;
      used.add(`${product.sku}|${serial}`);
      serials.push(serial);
    }
    const rate = currency === "EUR" ? 0.93 : 1;
    const unitNetMinor = Math.max(100, Math.round((product.priceMinor * discount * rate) / 100) * 100);
    return { productId: product.id, sku: product.sku, quantity, unitNetMinor, currency, serials };
  };

  const quantityOf = (product: PlanProduct): number => {
    if (product.family === "Video management software" && product.sku.endsWith("-1CH") && product.priceMinor < 20_000) return random.int(4, 24);
    if (product.family === "Video management software" && product.sku.includes("-CLD-")) return random.int(4, 16);
    if (product.priceMinor < 30_000) return random.int(2, 12);
    if (product.priceMinor < 100_000) return random.int(1, 6);
    return product.priceMinor < 300_000 ? random.int(1, 3) : random.int(1, 2);
  };

  const linesFor = (partner: PlanPartner, saleAt: number, small: boolean): PlannedLine[] => {
    const currency = europe.has(partner.region) ? "EUR" : "USD";
    const onSale = products.filter((p) => p.active && (p.sku !== launchedSku || saleAt >= launch + 20 * dayMs));
    if (small) {
      const cheap = onSale.filter((p) => (p.family === "IP cameras" || p.family === "Accessories") && p.priceMinor < 30_000);
      const product = random.pick(cheap);
      return [line(product, product.family === "Accessories" ? random.int(1, 4) : random.int(1, 2), currency)];
    }
    const focus = demoSellers[partner.name]?.focus;
    const count = random.weighted([1, 2, 3], (n) => [45, 35, 20][n - 1] ?? 0);
    const chosen = new Set<PlanProduct>();
    for (let tries = 0; chosen.size < count && tries < 10; tries++) {
      const family = random.weighted(Object.keys(familyWeights), (f) => {
        const promo = f === "Network video recorders" && saleAt >= quarterStart ? 2 : 1;
        return (familyWeights[f] ?? 0) * promo * (f === focus ? 2 : 1);
      });
      const candidates = onSale.filter((p) => p.family === family);
      if (candidates.length > 0) chosen.add(random.weighted(candidates, (p) => Math.sqrt(100_000 / p.priceMinor)));
    }
    return [...chosen].map((product) => line(product, quantityOf(product), currency));
  };

  const drafts: Draft[] = [];
  const sellerOf = (partner: PlanPartner) => random.weighted(partner.sellers, (s) => (s.role === "sales_rep" ? 1 : 0.35));
  for (const partner of partners) {
    const rate = demoSellers[partner.name]?.claimsPerYear ?? 0;
    if (rate === 0 || partner.sellers.length === 0) continue;
    for (let back = 11; back >= 0; back--) {
      const first = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - back, 1);
      const next = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - back + 1, 1);
      const from = Math.max(first, dayStart(partner.createdAt) + 14 * dayMs);
      const to = Math.min(next, today);
      if (from >= to) continue;
      const expected = (rate / 12) * (season[new Date(first).getUTCMonth()] ?? 1) * ((to - from) / (next - first));
      const count = Math.floor(expected + random.next());
      for (let i = 0; i < count; i++) {
        let saleAt = from + random.next() * (to - from);
        for (let tries = 0; tries < 3 && weekend(saleAt); tries++) saleAt = from + random.next() * (to - from);
        drafts.push({ partner, rep: sellerOf(partner), saleAt, lines: linesFor(partner, saleAt, random.chance(0.2)) });
      }
    }
  }

  // The stories: the first thermal camera sold, the fraud, and this morning's small claims.
  const northgate = partners.find((p) => p.name === "Northgate Security Integrators");
  const thermal = bySku.get(launchedSku);
  const nvr32 = bySku.get("NV-32-8T");
  const daniel = northgate?.sellers.find((s) => s.email.startsWith("daniel.cho@"));
  if (northgate && daniel && thermal && nvr32) {
    const saleAt = launch + 6 * dayMs + 11 * hourMs;
    drafts.push({
      partner: northgate,
      rep: daniel,
      saleAt,
      story: "launch",
      customer: "Summit Logistics Park",
      lines: [line(thermal, 2, "USD"), line(nvr32, 1, "USD")],
    });
  }
  const vistula = partners.find((p) => p.name === fraudStory.partner);
  const ola = vistula?.sellers.find((s) => s.email === fraudStory.repEmail);
  const ptz = bySku.get(fraudStory.sku);
  if (vistula && ola && ptz) {
    const saleAt = dayStart(now - fraudStory.saleDaysAgo * dayMs) + 10 * hourMs;
    drafts.push({
      partner: vistula,
      rep: ola,
      saleAt,
      story: "fraud",
      customer: fraudStory.endCustomer,
      lines: [line(ptz, fraudStory.units, "EUR", 0.9)],
    });
  }
  const dome = bySku.get("LC-D2-4MP");
  for (const name of busyToday) {
    const partner = partners.find((p) => p.name === name);
    const rep = partner?.sellers.find((s) => s.role === "sales_rep");
    if (!partner || !rep || !dome) continue;
    drafts.push({ partner, rep, saleAt: today - 14 * hourMs, story: "today", lines: [line(dome, 1, europe.has(partner.region) ? "EUR" : "USD")] });
  }

  drafts.sort((a, b) => a.saleAt - b.saleAt);
  const numbers = new Map<string, number>();
  const claims: PlannedClaim[] = [];
  const reviewerOf = (partner: PlanPartner) => (partner.managerId && random.chance(0.75) ? partner.managerId : input.financeId);
  for (const draft of drafts) {
    const { partner } = draft;
    const number = (numbers.get(partner.id) ?? 1000 + random.int(0, 400)) + random.int(1, 6);
    numbers.set(partner.id, number);
    const saleDay = dayStart(draft.saleAt);
    let filedAt = saleDay + random.int(1, 12) * dayMs + random.between(8, 18) * hourMs;
    if (draft.story === "launch" || draft.story === "fraud") filedAt = saleDay + 2 * dayMs + 10 * hourMs;
    if (draft.story === "today") filedAt = today + (now - today) * (0.2 + 0.2 * busyToday.indexOf(partner.name));
    // Filed by now: a recent sale was claimed some time between the sale and the load.
    else if (filedAt >= now) filedAt = saleDay + (now - saleDay) * random.between(0.6, 0.98);
    let reviewAt = filedAt + random.between(0.2, 4) * dayMs;
    if (weekend(reviewAt)) reviewAt += 2 * dayMs;
    const admin = partner.sellers.find((s) => s.role === "partner_admin");
    const byAdmin = draft.rep.role === "sales_rep" && admin !== undefined && random.chance(0.2);
    const customers = endCustomers[partner.country] ?? endCustomers.US ?? [];
    const reviewer = reviewerOf(partner);
    claims.push({
      partnerId: partner.id,
      repId: draft.rep.id,
      filerId: byAdmin && admin ? admin.id : draft.rep.id,
      invoiceNumber: `${demoSellers[partner.name]?.prefix ?? "INV"}-${new Date(saleDay).getUTCFullYear()}-${number}`,
      saleDate: ymd(saleDay),
      endCustomer: draft.customer ?? random.pick(customers),
      lines: draft.lines,
      filedAt,
      review:
        reviewAt < now && draft.story !== "today"
          ? {
              at: reviewAt,
              reviewerId: reviewer,
              reject: null,
              note:
                draft.story === "launch"
                  ? "The first thermal camera sold in the program: launch bonus paid."
                  : random.chance(0.15)
                    ? "Checked against the distributor's sell-in report."
                    : null,
            }
          : null,
      reversal:
        draft.story === "fraud"
          ? { at: dayStart(now - fraudStory.reversedDaysAgo * dayMs) + 15 * hourMs, reviewerId: input.financeId, reason: fraudStory.reason }
          : null,
      story: draft.story,
    });
  }
  markRejections(claims, products);
  return claims;
}

/** Spreads the rejections over the year, among reviewed claims big enough to have gone to review. */
function markRejections(claims: PlannedClaim[], products: PlanProduct[]): void {
  const familyOf = new Map(products.map((p) => [p.sku, p.family]));
  const candidates = claims.filter(
    (c) => c.review !== null && c.story === undefined && c.lines.reduce((sum, l) => sum + basePoints(l, familyOf.get(l.sku) ?? ""), 0) > 1000,
  );
  rejectionReasons.forEach((reason, k) => {
    const claim = candidates[Math.floor(((k + 0.5) * candidates.length) / rejectionReasons.length)];
    if (claim?.review) claim.review = { ...claim.review, reject: reason, note: null };
  });
}
