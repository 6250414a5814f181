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
import { toMonthFigures } from "./figures.service.js";
import type { MonthFigures, Scorecard } from "./scorecard.types.js";
import { deleteScorecardBases, lockScorecardBases } from "./scorecards.repository.js";
import { recomputeScorecards } from "./scorecards-store.service.js";
import { getRelationshipSettings, type RelationshipSettings } from "./settings.service.js";
import { rowChanged } from "./stored-values.js";

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
  /** Where the time went: reading the sources, writing the changed rows, recomputing the cards. */
  phasesMs: { read: number; write: number; recompute: number };
  /** Month rows whose figures changed (only those are written). */
  changedRows: number;
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
  if (months.length === 0) return { partners: 0, months: 0, ms: 0, phasesMs: { read: 0, write: 0, recompute: 0 }, changedRows: 0, cards: [] };
  const fromMonth = months[0] as string;
  const toMonth = months[months.length - 1] as string;
  const wanted = new Set(months);
  const partnerIds = options.partnerIds ?? null;
  const settings = await getRelationshipSettings(db);
  const currentMonth = currentMonthOf();
  // Many partners: read every partner's months and keep the scope's (rows below holds only those);
  // a long IN list costs more than the rows it leaves out.
  const readIds = partnerIds && partnerIds.length <= 200 ? partnerIds : null;
  const scope = readIds ? { partnerIds: readIds } : {};

  const [directory, existing, sales, claims, support, incentives, costs] = await Promise.all([
    findPartnerDirectory(db, partnerIds),
    findMonthFigures(db, fromMonth, toMonth, readIds),
    sellThroughByPartner(db, { fromMonth, toMonth, ...scope }),
    claimRevenueByPartner(db, { fromMonth, toMonth, ...scope }),
    supportHoursByPartner(db, { fromMonth, toMonth, partnerIds: readIds }),
    incentiveCostByPartner(db, { fromMonth, toMonth, ...scope }),
    costsByPartnerMonth(db, { fromMonth, toMonth, ...scope }),
  ]);

  const refreshedAt = nowIso();
  const allowanceByTier = new Map(directory.map((partner) => [partner.tier_id, partner.support_allowance_hours]));
  const stored = new Map(existing.map((row) => [key(row.partner_id, row.month), row]));
  const rows = new Map<string, PartnerMonthFiguresTable>();
  for (const partner of directory) {
    if (partner.archived_at !== null) continue;
    for (const month of months) {
      const row = emptyRow(partner, month, refreshedAt);
      const recorded = stored.get(key(partner.id, month));
      if (month < currentMonth && recorded !== undefined) row.tier_id = recorded.tier_id;
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
  // Money kept in another currency than the reporting one is not measured (no exchange rates are
  // kept): a sum of euros and dollars would be wrong. The hours and points still count.
  const supportInCurrency = (support[0]?.currency ?? settings.currency) === settings.currency;
  const incentivesInCurrency = (incentives[0]?.currency ?? settings.currency) === settings.currency;
  for (const row of rows.values()) {
    if (!supportInCurrency) row.support_cost_minor = null;
    if (!incentivesInCurrency) row.incentive_cost_minor = null;
  }
  for (const month of support) {
    const row = at(month.partnerId, month.month);
    if (!row) continue;
    row.support_minutes = month.minutes;
    if (supportInCurrency) row.support_cost_minor = month.costMinor;
  }
  for (const month of incentives) {
    const row = at(month.partnerId, month.month);
    if (!row) continue;
    row.incentive_points = month.earnedPoints;
    if (incentivesInCurrency) row.incentive_cost_minor = month.earnedValueMinor;
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
  const touched = [...new Set(list.map((row) => row.partner_id))];
  const endMonth = options.endMonth ?? currentMonth;
  // Rows whose figures are what is stored already are not written again (most, on a quiet hour).
  const compared = columns.filter((column) => column !== "refreshed_at");
  const changed = list.filter((row) => rowChanged(stored.get(key(row.partner_id, row.month)), row, compared));
  const written = performance.now();
  await db.transaction().execute(async (trx) => {
    await upsertMonthFigures(trx, changed, columns);
    // A closed month changed: the sums kept for the cards (scorecard-bases.service.ts) no longer hold.
    const closedChanged = [...new Set(changed.filter((row) => row.month !== endMonth).map((row) => row.partner_id))];
    if (closedChanged.length > 0) await lockScorecardBases(trx);
    if (closedChanged.length > 0) await deleteScorecardBases(trx, closedChanged.length === touched.length && !partnerIds ? null : closedChanged);
  });
  const recomputed = performance.now();
  const endMonthRows = wanted.has(endMonth) ? endMonthFiguresAsWritten(rows, existing, endMonth, options.engagement === true) : undefined;
  const cards = await recomputeScorecards(db, {
    partnerIds: partnerIds ? touched : null,
    endMonth,
    settings,
    endMonthRows,
    // touched is every non-archived partner of the directory read above.
    directory: directory.filter((partner) => partner.archived_at === null),
  });
  const ended = performance.now();
  return {
    partners: touched.length,
    months: months.length,
    ms: Math.round(ended - started),
    phasesMs: { read: Math.round(written - started), write: Math.round(recomputed - written), recompute: Math.round(ended - recomputed) },
    changedRows: changed.length,
    cards,
  };
}

/** The end month's rows as stored now: what was written, with the stored engagement when it was not refreshed. */
function endMonthFiguresAsWritten(
  rows: ReadonlyMap<string, PartnerMonthFiguresTable>,
  existing: readonly PartnerMonthFiguresTable[],
  endMonth: string,
  engagementWritten: boolean,
): Map<string, MonthFigures> {
  const stored = new Map(existing.filter((row) => row.month === endMonth).map((row) => [row.partner_id, row]));
  const result = new Map<string, MonthFigures>();
  for (const row of rows.values()) {
    if (row.month !== endMonth) continue;
    const before = stored.get(row.partner_id);
    const merged =
      engagementWritten || !before ? row : { ...row, ...Object.fromEntries(engagementColumns.map((column) => [column, before[column]])) };
    result.set(row.partner_id, toMonthFigures(merged));
  }
  return result;
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
