import { nowIso } from "../../db/dialect.js";
import type { AppContext } from "../../platform/context.js";
import type { BusinessCalendar } from "./business-hours.js";
import { businessCalendarOf, getSupportSettings, type SupportSettings } from "./support-settings.service.js";
import { warnHorizon } from "./ticket-sla.js";

/** The desk's settings and calendar, read once per request, and "now" with its at-risk horizon. */
export interface DeskClock {
  settings: SupportSettings;
  calendar: BusinessCalendar;
  now: string;
  warnAt: string;
}

export async function deskClock(ctx: AppContext, now = nowIso()): Promise<DeskClock> {
  const settings = await getSupportSettings(ctx.db);
  const calendar = businessCalendarOf(settings);
  return { settings, calendar, now, warnAt: warnHorizon(calendar, now, settings.warnBeforeMinutes) };
}

/** The rollup's month of a timestamp: its UTC calendar month (ADR 0006). */
export function monthOf(at: string): string {
  return at.slice(0, 7);
}
