import type { TicketSeverity } from "@trellis/shared";
import type { BusinessCalendar } from "../features/support/business-hours.js";
import { replaceSlaPolicyTable, setAgentCoverage, setTierAllowances, updateSupportSettings } from "../features/support/support-settings.service.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";

/** Targets in business minutes: first response / resolution. Better tiers get faster answers. */
const hours = (h: number) => h * 60;
export const demoSlaTargets: Record<string, Record<TicketSeverity, [number, number]>> = {
  Platinum: { P1: [30, hours(4)], P2: [hours(2), hours(16)], P3: [hours(4), hours(40)], P4: [hours(8), hours(80)] },
  Gold: { P1: [60, hours(8)], P2: [hours(4), hours(20)], P3: [hours(8), hours(50)], P4: [hours(16), hours(100)] },
  Silver: { P1: [hours(2), hours(10)], P2: [hours(8), hours(30)], P3: [hours(16), hours(60)], P4: [hours(24), hours(120)] },
  // Registered partners (and any tier without its own row) get the default.
  "*": { P1: [hours(4), hours(16)], P2: [hours(10), hours(40)], P3: [hours(20), hours(80)], P4: [hours(40), hours(160)] },
};

/** Support hours a partner of the tier may use per month before the desk flags it. */
export const demoAllowances: Record<string, number> = { Platinum: 40, Gold: 20, Silver: 10, Registered: 5 };

/** Which product families each demo agent covers; every family has at least two agents. */
export const demoCoverage: Record<string, string[]> = {
  "sam.support@lumeris.example": ["IP cameras", "Network video recorders", "Video management software", "Accessories"],
  "nadia.support@lumeris.example": ["IP cameras", "Video management software", "Access control"],
  "kofi.support@lumeris.example": ["IP cameras", "Network video recorders", "Access control", "Accessories"],
};

function easterSunday(year: number): Date {
  // Anonymous Gregorian computus.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** Germany's nationwide public holidays of a year, as local dates. */
export function germanHolidays(year: number): string[] {
  const easter = easterSunday(year).getTime();
  const fromEaster = (days: number) => new Date(easter + days * 86_400_000).toISOString().slice(0, 10);
  return [
    `${year}-01-01`,
    fromEaster(-2), // Good Friday
    fromEaster(1), // Easter Monday
    `${year}-05-01`,
    fromEaster(39), // Ascension Day
    fromEaster(50), // Whit Monday
    `${year}-10-03`,
    `${year}-12-25`,
    `${year}-12-26`,
  ].sort();
}

/**
 * The desk's calendar: Berlin, Monday to Friday 08:00–18:00, German public holidays of 2026 and
 * 2027 and of every year the history and the coming year touch.
 */
export function demoCalendar(now: string): BusinessCalendar {
  const year = Number(now.slice(0, 4));
  const years: number[] = [];
  for (let y = Math.min(2026, year - 1); y <= Math.max(2027, year + 1); y++) years.push(y);
  const day = [{ start: "08:00", end: "18:00" }];
  return { timeZone: "Europe/Berlin", week: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [], 7: [] }, holidays: years.flatMap(germanHolidays) };
}

/** Cost, capacity, calendar, SLA policies, allowances and coverage, through the desk's own services (audited). */
export async function applyDemoSupportSettings(
  ctx: AppContext,
  admin: AuthenticatedActor,
  input: {
    now: string;
    teamLeadId: string | null;
    tiers: { id: string; name: string }[];
    families: { id: string; name: string }[];
    agents: { id: string; email: string }[];
  },
): Promise<void> {
  const calendar = demoCalendar(input.now);
  await updateSupportSettings(
    ctx,
    admin,
    {
      costPerHourMinor: 8500,
      currency: "EUR",
      capacityHoursPerMonth: 480,
      reopenWindowDays: 14,
      warnBeforeMinutes: 60,
      teamLeadId: input.teamLeadId,
      autoAssign: true,
      calendar: { ...calendar, week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [], ...calendar.week }, holidays: [...calendar.holidays] },
    },
    uuidv7(),
  );
  const tierId = new Map(input.tiers.map((tier) => [tier.name, tier.id]));
  const policies = Object.entries(demoSlaTargets).flatMap(([tier, targets]) => {
    const id = tier === "*" ? null : tierId.get(tier);
    if (id === undefined) return [];
    return Object.entries(targets).map(([severity, [firstResponseMinutes, resolutionMinutes]]) => ({
      tierId: id,
      severity: severity as TicketSeverity,
      firstResponseMinutes,
      resolutionMinutes,
    }));
  });
  await replaceSlaPolicyTable(ctx, admin, { policies }, uuidv7());
  const allowances = input.tiers.flatMap((tier) =>
    demoAllowances[tier.name] === undefined ? [] : [{ tierId: tier.id, hoursPerMonth: demoAllowances[tier.name] ?? null }],
  );
  await setTierAllowances(ctx, admin, { allowances }, uuidv7());
  for (const agent of input.agents) {
    const names = demoCoverage[agent.email];
    const familyIds = input.families.filter((family) => !names || names.includes(family.name)).map((family) => family.id);
    await setAgentCoverage(ctx, admin, agent.id, familyIds, uuidv7());
  }
}
