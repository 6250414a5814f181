import type { Kysely } from "kysely";
import type { Database, PartnerMonthFiguresTable } from "../../db/types.js";
import { findMonthFigures } from "./figures.repository.js";
import type { MonthFigures } from "./scorecard.types.js";

export function toMonthFigures(row: PartnerMonthFiguresTable): MonthFigures {
  return {
    partnerId: row.partner_id,
    month: row.month,
    tierId: row.tier_id,
    revenueMinor: Number(row.revenue_minor),
    marginMinor: Number(row.margin_minor),
    sellThroughRevenueMinor: Number(row.sell_through_revenue_minor),
    claimsRevenueMinor: Number(row.claims_revenue_minor),
    units: Number(row.units),
    supportMinutes: row.support_minutes === null ? null : Number(row.support_minutes),
    supportCostMinor: row.support_cost_minor === null ? null : Number(row.support_cost_minor),
    supportAllowanceMinutes: row.support_allowance_minutes === null ? null : Number(row.support_allowance_minutes),
    incentivePoints: row.incentive_points === null ? null : Number(row.incentive_points),
    incentiveCostMinor: row.incentive_cost_minor === null ? null : Number(row.incentive_cost_minor),
    trainingCostMinor: row.training_cost_minor === null ? null : Number(row.training_cost_minor),
    marketingCostMinor: Number(row.marketing_cost_minor),
    channelManagerCostMinor: Number(row.channel_manager_cost_minor),
    channelManagerHoursHundredths: Number(row.channel_manager_hours_hundredths),
    otherCostMinor: Number(row.other_cost_minor),
    activeUsers: row.active_users,
    libraryUsers: row.library_users,
    newsReaders: row.news_readers,
    certifiedStaff: row.certified_staff,
    logins: row.logins,
  };
}

/** A partner's stored monthly figures, oldest first (months without a row are absent). */
export async function partnerMonthFigures(db: Kysely<Database>, partnerId: string, fromMonth: string, toMonth: string): Promise<MonthFigures[]> {
  const rows = await findMonthFigures(db, fromMonth, toMonth, [partnerId]);
  return rows.map(toMonthFigures);
}

/** Every partner's figures for a range, grouped by partner. */
export async function monthFiguresByPartner(
  db: Kysely<Database>,
  fromMonth: string,
  toMonth: string,
  partnerIds: readonly string[] | null,
): Promise<Map<string, MonthFigures[]>> {
  const rows = await findMonthFigures(db, fromMonth, toMonth, partnerIds);
  const byPartner = new Map<string, MonthFigures[]>();
  for (const row of rows) {
    const list = byPartner.get(row.partner_id);
    const figures = toMonthFigures(row);
    if (list) list.push(figures);
    else byPartner.set(row.partner_id, [figures]);
  }
  return byPartner;
}
