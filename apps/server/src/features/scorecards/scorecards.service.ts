import type { Kysely } from "kysely";
import type { Database, FlagRule, PortfolioQuadrant } from "../../db/types.js";
import { type AuthenticatedActor, isPartnerActor } from "../../platform/access/actor.js";
import { notFound } from "../../platform/http/problem.js";
import { getIncentiveSettings } from "../incentives/incentive-settings.service.js";
import { getSupportSettings } from "../support/support-settings.service.js";
import { findOpenDecisions, findOpenFlags, findPartnerFlags } from "./evaluation.repository.js";
import { findPartnerDirectory, findScorecardRows, type PartnerDirectoryRow } from "./figures.repository.js";
import { monthFiguresByPartner, partnerMonthFigures } from "./figures.service.js";
import { currentMonthOf } from "./refresh.service.js";
import type { Scorecard, TrendPoint } from "./scorecard.types.js";
import { addMonths, computeScorecard, percentileFromCounts, portfolioMedians, quadrantOf, trend } from "./scorecard-math.js";
import { countTierPeers, findPortfolioMedians, findScorecardPoints, findScorecardRefreshedAt } from "./scorecards.repository.js";
import { measuredStatuses } from "./scorecards-store.service.js";
import { getRelationshipSettings, scorecardSettingsOf } from "./settings.service.js";

export type PeriodName = "month" | "quarter" | "t12";
export const periodMonthsOf: Record<PeriodName, 1 | 3 | 12> = { month: 1, quarter: 3, t12: 12 };

export interface PortfolioPartner {
  partnerId: string;
  name: string;
  tierId: string | null;
  tierName: string | null;
  status: string;
  channelManagerId: string | null;
  channelManagerName: string | null;
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
  netContributionMinor: number;
  returnOnResources: number | null;
  healthScore: number | null;
  quadrant: PortfolioQuadrant;
  openFlags: FlagRule[];
  decision: { id: string; kind: string; status: string; reviewOn: string | null } | null;
}

export interface Portfolio {
  period: PeriodName;
  endMonth: string;
  currency: string;
  refreshedAt: string | null;
  otherCurrencies: { source: "support" | "incentives"; currency: string }[];
  thresholds: { marginMedianMinor: number; resourcesMedianMinor: number };
  quadrantCounts: Record<PortfolioQuadrant, number>;
  partners: PortfolioPartner[];
}

interface PortfolioFigures {
  partnerId: string;
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
  netMinor: number;
  healthScore: number | null;
}

/**
 * All partners on one screen. The trailing twelve months ending this month come from the stored
 * scorecards (one row per partner, kept by the refresh); another period or end month is computed
 * from the monthly figures. Quadrants use the medians of the partners shown.
 */
export async function portfolio(db: Kysely<Database>, query: { period?: PeriodName; endMonth?: string }): Promise<Portfolio> {
  const period = query.period ?? "t12";
  const endMonth = query.endMonth ?? currentMonthOf();
  const [settings, directory, flags, decisions, support, incentives] = await Promise.all([
    getRelationshipSettings(db),
    findPartnerDirectory(db, null),
    findOpenFlags(db),
    findOpenDecisions(db),
    getSupportSettings(db),
    getIncentiveSettings(db),
  ]);
  const otherCurrencies = [
    { source: "support" as const, currency: support.currency },
    { source: "incentives" as const, currency: incentives.currency },
  ].filter((source) => source.currency !== settings.currency);
  const shown = directory.filter((partner) => partner.archived_at === null && measuredStatuses.has(partner.status));
  const { figures, refreshedAt } = await portfolioFigures(db, period, endMonth, settings);
  const medians = portfolioMedians([...figures.values()].map((f) => ({ marginMinor: f.marginMinor, resourcesMinor: f.resourcesMinor })));
  const flagsBy = new Map<string, FlagRule[]>();
  for (const flag of flags) flagsBy.set(flag.partner_id, [...(flagsBy.get(flag.partner_id) ?? []), flag.rule]);
  const decisionBy = new Map(decisions.map((d) => [d.partner_id, { id: d.id, kind: d.kind, status: d.status, reviewOn: d.review_on }]));
  const quadrantCounts: Record<PortfolioQuadrant, number> = { invest: 0, maintain: 0, fix: 0, cut: 0 };
  const partners = shown.map((partner): PortfolioPartner => {
    const f = figures.get(partner.id) ?? {
      partnerId: partner.id,
      revenueMinor: 0,
      marginMinor: 0,
      resourcesMinor: 0,
      netMinor: 0,
      healthScore: null,
    };
    const quadrant = quadrantOf({ marginMinor: f.marginMinor, resourcesMinor: f.resourcesMinor, revenueMinor: f.revenueMinor }, medians);
    quadrantCounts[quadrant] += 1;
    return {
      ...directoryFields(partner),
      revenueMinor: f.revenueMinor,
      marginMinor: f.marginMinor,
      resourcesMinor: f.resourcesMinor,
      netContributionMinor: f.netMinor,
      returnOnResources: f.resourcesMinor > 0 ? f.marginMinor / f.resourcesMinor : null,
      healthScore: f.healthScore,
      quadrant,
      openFlags: flagsBy.get(partner.id) ?? [],
      decision: decisionBy.get(partner.id) ?? null,
    };
  });
  return {
    period,
    endMonth,
    currency: settings.currency,
    refreshedAt,
    otherCurrencies,
    thresholds: { marginMedianMinor: medians.marginMedian, resourcesMedianMinor: medians.resourcesMedian },
    quadrantCounts,
    partners,
  };
}

function directoryFields(partner: PartnerDirectoryRow) {
  return {
    partnerId: partner.id,
    name: partner.name,
    tierId: partner.tier_id,
    tierName: partner.tier_name,
    status: partner.status,
    channelManagerId: partner.channel_manager_id,
    channelManagerName: partner.channel_manager_name,
  };
}

async function portfolioFigures(
  db: Kysely<Database>,
  period: PeriodName,
  endMonth: string,
  settings: Awaited<ReturnType<typeof getRelationshipSettings>>,
): Promise<{ figures: Map<string, PortfolioFigures>; refreshedAt: string | null }> {
  if (period === "t12") {
    const stored = await findScorecardRows(db);
    if (stored.length > 0 && stored.every((row) => row.end_month === endMonth)) {
      const figures = new Map(
        stored.map((row) => [
          row.partner_id,
          {
            partnerId: row.partner_id,
            revenueMinor: Number(row.revenue_minor),
            marginMinor: Number(row.margin_minor),
            resourcesMinor: Number(row.resources_minor),
            netMinor: Number(row.net_minor),
            healthScore: row.health_score,
          },
        ]),
      );
      // Every card was looked at by the last full recompute; a card changed since then is newer still.
      const medians = await findPortfolioMedians(db, endMonth);
      const refreshedAt =
        medians?.refreshed_at ??
        stored.reduce<string | null>((oldest, row) => (oldest === null || row.refreshed_at < oldest ? row.refreshed_at : oldest), null);
      return { figures, refreshedAt: refreshedAt === null ? null : String(refreshedAt) };
    }
  }
  const months = periodMonthsOf[period];
  const byPartner = await monthFiguresByPartner(db, addMonths(endMonth, -(2 * months - 1)), endMonth, null);
  const scoring = scorecardSettingsOf(settings);
  const figures = new Map<string, PortfolioFigures>();
  let refreshedAt: string | null = null;
  for (const [partnerId, list] of byPartner) {
    const card = computeScorecard({
      partnerId,
      months: list,
      endMonth,
      periodMonths: months,
      settings: scoring,
      thresholds: { marginMedian: 0, resourcesMedian: 0 },
    });
    figures.set(partnerId, {
      partnerId,
      revenueMinor: card.period.revenueMinor,
      marginMinor: card.period.marginMinor,
      resourcesMinor: card.period.resourcesMinor,
      netMinor: card.period.netContributionMinor,
      healthScore: card.health.score,
    });
  }
  if (byPartner.size > 0) refreshedAt = new Date().toISOString();
  return { figures, refreshedAt };
}

export type ScorecardSource = "sell_through" | "claims" | "support" | "incentives" | "training" | "cost_lines" | "news" | "library" | "logins";

export interface PartnerScorecard {
  partner: { id: string; name: string; tierId: string | null; tierName: string | null; status: string; channelManagerName: string | null };
  scorecard: Scorecard;
  trend: TrendPoint[];
  percentile: number | null;
  peers: number;
  flags: { id: string; rule: FlagRule; status: string; raisedOn: string; figures: Record<string, unknown> }[];
  refreshedAt: string | null;
  sources: { source: ScorecardSource; measured: boolean }[];
}

/** The quadrant thresholds the stored cards were placed with; computed from the stored cards if none were kept. */
async function storedMedians(
  db: Kysely<Database>,
  endMonth: string,
): Promise<{ thresholds: { marginMedian: number; resourcesMedian: number }; refreshedAt: string | null }> {
  const stored = await findPortfolioMedians(db, endMonth);
  if (stored)
    return {
      thresholds: { marginMedian: Number(stored.margin_median_minor), resourcesMedian: Number(stored.resources_median_minor) },
      refreshedAt: String(stored.refreshed_at),
    };
  const points = await findScorecardPoints(db);
  return {
    thresholds: portfolioMedians(points.map((row) => ({ marginMinor: row.margin_minor, resourcesMinor: row.resources_minor }))),
    refreshedAt: null,
  };
}

/** A partner admin sees its own scorecard only when the vendor allows it; otherwise it does not exist for them. */
export async function assertMayReadScorecard(db: Kysely<Database>, actor: AuthenticatedActor, partnerId: string): Promise<void> {
  if (!isPartnerActor(actor)) return;
  const settings = await getRelationshipSettings(db);
  if (!settings.partnerScorecardsVisible || actor.partnerId !== partnerId) throw notFound("Scorecard");
}

/** One partner's card for a period, with its 24-month trend and its percentile among its tier. */
export async function partnerScorecard(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
  query: { period?: PeriodName; endMonth?: string },
): Promise<PartnerScorecard> {
  await assertMayReadScorecard(db, actor, partnerId);
  const [partner] = await findPartnerDirectory(db, [partnerId]);
  if (!partner) throw notFound("Partner");
  const period = query.period ?? "t12";
  const endMonth = query.endMonth ?? currentMonthOf();
  const [settings, months, cardRefreshedAt, flags, medians] = await Promise.all([
    getRelationshipSettings(db),
    partnerMonthFigures(db, partnerId, addMonths(endMonth, -23), endMonth),
    findScorecardRefreshedAt(db, partnerId),
    findPartnerFlags(db, partnerId),
    storedMedians(db, currentMonthOf()),
  ]);
  const card = computeScorecard({
    partnerId,
    months,
    endMonth,
    periodMonths: periodMonthsOf[period],
    settings: scorecardSettingsOf(settings),
    thresholds: medians.thresholds,
  });
  // The card's figures last changed at cardRefreshedAt; the last full recompute looked at them later.
  const refreshedAt = [cardRefreshedAt, medians.refreshedAt].reduce<string | null>(
    (latest, at) => (at !== null && (latest === null || at > latest) ? at : latest),
    null,
  );
  const peers = await countTierPeers(db, partner.tier_id, partnerId, card.health.score);
  const measured = (pick: (m: (typeof months)[number]) => unknown) => months.some((m) => pick(m) !== null && pick(m) !== undefined);
  return {
    partner: {
      id: partner.id,
      name: partner.name,
      tierId: partner.tier_id,
      tierName: partner.tier_name,
      status: partner.status,
      channelManagerName: partner.channel_manager_name,
    },
    scorecard: card,
    trend: trend(months, endMonth, 24),
    percentile: card.health.score === null ? null : percentileFromCounts(peers),
    peers: peers.peers,
    flags: flags.map((flag) => ({
      id: flag.id,
      rule: flag.rule,
      status: flag.status,
      raisedOn: flag.raised_on,
      figures: JSON.parse(flag.figures) as Record<string, unknown>,
    })),
    refreshedAt,
    sources: [
      // Features that are built measure a quiet month as zero; only absent ones are "not measured".
      { source: "sell_through", measured: true },
      { source: "claims", measured: true },
      { source: "support", measured: measured((m) => m.supportMinutes) },
      { source: "incentives", measured: measured((m) => m.incentivePoints) },
      { source: "training", measured: measured((m) => m.trainingCostMinor) },
      { source: "cost_lines", measured: true },
      { source: "news", measured: measured((m) => m.newsReaders) },
      { source: "library", measured: measured((m) => m.libraryUsers) },
      { source: "logins", measured: measured((m) => m.logins) },
    ],
  };
}
