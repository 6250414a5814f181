import type { PlanItemUnit } from "../../../api/business-plans-types";
import { formatHours, formatMinor, minorToInput, parseMajor } from "./money";

// A plan item's value is an integer in its unit: money in minor units of the plan's currency,
// hours in hundredths of an hour (150 = 1.5 h), count as is. People type and read it in whole units.

export function formatPlanValue(value: number, unit: PlanItemUnit, currency: string): string {
  if (unit === "money") return formatMinor(value, currency);
  if (unit === "hours") return formatHours(value / 100);
  return value.toLocaleString();
}

/** What a person types -> the stored integer; null when it is not a valid, non-negative value of the unit. */
export function parsePlanValue(text: string, unit: PlanItemUnit, currency: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("-")) return null;
  if (unit === "money") return parseMajor(trimmed, currency);
  if (unit === "hours") return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The stored integer -> the text a person would type. */
export function planValueInput(value: number | null, unit: PlanItemUnit, currency: string): string {
  if (value === null) return "";
  if (unit === "money") return minorToInput(value, currency);
  if (unit === "hours") return String(value / 100);
  return String(value);
}

export const unitHints: Record<PlanItemUnit, (currency: string) => string> = {
  money: (currency) => `Amount in ${currency}`,
  hours: () => "Hours, e.g. 12.5",
  count: () => "A whole number",
};
