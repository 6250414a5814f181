import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import type { consumption } from "./support.schemas.js";
import { findPartnersWithTier } from "./support-directory.repository.js";
import { getSupportSettings } from "./support-settings.service.js";
import { findMonthlyTime, findMonthlyTimeRange } from "./ticket-activity.repository.js";

export interface PartnerSupportMonth {
  partnerId: string;
  month: string;
  minutes: number;
  hours: number;
  costMinor: number;
  currency: string;
  ticketsOpened: number;
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * Support hours and cost per partner per month, for the scorecards (issue 7). Read from the
 * rollup kept on every reply, so all partners for a year is one indexed range. Cost uses today's
 * cost per hour: the vendor's current estimate of what an hour costs. Partners without time in a
 * month have no row for it (zero, measured).
 */
export async function supportHoursByPartner(
  db: Kysely<Database>,
  options: { fromMonth: string; toMonth: string; partnerIds?: readonly string[] | null },
): Promise<PartnerSupportMonth[]> {
  const settings = await getSupportSettings(db);
  const rows = await findMonthlyTimeRange(db, options.fromMonth, options.toMonth, options.partnerIds ?? null);
  return rows.map((row) => {
    const minutes = Number(row.minutes);
    return {
      partnerId: row.partner_id,
      month: row.month,
      minutes,
      hours: hoursOf(minutes),
      costMinor: Math.round((minutes * settings.costPerHourMinor) / 60),
      currency: settings.currency,
      ticketsOpened: Number(row.tickets_opened),
    };
  });
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** The desk this month: capacity used, cost, and every partner against its tier's allowance. */
export async function supportConsumption(ctx: AppContext, month: string): Promise<z.infer<typeof consumption>> {
  const settings = await getSupportSettings(ctx.db);
  const [rows, partners] = await Promise.all([findMonthlyTime(ctx.db, month, null), findPartnersWithTier(ctx.db)]);
  const byPartner = new Map(rows.map((row) => [row.partner_id, row]));
  const list = partners.map((partner) => {
    const row = byPartner.get(partner.id);
    const minutes = Number(row?.minutes ?? 0);
    const allowanceHours = partner.support_allowance_hours ?? null;
    return {
      partnerId: partner.id,
      partnerName: partner.name,
      tierName: partner.tier_name,
      minutes,
      hours: hoursOf(minutes),
      costMinor: Math.round((minutes * settings.costPerHourMinor) / 60),
      allowanceHours,
      overAllowance: allowanceHours !== null && minutes > allowanceHours * 60,
      ticketsOpened: Number(row?.tickets_opened ?? 0),
    };
  });
  list.sort((a, b) => b.minutes - a.minutes || a.partnerName.localeCompare(b.partnerName));
  const usedMinutes = list.reduce((sum, partner) => sum + partner.minutes, 0);
  const usedHours = hoursOf(usedMinutes);
  return {
    month,
    currency: settings.currency,
    costPerHourMinor: settings.costPerHourMinor,
    capacityHours: settings.capacityHoursPerMonth,
    usedHours,
    usedShare: settings.capacityHoursPerMonth > 0 ? Math.round((usedHours / settings.capacityHoursPerMonth) * 1000) / 1000 : 0,
    costMinor: Math.round((usedMinutes * settings.costPerHourMinor) / 60),
    partnersOverAllowance: list.filter((partner) => partner.overAllowance).length,
    partners: list,
  };
}
