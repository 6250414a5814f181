import { type Kysely, sql } from "kysely";
import { engineOf } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";

export interface MonthRange {
  fromMonth: string;
  toMonth: string;
}

/** One partner's sums over one of the two periods, as the database returns them. */
export interface FigureSumsRow {
  partner_id: string;
  /** 1 / true: the period; 0 / false: the prior period. */
  in_period: number | boolean;
  revenue: number | string | null;
  margin: number | string | null;
  cm_hours: number | string | null;
  support_minutes: number | string | null;
  allowance: number | string | null;
  against: number | string | null;
  support: number | string | null;
  incentives: number | string | null;
  training: number | string | null;
  marketing_funds: number | string | null;
  channel_manager: number | string | null;
  other: number | string | null;
  active_sum: number | string | null;
  active_months: number | string | null;
  library: number | string | null;
  library_active: number | string | null;
  news: number | string | null;
  news_active: number | string | null;
  /** "YYYY-MM|n": the latest measured month's certified staff. */
  certified: string | null;
  logins: number | string | null;
  /** "YYYY-MM|tier id": the tier of the latest month. */
  tier: string | null;
  tiers: number | string;
}

/**
 * Every partner's sums over a period and the prior period (two rows a partner), formed by the
 * database in one pass over partner_month_figures: 2,000 partners x 24 months would otherwise be
 * 48,000 wide rows read into JavaScript. The sums are those periodFromSums needs (period-sums.ts);
 * SUM over no values is NULL, which is "not measured". Also each period's latest tier and how many
 * tiers it saw, so a partner whose tier changed can be computed from its rows. The two periods must
 * be adjacent (prior.toMonth just before period.fromMonth). Partners without rows are absent.
 */
export async function sumFiguresByPartner(
  db: Kysely<Database>,
  ranges: { period: MonthRange; prior: MonthRange },
  partnerIds: readonly string[] | null,
): Promise<FigureSumsRow[]> {
  if (partnerIds && partnerIds.length === 0) return [];
  // SQLite: scan the table in key order rather than look most of it up through the month index.
  const month = engineOf(db) === "sqlite" ? sql`+month` : sql`month`;
  const scope = partnerIds ? sql`and partner_id in (${sql.join(partnerIds)})` : sql``;
  const result = await sql<FigureSumsRow>`select partner_id, month >= ${ranges.period.fromMonth} as in_period,
      sum(revenue_minor) as revenue,
      sum(margin_minor) as margin,
      sum(channel_manager_hours_hundredths) as cm_hours,
      sum(support_minutes) as support_minutes,
      sum(support_allowance_minutes) as allowance,
      sum(case when support_allowance_minutes is not null then support_minutes end) as against,
      sum(support_cost_minor) as support,
      sum(incentive_cost_minor) as incentives,
      sum(training_cost_minor) as training,
      sum(marketing_cost_minor) as marketing_funds,
      sum(channel_manager_cost_minor) as channel_manager,
      sum(other_cost_minor) as other,
      sum(active_users) as active_sum,
      count(active_users) as active_months,
      sum(case when active_users is not null then library_users end) as library,
      sum(case when library_users is not null then active_users end) as library_active,
      sum(case when active_users is not null then news_readers end) as news,
      sum(case when news_readers is not null then active_users end) as news_active,
      max(case when certified_staff is not null then month || '|' || cast(certified_staff as varchar(20)) end) as certified,
      sum(logins) as logins,
      max(month || '|' || coalesce(tier_id, '')) as tier,
      count(distinct coalesce(tier_id, '')) as tiers
    from partner_month_figures
    where ${month} >= ${ranges.prior.fromMonth} and ${month} <= ${ranges.period.toMonth} ${scope}
    group by partner_id, 2`.execute(db);
  return result.rows;
}
