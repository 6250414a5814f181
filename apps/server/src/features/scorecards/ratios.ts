/**
 * Number rules shared by the scorecard arithmetic (docs/relationships.md).
 *
 * - Money is whole minor units of the reporting currency (JPY: yen, EUR: cents, KWD: fils). Amounts are summed as
 *   integers; an amount that is not a safe integer is a RangeError, so a float never enters a sum and no sum drifts.
 * - Rounding happens only where a ratio or an average is formed: to 4 decimal places, half away from zero
 *   (2/3 -> 0.6667, -1/8 -> -0.125). Hours are kept to the hundredth.
 */

export const RATIO_DECIMALS = 4;

export function assertWhole(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number (money: minor units), got ${value}`);
}

/** Adds whole numbers (minor units, minutes, counts), refusing a fraction or a total beyond the safe integers. */
export function addWhole(total: number, value: number, what: string): number {
  assertWhole(value, what);
  const sum = total + value;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${what}: total out of range`);
  return sum;
}

/** numerator / denominator rounded to `decimals` places, half away from zero; the denominator must not be 0. */
export function roundedRatio(numerator: number, denominator: number, decimals = RATIO_DECIMALS): number {
  if (denominator === 0) throw new RangeError("ratio with a zero denominator");
  const scale = 10 ** decimals;
  const negative = numerator < 0 !== denominator < 0;
  // The quotient of two integers is correctly rounded, so Math.round only meets an exact .5 when the true value is one.
  const magnitude = Math.round((Math.abs(numerator) * scale) / Math.abs(denominator)) / scale;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** value rounded to `decimals` places, half away from zero. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const magnitude = Math.round(Math.abs(value) * scale) / scale;
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** The middle value, or the mean of the two middle values; 0 for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

export function toHundredths(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number of at least 0, got ${hours}`);
  return Math.round(hours * 100);
}

/** A number for the `basis` words: at most two decimals, no trailing zeros. */
export function shortNumber(value: number): string {
  return String(roundTo(value, 2));
}
