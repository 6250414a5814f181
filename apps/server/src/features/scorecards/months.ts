/**
 * Month arithmetic for the scorecards (docs/relationships.md). Months are "YYYY-MM" strings, which sort as text;
 * no clock and no time zone is involved.
 *
 * Rules
 * - addMonths("2026-01", -1) = "2025-12"; any whole number of months, either way.
 * - monthsBetween(from, to) lists the months from `from` to `to`, both included, oldest first; empty when from > to.
 * - periodBounds(endMonth, n) is the period of n months ending with endMonth (included): a quarter ending
 *   2026-03 runs 2026-01..2026-03. The prior period is the same number of months just before it.
 * - A malformed month, or a count that is not a whole number (periods: at least 1), is a RangeError.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface MonthRange {
  fromMonth: string;
  toMonth: string;
}

export function assertMonth(month: string, what = "month"): void {
  if (!MONTH.test(month)) throw new RangeError(`${what} must be YYYY-MM, got "${month}"`);
}

/** Months since year 0 (January of year 0 = 0); the inverse of fromMonthIndex. */
export function monthIndex(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  if (year < 0 || year > 9999) throw new RangeError(`month out of range (year ${year})`);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function addMonths(month: string, count: number): string {
  if (!Number.isInteger(count)) throw new RangeError(`month count must be a whole number, got ${count}`);
  return fromMonthIndex(monthIndex(month) + count);
}

export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const from = monthIndex(fromMonth);
  const to = monthIndex(toMonth);
  const months: string[] = [];
  for (let index = from; index <= to; index++) months.push(fromMonthIndex(index));
  return months;
}

export function periodBounds(endMonth: string, periodMonths: number): MonthRange {
  if (!Number.isInteger(periodMonths) || periodMonths < 1) throw new RangeError(`period must be at least one whole month, got ${periodMonths}`);
  return { fromMonth: addMonths(endMonth, 1 - periodMonths), toMonth: addMonths(endMonth, 0) };
}

/** The period of the same length just before periodBounds(endMonth, periodMonths). */
export function priorPeriodBounds(endMonth: string, periodMonths: number): MonthRange {
  return periodBounds(addMonths(endMonth, -periodMonths), periodMonths);
}
