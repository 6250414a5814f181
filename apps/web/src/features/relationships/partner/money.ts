// Money on the relationship pages is integer minor units of the reporting currency, whose number
// of decimals differs (JPY 0, EUR 2, KWD 3): lib/format's formatMoney assumes 2, so these helpers
// ask Intl for the currency's own digits.

const digitsCache = new Map<string, number>();

/** Decimals of a currency's minor unit (EUR 2, JPY 0, KWD 3); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  const known = digitsCache.get(currency);
  if (known !== undefined) return known;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  digitsCache.set(currency, digits);
  return digits;
}

/** Minor units -> major units as a number (for charts). */
export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** currencyDigits(currency);
}

/** "€12,400.50"; compact "€12K" for chart axes. */
export function formatMinor(amountMinor: number, currency: string, options: { compact?: boolean } = {}): string {
  const digits = currencyDigits(currency);
  const value = amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(undefined, {
      style: "currency",
      currency,
      ...(options.compact ? { notation: "compact", maximumFractionDigits: 1 } : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

/** A decimal typed by a person ("1250.5") -> minor units, or null when it is not a number with at most the currency's decimals. */
export function parseMajor(text: string, currency: string): number | null {
  const trimmed = text.trim();
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(trimmed)) return null;
  const [whole = "0", fraction = ""] = trimmed.replace("-", "").split(".");
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return trimmed.startsWith("-") ? -minor : minor;
}

/** Minor units -> the decimal a person would type, e.g. 125050 EUR -> "1250.50". */
export function minorToInput(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

const percentFormat = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
const signedPercentFormat = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
const ratioFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** 0.42 -> "42%". */
export function formatShare(share: number): string {
  return percentFormat.format(share);
}

/** 0.125 -> "+12.5%". */
export function formatGrowth(growth: number): string {
  return signedPercentFormat.format(growth);
}

/** 2.1 -> "2.1×". */
export function formatRatio(ratio: number): string {
  return `${ratioFormat.format(ratio)}×`;
}

const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatHours(hours: number): string {
  return `${hoursFormat.format(hours)} h`;
}
