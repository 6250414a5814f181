import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { toCsv } from "../../platform/http/csv.js";
import { businessPlanFulfilment } from "../business-plans/business-plans.service.js";
import { listDecisions } from "../relationship-decisions/decisions.service.js";
import { getVendorSettings } from "../settings/settings.service.js";
import { currencyDigits, minorToDecimal } from "./costs.service.js";
import { roundTo } from "./ratios.js";
import { type PlanSide, type ReviewDecision, renderPartnerReviewPdf } from "./review-pdf.js";
import { type PartnerScorecard, type PeriodName, type Portfolio, partnerScorecard, portfolio } from "./scorecards.service.js";

// Exports of the scorecards (docs/relationships.md, "Exports"): the portfolio and one partner's
// card as CSV, and the one-page partner review as PDF. Money is written as a decimal number of
// the reporting currency (EUR 1234.5, JPY 1234, KWD 1.234): a number cell, so a spreadsheet sums
// it, and no formula guard turns a negative amount into text. Text cells go through toCsv, which
// neutralises anything a spreadsheet would run as a formula.

type Cell = string | number | null;
export type ExportQuery = { period?: PeriodName; endMonth?: string };

const NOT_MEASURED = "not measured";

/** Minor units as the decimal amount, exact: the digits come from the runtime's ISO 4217 data. */
export function moneyCell(minor: number, digits: number): number {
  return Number(minorToDecimal(minor, digits));
}

const ratioCell = (value: number | null): number | null => (value === null ? null : roundTo(value, 4));

export const portfolioCsvColumns = [
  "partner_id",
  "partner",
  "tier",
  "status",
  "channel_manager",
  "currency",
  "revenue",
  "margin",
  "resources",
  "net_contribution",
  "return_on_resources",
  "health",
  "quadrant",
  "open_flags",
  "decision",
  "decision_review_on",
] as const;

/** One row per partner shown on the portfolio, in its order. */
export function portfolioCsv(view: Portfolio): string {
  const digits = currencyDigits(view.currency);
  const money = (minor: number) => moneyCell(minor, digits);
  const rows = view.partners.map(
    (p): Record<(typeof portfolioCsvColumns)[number], Cell> => ({
      partner_id: p.partnerId,
      partner: p.name,
      tier: p.tierName,
      status: p.status,
      channel_manager: p.channelManagerName,
      currency: view.currency,
      revenue: money(p.revenueMinor),
      margin: money(p.marginMinor),
      resources: money(p.resourcesMinor),
      net_contribution: money(p.netContributionMinor),
      return_on_resources: ratioCell(p.returnOnResources),
      health: p.healthScore,
      quadrant: p.quadrant,
      open_flags: p.openFlags.join(" "),
      decision: p.decision ? p.decision.kind : null,
      decision_review_on: p.decision?.reviewOn ?? null,
    }),
  );
  return toCsv(portfolioCsvColumns, rows);
}

/**
 * One partner's card as one table in sections, so it opens in any spreadsheet: `partner` and
 * `period` rows (value, and the prior period's where there is one), `resources` per category,
 * `health` per component (score 0..1, weight, applied weight, basis), `sources`, `flags`, and
 * 24 `trend` rows, one a month, in the last five columns. "not measured" is never written as 0.
 */
export const scorecardCsvColumns = [
  "section",
  "item",
  "value",
  "prior_period",
  "weight",
  "applied_weight_percent",
  "basis",
  "revenue",
  "margin",
  "resources",
  "net_contribution",
  "support_minutes",
] as const;

type ScorecardRow = Partial<Record<(typeof scorecardCsvColumns)[number], Cell>>;

export function scorecardCsv(card: PartnerScorecard): string {
  const { scorecard, partner } = card;
  const { period, prior } = scorecard;
  const digits = currencyDigits(scorecard.currency);
  const money = (minor: number) => moneyCell(minor, digits);
  const measured = <T>(value: T | null, as: (v: T) => Cell = (v) => v as Cell): Cell => (value === null ? NOT_MEASURED : as(value));
  const hours = (hundredths: number) => hundredths / 100;
  const rows: ScorecardRow[] = [
    { section: "partner", item: "partner_id", value: partner.id },
    { section: "partner", item: "partner", value: partner.name },
    { section: "partner", item: "tier", value: partner.tierName },
    { section: "partner", item: "status", value: partner.status },
    { section: "partner", item: "channel_manager", value: partner.channelManagerName },
    { section: "partner", item: "currency", value: scorecard.currency },
    { section: "partner", item: "refreshed_at", value: card.refreshedAt },
    { section: "period", item: "from_month", value: period.fromMonth, prior_period: prior.fromMonth },
    { section: "period", item: "to_month", value: period.toMonth, prior_period: prior.toMonth },
    { section: "period", item: "revenue", value: money(period.revenueMinor), prior_period: money(prior.revenueMinor) },
    { section: "period", item: "margin", value: money(period.marginMinor), prior_period: money(prior.marginMinor) },
    { section: "period", item: "resources", value: money(period.resourcesMinor), prior_period: money(prior.resourcesMinor) },
    { section: "period", item: "net_contribution", value: money(period.netContributionMinor), prior_period: money(prior.netContributionMinor) },
    { section: "period", item: "return_on_resources", value: ratioCell(period.returnOnResources), prior_period: ratioCell(prior.returnOnResources) },
    { section: "period", item: "revenue_growth", value: ratioCell(scorecard.revenueGrowth) },
    { section: "period", item: "margin_growth", value: ratioCell(scorecard.marginGrowth) },
    { section: "period", item: "support_minutes", value: measured(period.supportMinutes), prior_period: measured(prior.supportMinutes) },
    { section: "period", item: "support_allowance_minutes", value: period.supportAllowanceMinutes, prior_period: prior.supportAllowanceMinutes },
    {
      section: "period",
      item: "channel_manager_hours",
      value: hours(period.channelManagerHoursHundredths),
      prior_period: hours(prior.channelManagerHoursHundredths),
    },
    { section: "period", item: "active_users", value: measured(period.engagement.activeUsers), prior_period: measured(prior.engagement.activeUsers) },
    {
      section: "period",
      item: "library_use_share",
      value: measured(period.engagement.libraryUseShare),
      prior_period: measured(prior.engagement.libraryUseShare),
    },
    {
      section: "period",
      item: "news_read_share",
      value: measured(period.engagement.newsReadShare),
      prior_period: measured(prior.engagement.newsReadShare),
    },
    {
      section: "period",
      item: "certified_staff",
      value: measured(period.engagement.certifiedStaff),
      prior_period: measured(prior.engagement.certifiedStaff),
    },
    { section: "period", item: "logins", value: measured(period.engagement.logins), prior_period: measured(prior.engagement.logins) },
    { section: "period", item: "health_score", value: scorecard.health.score },
    { section: "period", item: "percentile_in_tier", value: card.percentile, basis: `${card.peers} peers in the tier` },
    { section: "period", item: "quadrant", value: scorecard.quadrant },
    ...scorecard.tierChanges.map(
      (change): ScorecardRow => ({ section: "period", item: "tier_change", value: change.month, basis: change.tierId ?? "no tier" }),
    ),
  ];
  period.resources.forEach((line, index) => {
    const before = prior.resources[index]?.amountMinor ?? null;
    rows.push({ section: "resources", item: line.category, value: measured(line.amountMinor, money), prior_period: measured(before, money) });
  });
  for (const component of scorecard.health.components) {
    rows.push({
      section: "health",
      item: component.name,
      value: measured(component.score),
      weight: component.weight,
      applied_weight_percent: component.appliedWeightPercent,
      basis: component.basis,
    });
  }
  for (const source of card.sources) rows.push({ section: "sources", item: source.source, value: source.measured ? "measured" : NOT_MEASURED });
  for (const flag of card.flags) rows.push({ section: "flags", item: flag.rule, value: flag.status, basis: `raised ${flag.raisedOn}` });
  for (const point of card.trend) {
    rows.push({
      section: "trend",
      item: point.month,
      revenue: money(point.revenueMinor),
      margin: money(point.marginMinor),
      resources: money(point.resourcesMinor),
      net_contribution: money(point.netContributionMinor),
      support_minutes: measured(point.supportMinutes),
    });
  }
  return toCsv(
    scorecardCsvColumns,
    rows.map((row) => Object.fromEntries(scorecardCsvColumns.map((column) => [column, row[column] ?? null]))),
  );
}

/** A partner name as a file-name part: ASCII letters and digits only, so the header needs no encoding. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60);
  return slug || "partner";
}

export async function portfolioCsvFile(db: Kysely<Database>, query: ExportQuery): Promise<{ fileName: string; csv: string }> {
  const view = await portfolio(db, query);
  return { fileName: `portfolio-${view.period}-${view.endMonth}.csv`, csv: portfolioCsv(view) };
}

/** partnerScorecard decides who may read the card (another partner, or a hidden card: 404). */
export async function scorecardCsvFile(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
  query: ExportQuery,
): Promise<{ fileName: string; csv: string }> {
  const card = await partnerScorecard(db, actor, partnerId, query);
  return { fileName: `scorecard-${fileSlug(card.partner.name)}-${card.scorecard.period.toMonth}.csv`, csv: scorecardCsv(card) };
}

const sideOf = (side: { items: number; done: number; averageProgress: number | null }): PlanSide => ({
  done: side.done,
  total: side.items,
  progress: side.averageProgress,
});

/**
 * The one-page review. The joint business plan of the period's year is shown to everyone who may
 * read the card (a partner admin reads its own plan anyway); the open decision is the vendor's
 * reasoning and is shown only to roles that read decisions (relationships:read).
 */
export async function partnerReviewPdf(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  query: ExportQuery,
  now: Date = new Date(),
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const card = await partnerScorecard(ctx.db, actor, partnerId, query);
  const year = Number(card.scorecard.period.toMonth.slice(0, 4));
  const readsDecisions = can(actor, "relationships:read");
  const [vendor, plan, decision] = await Promise.all([
    getVendorSettings(ctx.db),
    businessPlanFulfilment(ctx.db, partnerId, year, now.toISOString().slice(0, 10)),
    readsDecisions ? openDecision(ctx, partnerId) : Promise.resolve(null),
  ]);
  const bytes = await renderPartnerReviewPdf({
    card,
    generatedAt: now.toISOString(),
    vendorName: vendor.vendorName,
    plan: plan ? { year: plan.year, vendor: sideOf(plan.vendor), partner: sideOf(plan.partner) } : null,
    // Left out (not "none") for a partner reader, so the page does not claim there is no decision.
    ...(readsDecisions ? { decision } : {}),
  });
  return { fileName: `partner-review-${fileSlug(card.partner.name)}-${card.scorecard.period.toMonth}.pdf`, bytes };
}

async function openDecision(ctx: AppContext, partnerId: string): Promise<ReviewDecision | null> {
  const open = (await listDecisions(ctx, partnerId)).find((d) => d.status === "open");
  if (!open) return null;
  return {
    kind: open.kind,
    reason: open.reason,
    reviewOn: open.reviewOn,
    actions: open.actions.map((a) => ({ side: a.side, title: a.title, owner: a.owner, dueOn: a.dueOn, status: a.status })),
  };
}
