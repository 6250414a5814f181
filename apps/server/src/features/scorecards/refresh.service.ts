import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, PartnerMonthFiguresTable } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import { claimRevenueByPartner } from "../incentives/claims-revenue.js";
import { incentiveCostByPartner } from "../incentives/ledger-reports.service.js";
import { libraryEngagement } from "../library/usage.service.js";
import { newsReadShareByPartner } from "../news/news-analytics.service.js";
import { sellThroughByPartner } from "../sell-through/sell-through.service.js";
import { supportHoursByPartner } from "../support/support-cost.service.js";
import { costsByPartnerMonth } from "./costs.service.js";
import {
  countLoginsByPartner,
  engagementColumns,
  financialColumns,
  findMonthFigures,
  findPartnerDirectory,
  type PartnerDirectoryRow,
  upsertMonthFigures,
} from "./figures.repository.js";
import type { Scorecard } from "./scorecard.types.js";
import { recomputeScorecards } from "./scorecards-store.service.js";
import { getRelationshipSettings, type RelationshipSettings } from "./settings.service.js";

export interface RefreshOptions {
  /** YYYY-MM months to pull from every source. */
  months: readonly string[];
  /** Only these partners; all partners when absent. */
  partnerIds?: readonly string[] | null;
  /** Also pull engagement (users, library, news, sign-ins): heavier, done by the daily evaluation. */
  engagement?: boolean;
  /** The month scorecards end with; the current UTC month by default. */
  endMonth?: string;
}

export interface RefreshResult {
  partners: number;
  months: number;
  ms: number;
  /** The recomputed trailing-twelve-month scorecards. */
  cards: Scorecard[];
}

const key = (partnerId: string, month: string) => `${partnerId}\u0000${month}`;

export function currentMonthOf(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}

function monthBoundsIso(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(), to: new Date(Date.UTC(year, monthNumber, 1)).toISOString() };
}

function emptyRow(partner: PartnerDirectoryRow, month: string, refreshedAt: string): PartnerMonthFiguresTable {
  return {
    partner_id: partner.id,
    month,
    tier_id: partner.tier_id,
    revenue_minor: 0,
    margin_minor: 0,
    sell_through_revenue_minor: 0,
    claims_revenue_minor: 0,
    units: 0,
    // The support desk and the incentive program are built: a month without time or points is a measured zero.
    support_minutes: 0,
    support_cost_minor: 0,
    support_allowance_minutes: null,
    incentive_points: 0,
    incentive_cost_minor: 0,
    // Training is not built yet: not measured unless the vendor enters training cost lines.
    training_cost_minor: null,
    marketing_cost_minor: 0,
    channel_manager_cost_minor: 0,
    channel_manager_hours_hundredths: 0,
    other_cost_minor: 0,
    active_users: null,
    library_users: null,
    news_readers: null,
    certified_staff: null,
    logins: null,
    refreshed_at: refreshedAt,
  };
}

/**
 * Pulls every source's figures for the months into partner_month_figures, then recomputes the
 * stored scorecards of the partners touched. Sources are read through their features' services,
 * each as one range read of its own rollup, so a month for all partners costs a few reads.
 * Revenue rule (docs/relationships.md): a partner-month with sell-through lines takes its revenue
 * and margin from them; otherwise from approved claims in the reporting currency at the default margin.
 * A past month keeps the tier recorded when it was current, so a tier change shows where it happened.
 */
export async function refreshFigures(db: Kysely<Database>, options: RefreshOptions): Promise<RefreshResult> {
  const started = performance.now();
  const months = [...new Set(options.months)].sort();
  if (months.length === 0) return { partners: 0, months: 0, ms: 0, cards: [] };
  const fromMonth = months[0] as string;
  const toMonth = months[months.length - 1] as string;
  const wanted = new Set(months);
  const partnerIds = options.partnerIds ?? null;
  const settings = await getRelationshipSettings(db);
  const currentMonth = currentMonthOf();
  const scope = partnerIds ? { partnerIds } : {};

  const [directory, existing, sales, claims, support, incentives, costs] = await Promise.all([
    findPartnerDirectory(db, partnerIds),
    findMonthFigures(db, fromMonth, toMonth, partnerIds),
    sellThroughByPartner(db, { fromMonth, toMonth, ...scope }),
    claimRevenueByPartner(db, { fromMonth, toMonth, ...scope }),
    supportHoursByPartner(db, { fromMonth, toMonth, partnerIds }),
    incentiveCostByPartner(db, { fromMonth, toMonth, ...scope }),
    costsByPartnerMonth(db, { fromMonth, toMonth, ...scope }),
  ]);

  const refreshedAt = nowIso();
  const allowanceByTier = new Map(directory.map((partner) => [partner.tier_id, partner.support_allowance_hours]));
  const recordedTier = new Map(existing.map((row) => [key(row.partner_id, row.month), row.tier_id]));
  const rows = new Map<string, PartnerMonthFiguresTable>();
  for (const partner of directory) {
    if (partner.archived_at !== null) continue;
    for (const month of months) {
      const row = emptyRow(partner, month, refreshedAt);
      const recorded = recordedTier.get(key(partner.id, month));
      if (month < currentMonth && recorded !== undefined) row.tier_id = recorded;
      const allowanceHours = allowanceByTier.get(row.tier_id) ?? null;
      row.support_allowance_minutes = allowanceHours === null ? null : Math.round(allowanceHours * 60);
      rows.set(key(partner.id, month), row);
    }
  }
  const at = (partnerId: string, month: string) => (wanted.has(month) ? rows.get(key(partnerId, month)) : undefined);

  for (const line of sales) {
    const row = at(line.partnerId, line.month);
    if (!row) continue;
    row.sell_through_revenue_minor = line.revenueMinor;
    row.units = line.units;
    if (line.lines > 0) {
      row.revenue_minor = line.revenueMinor;
      row.margin_minor = line.marginMinor;
    }
  }
  const sellThroughMonths = new Set(sales.filter((line) => line.lines > 0).map((line) => key(line.partnerId, line.month)));
  for (const claim of claims) {
    const row = at(claim.partnerId, claim.month);
    if (!row || claim.currency !== settings.currency) continue;
    row.claims_revenue_minor += claim.netAmountMinor;
    if (sellThroughMonths.has(key(claim.partnerId, claim.month))) continue;
    row.revenue_minor = row.claims_revenue_minor;
    row.margin_minor = Math.round((row.claims_revenue_minor * settings.defaultMarginBps) / 10_000);
  }
  for (const month of support) {
    const row = at(month.partnerId, month.month);
    if (!row) continue;
    row.support_minutes = month.minutes;
    row.support_cost_minor = month.costMinor;
  }
  for (const month of incentives) {
    const row = at(month.partnerId, month.month);
    if (!row) continue;
    row.incentive_points = month.earnedPoints;
    row.incentive_cost_minor = month.earnedValueMinor;
  }
  for (const cost of costs) {
    const row = at(cost.partnerId, cost.month);
    if (!row) continue;
    if (cost.category === "marketing_funds") row.marketing_cost_minor += cost.amountMinor;
    else if (cost.category === "channel_manager") {
      row.channel_manager_cost_minor += cost.amountMinor;
      row.channel_manager_hours_hundredths += cost.hoursHundredths;
    } else if (cost.category === "training") row.training_cost_minor = (row.training_cost_minor ?? 0) + cost.amountMinor;
    else row.other_cost_minor += cost.amountMinor;
  }

  const columns: (keyof PartnerMonthFiguresTable)[] = [...financialColumns];
  if (options.engagement) {
    await fillEngagement(db, rows, months, partnerIds);
    columns.push(...engagementColumns);
  }
  const list = [...rows.values()];
  await db.transaction().execute(async (trx) => {
    await upsertMonthFigures(trx, list, columns);
  });
  const touched = [...new Set(list.map((row) => row.partner_id))];
  const cards = await recomputeScorecards(db, { partnerIds: partnerIds ? touched : null, endMonth: options.endMonth ?? currentMonth, settings });
  return { partners: touched.length, months: months.length, ms: Math.round(performance.now() - started), cards };
}

/** Engagement per month: active users and news readers, library users, sign-ins (certified staff: training is not built). */
async function fillEngagement(
  db: Kysely<Database>,
  rows: Map<string, PartnerMonthFiguresTable>,
  months: readonly string[],
  partnerIds: readonly string[] | null,
): Promise<void> {
  const scope = partnerIds ? { partnerIds } : {};
  for (const month of months) {
    const bounds = monthBoundsIso(month);
    const [news, library, logins] = await Promise.all([
      newsReadShareByPartner(db, { fromMonth: month, toMonth: month, ...scope }),
      libraryEngagement(db, { month, ...scope }),
      countLoginsByPartner(db, bounds.from, bounds.to),
    ]);
    for (const share of news) {
      const row = rows.get(key(share.partnerId, month));
      if (!row) continue;
      row.active_users = share.activeUsers;
      row.news_readers = share.readers;
    }
    for (const use of library) {
      const row = rows.get(key(use.partnerId, month));
      if (!row) continue;
      row.active_users ??= use.usersTotal;
      row.library_users = use.usersUsingLibrary;
    }
    for (const row of rows.values()) {
      if (row.month !== month || row.active_users === null) continue;
      row.logins = logins.get(row.partner_id) ?? 0;
    }
  }
}

export type { RelationshipSettings };

/**
 * After a write that changes figures (sell-through, cost lines): refresh the touched partners'
 * months now, so their cards show it at once. The write has committed; a failed refresh is logged
 * and the hourly refresh catches up.
 */
export async function refreshAfterChange(ctx: AppContext, touched: readonly { partnerId: string; month: string }[]): Promise<void> {
  if (touched.length === 0) return;
  try {
    await refreshFigures(ctx.db, { months: touched.map((t) => t.month), partnerIds: [...new Set(touched.map((t) => t.partnerId))] });
  } catch (error) {
    ctx.log.error({ err: error }, "refreshing the scorecard figures after a change failed");
  }
}
