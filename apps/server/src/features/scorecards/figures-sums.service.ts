import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { type FigureSumsRow, sumFiguresByPartner } from "./figures-sums.repository.js";
import { addMonths, periodBounds } from "./months.js";
import { type PeriodSums, sumMonths } from "./period-sums.js";

export interface PartnerSums {
  partnerId: string;
  period: PeriodSums;
  prior: PeriodSums;
  /** The tier of the period's latest month with figures; null when none recorded one. */
  tierId: string | null;
  /** How many tiers the period's months recorded: more than one means a tier change within it. */
  tiersInPeriod: number;
}

type Cell = string | number | null | undefined;
const count = (value: Cell) => (value === null || value === undefined ? 0 : Number(value));
const measured = (value: Cell) => (value === null || value === undefined ? null : Number(value));

function sumsOf(row: FigureSumsRow | undefined): PeriodSums {
  if (!row) return sumMonths([]);
  const certified = row.certified;
  return {
    revenueMinor: count(row.revenue),
    marginMinor: count(row.margin),
    channelManagerHoursHundredths: count(row.cm_hours),
    supportMinutes: measured(row.support_minutes),
    supportAllowanceMinutes: measured(row.allowance),
    supportMinutesAgainstAllowance: measured(row.against),
    resources: {
      support: measured(row.support),
      incentives: measured(row.incentives),
      training: measured(row.training),
      marketing_funds: count(row.marketing_funds),
      channel_manager: count(row.channel_manager),
      other: count(row.other),
    },
    activeUsersSum: count(row.active_sum),
    activeUsersMonths: count(row.active_months),
    libraryUsers: measured(row.library),
    libraryActiveUsers: count(row.library_active),
    newsReaders: measured(row.news),
    newsActiveUsers: count(row.news_active),
    certifiedStaff: certified === null ? null : Number(certified.slice(certified.indexOf("|") + 1)),
    logins: measured(row.logins),
  };
}

/**
 * Every partner's sums over the period ending with endMonth and the prior period (as long, or
 * priorMonths long, just before it), formed by the
 * database (figures-sums.repository.ts); scorecardFromSums turns them into the same card that
 * computeScorecard makes from the partner's rows.
 */
export async function figureSumsByPartner(
  db: Kysely<Database>,
  endMonth: string,
  periodMonths: number,
  partnerIds: readonly string[] | null,
  priorMonths: number = periodMonths,
): Promise<Map<string, PartnerSums>> {
  const ranges = { period: periodBounds(endMonth, periodMonths), prior: periodBounds(addMonths(endMonth, -periodMonths), priorMonths) };
  const rows = await sumFiguresByPartner(db, ranges, partnerIds);
  const periodRows = new Map<string, FigureSumsRow>();
  const priorRows = new Map<string, FigureSumsRow>();
  for (const row of rows) (row.in_period === true || Number(row.in_period) === 1 ? periodRows : priorRows).set(row.partner_id, row);
  const byPartner = new Map<string, PartnerSums>();
  for (const partnerId of new Set(rows.map((row) => row.partner_id))) {
    const period = periodRows.get(partnerId);
    const tierId = period?.tier ? period.tier.slice(period.tier.indexOf("|") + 1) : "";
    byPartner.set(partnerId, {
      partnerId,
      period: sumsOf(period),
      prior: sumsOf(priorRows.get(partnerId)),
      tierId: tierId === "" ? null : tierId,
      tiersInPeriod: period ? count(period.tiers) : 0,
    });
  }
  return byPartner;
}
