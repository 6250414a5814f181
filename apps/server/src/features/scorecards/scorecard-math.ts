/**
 * The scorecard arithmetic: pure functions over a partner's month figures, no database and no clock
 * (docs/relationships.md). Health is in health.ts, the capacity model and what-if in capacity.ts, month arithmetic in
 * months.ts and the number rules (whole minor units, 4-decimal ratios) in ratios.ts; this module re-exports them.
 *
 * Rules
 * - A month with no row means no sales and no cost lines: revenue, margin and the always-measured costs (marketing
 *   funds, channel manager, other) are 0 that month, while the sources that may be missing (support, incentives,
 *   training, engagement) are not measured that month.
 * - Resources = support + incentives + training + marketing funds + channel manager + other. A source with no
 *   measured month in the period is "not measured" (amountMinor null) and is not counted as zero; a source measured in
 *   some months counts the months it was measured. resourcesMinor sums the measured lines.
 * - Net contribution = margin - resources. Return on resources = margin / resources, null when resources are 0 (or,
 *   which no source produces, negative).
 * - Refunds and returns are negative revenue (and margin) in the month they were booked: they reduce the period's
 *   revenue and margin, which can go below zero.
 * - The prior period is the same number of months just before. Growth = (x - prior) / |prior|, null when prior is 0.
 * - Engagement over the period: active users = the mean over the months that measured it; library use share = library
 *   users / active users and news read share = news readers / active users, both summed over the months measuring both
 *   (0 when the active users were 0, capped at 1); certified staff = the latest month's value; logins = the sum. Each
 *   is null when never measured in the period.
 * - Support against the allowance: the allowance is summed month by month with each month's recorded allowance (a
 *   mid-period tier change counts each tier for its own months) and set against the support minutes of those months
 *   only; months without an allowance (no row, or a tier without one) count on neither side.
 * - Tier changes: the months whose tier differs from the tier of the period's latest month with figures.
 * - Quadrants, on the portfolio's scatter of margin (y) against resources (x): the break-even diagonal (margin =
 *   resources) splits partners that earn more than they consume from those that do not, and the median of resources
 *   (the middle value, or the mean of the two middle values) splits heavy from light; resources are high when > 0 and
 *   >= that median. So a small efficient partner is "invest", never "cut" for being small:
 *   - invest: net contribution >= 0, low resources (earns its keep cheaply: grow it);
 *   - maintain: net contribution >= 0, high resources (earns its keep, at a cost: keep it efficient);
 *   - fix: net contribution < 0, high resources (consumes more than it creates: fix it);
 *   - cut: net contribution < 0 with low resources, or no revenue at all with low resources (dormant).
 * - Percentile among peers (the other partners of the tier; peers without a score are left out): the share of peers
 *   with a lower score plus half of those with an equal score, in percent, rounded to a whole number. null without a
 *   score or without peers.
 * - One row per month per partner; a duplicate month, another partner's row or money that is not whole minor units is
 *   a RangeError.
 */
import type { PortfolioQuadrant } from "../../db/types.js";
import { healthScore } from "./health.js";
import { assertMonth, monthsBetween, periodBounds, priorPeriodBounds } from "./months.js";
import { type PeriodSums, periodFromSums, sumMonths } from "./period-sums.js";
import { median, roundedRatio } from "./ratios.js";
import type { MonthFigures, PeriodFigures, QuadrantThresholds, Scorecard, ScorecardSettings, TrendPoint } from "./scorecard.types.js";

export { capacityModel, whatIf } from "./capacity.js";
export { CERTIFIED_STAFF_TARGET, healthScore } from "./health.js";
export { addMonths, monthsBetween, periodBounds, priorPeriodBounds } from "./months.js";

export type ScorecardPeriodMonths = 1 | 3 | 12;

/** The rows of [fromMonth, toMonth], oldest first; one per month. */
function rowsIn(months: readonly MonthFigures[], fromMonth: string, toMonth: string): MonthFigures[] {
  assertMonth(fromMonth, "fromMonth");
  assertMonth(toMonth, "toMonth");
  const seen = new Set<string>();
  const rows: MonthFigures[] = [];
  for (const row of months) {
    assertMonth(row.month);
    if (row.month < fromMonth || row.month > toMonth) continue;
    if (seen.has(row.month)) throw new RangeError(`two rows for ${row.month}`);
    seen.add(row.month);
    rows.push(row);
  }
  return rows.sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** The figures of one partner over [fromMonth, toMonth], both included. `months` may hold other months too. */
export function periodFigures(months: readonly MonthFigures[], fromMonth: string, toMonth: string): PeriodFigures {
  return periodFromSums(fromMonth, toMonth, sumMonths(rowsIn(months, fromMonth, toMonth)));
}

/** (current - prior) / |prior|, 4 decimals; null when prior is 0. */
export function growth(current: number, prior: number): number | null {
  return prior === 0 ? null : roundedRatio(current - prior, Math.abs(prior));
}

export interface ScorecardInput {
  partnerId: string;
  /** The partner's month figures covering the period and the prior period, any order; missing months = no data. */
  months: readonly MonthFigures[];
  endMonth: string;
  periodMonths: ScorecardPeriodMonths;
  settings: ScorecardSettings;
  /** The portfolio's medians for the same period (portfolioMedians). */
  thresholds: QuadrantThresholds;
}

export function computeScorecard(input: ScorecardInput): Scorecard {
  const other = input.months.find((m) => m.partnerId !== input.partnerId);
  if (other) throw new RangeError(`month figures of partner ${other.partnerId} given for ${input.partnerId}`);
  const bounds = periodBounds(input.endMonth, input.periodMonths);
  const priorBounds = priorPeriodBounds(input.endMonth, input.periodMonths);
  const rows = rowsIn(input.months, bounds.fromMonth, bounds.toMonth);
  const tierId = rows.at(-1)?.tierId ?? null;
  return scorecardFromSums({
    partnerId: input.partnerId,
    endMonth: input.endMonth,
    periodMonths: input.periodMonths,
    settings: input.settings,
    thresholds: input.thresholds,
    period: sumMonths(rows),
    prior: sumMonths(rowsIn(input.months, priorBounds.fromMonth, priorBounds.toMonth)),
    tierId,
    tierChanges: rows.filter((row) => row.tierId !== tierId).map((row) => ({ month: row.month, tierId: row.tierId })),
  });
}

export interface ScorecardSumsInput extends Omit<ScorecardInput, "months"> {
  period: PeriodSums;
  prior: PeriodSums;
  /** The tier of the period's latest month with figures, and the months whose tier differs from it. */
  tierId: string | null;
  tierChanges: Scorecard["tierChanges"];
}

/** The card from the period's and the prior period's sums (computeScorecard forms them from rows). */
export function scorecardFromSums(input: ScorecardSumsInput): Scorecard {
  const bounds = periodBounds(input.endMonth, input.periodMonths);
  const priorBounds = priorPeriodBounds(input.endMonth, input.periodMonths);
  const period = periodFromSums(bounds.fromMonth, bounds.toMonth, input.period);
  const prior = periodFromSums(priorBounds.fromMonth, priorBounds.toMonth, input.prior);
  return {
    partnerId: input.partnerId,
    currency: input.settings.currency,
    tierId: input.tierId,
    period,
    prior,
    revenueGrowth: growth(period.revenueMinor, prior.revenueMinor),
    marginGrowth: growth(period.marginMinor, prior.marginMinor),
    health: healthScore(period, prior, input.settings),
    quadrant: quadrantOf(period, input.thresholds),
    tierChanges: input.tierChanges,
  };
}

/** One point a month for the `count` months ending with endMonth, oldest first; a month without a row is all zeros
 * with support not measured. */
export function trend(months: readonly MonthFigures[], endMonth: string, count = 24): TrendPoint[] {
  const bounds = periodBounds(endMonth, count);
  const byMonth = new Map(rowsIn(months, bounds.fromMonth, bounds.toMonth).map((row) => [row.month, row]));
  return monthsBetween(bounds.fromMonth, bounds.toMonth).map((month) => {
    const row = byMonth.get(month);
    const figures = periodFigures(row ? [row] : [], month, month);
    return {
      month,
      revenueMinor: figures.revenueMinor,
      marginMinor: figures.marginMinor,
      resourcesMinor: figures.resourcesMinor,
      netContributionMinor: figures.netContributionMinor,
      supportMinutes: figures.supportMinutes,
    };
  });
}

export interface QuadrantFigures {
  marginMinor: number;
  resourcesMinor: number;
  revenueMinor: number;
}

export function quadrantOf(figures: QuadrantFigures, thresholds: QuadrantThresholds): PortfolioQuadrant {
  const resourcesHigh = figures.resourcesMinor > 0 && figures.resourcesMinor >= thresholds.resourcesMedian;
  const earnsItsKeep = figures.marginMinor - figures.resourcesMinor >= 0;
  if (figures.revenueMinor <= 0 && !resourcesHigh) return "cut";
  if (earnsItsKeep) return resourcesHigh ? "maintain" : "invest";
  return resourcesHigh ? "fix" : "cut";
}

/** The medians of margin and resources over the given partners (0 for none). */
export function portfolioMedians(rows: readonly { marginMinor: number; resourcesMinor: number }[]): QuadrantThresholds {
  return { marginMedian: median(rows.map((r) => r.marginMinor)), resourcesMedian: median(rows.map((r) => r.resourcesMinor)) };
}

export function percentileAmong(score: number | null, peerScores: readonly (number | null)[]): number | null {
  if (score === null) return null;
  const peers = peerScores.filter((peer): peer is number => peer !== null);
  return percentileFromCounts({
    peers: peers.length,
    lower: peers.filter((peer) => peer < score).length,
    equal: peers.filter((peer) => peer === score).length,
  });
}

/** The same from counts: peers with a score, and how many of them score lower and equal. */
export function percentileFromCounts(counts: { peers: number; lower: number; equal: number }): number | null {
  if (counts.peers === 0) return null;
  return roundedRatio((2 * counts.lower + counts.equal) * 100, 2 * counts.peers, 0);
}
