import type { PartnerMonthFiguresTable } from "../../db/types.js";
import type { ScorecardSettings } from "./scorecard.types.js";
import { addMonths } from "./scorecard-math.js";

export const sumsSettings: ScorecardSettings = {
  currency: "EUR",
  healthWeights: { return_on_resources: 40, growth: 20, engagement: 20, certification: 10, support_within_allowance: 10 },
  targetReturnPercent: 300,
  healthThreshold: 40,
};

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
export function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows over 30 months (some outside the 24 the card reads), with gaps, nulls, returns and tier changes. */
export function partnerRows(partnerId: string, next: () => number, endMonth: string): PartnerMonthFiguresTable[] {
  const rows: PartnerMonthFiguresTable[] = [];
  const whole = (max: number) => Math.floor(next() * max);
  const maybe = (max: number, nullShare = 0.3) => (next() < nullShare ? null : whole(max));
  const changesTier = next() < 0.2;
  for (let i = 0; i < 30; i++) {
    if (next() < 0.25) continue;
    const revenue = whole(5_000_000) - (next() < 0.1 ? 6_000_000 : 0);
    const active = maybe(40);
    rows.push({
      partner_id: partnerId,
      month: addMonths(endMonth, -(29 - i) + 2),
      tier_id: changesTier && i > 20 ? "tier-gold" : next() < 0.05 ? null : "tier-silver",
      revenue_minor: revenue,
      margin_minor: Math.round(revenue * 0.3),
      sell_through_revenue_minor: revenue,
      claims_revenue_minor: 0,
      units: whole(50),
      support_minutes: maybe(3_000),
      support_cost_minor: maybe(400_000),
      support_allowance_minutes: maybe(1_200, 0.4),
      incentive_points: maybe(2_000),
      incentive_cost_minor: maybe(20_000),
      training_cost_minor: maybe(90_000, 0.8),
      marketing_cost_minor: whole(100_000),
      channel_manager_cost_minor: whole(50_000),
      channel_manager_hours_hundredths: whole(1_000),
      other_cost_minor: whole(10_000),
      active_users: active,
      library_users: maybe(30),
      news_readers: maybe(30),
      certified_staff: maybe(5, 0.7),
      logins: maybe(300),
      refreshed_at: "2026-06-15T00:00:00.000Z",
    });
  }
  return rows;
}
