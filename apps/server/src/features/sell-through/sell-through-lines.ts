import type { Kysely } from "kysely";
import type { Database, SellThroughMonthTable } from "../../db/types.js";
import { findProductsBySkus } from "./sell-through.repository.js";
import { type MonthSummary, maxAmountMinor, type SellThroughLineInput } from "./sell-through.schemas.js";

// The checks every reported line passes, whether it came from a CSV file or an API post
// (docs/sell-through.md), and the monthly fold of a batch into the rollup.

export type LineField = "date" | "sku" | "quantity" | "netAmountMinor" | "currency" | "serials" | "endCustomer";

export interface LineIssue {
  /** Position of the line in what was sent. */
  index: number;
  field: LineField;
  message: string;
}

export interface CheckedLine {
  saleDate: string;
  productId: string;
  familyId: string;
  quantity: number;
  netMinor: number;
  currency: string;
  serials: string[];
  endCustomer: string;
}

/** A sale before this is a typo (0202 for 2022) that would land in a month nobody looks at. */
export const earliestSaleDate = "2000-01-01";

/**
 * The latest date that is not in the future anywhere: today where the day starts first (UTC+14).
 * A partner east of UTC reporting today's sales is not refused for being a day "ahead" of the server.
 */
export function latestSaleDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** Minor digits of a currency as Intl knows them (JPY 0, EUR 2, KWD 3): the same digits the app displays with. */
export function minorDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "1234.5" in EUR -> 123450. A plain decimal with a point, at most the currency's digits after it,
 * an optional leading minus; no thousands separators or currency signs (they differ by locale).
 */
export function parseAmount(text: string, digits: number): { minor: number } | { error: string } {
  const match = /^(-?)(\d{1,13})(?:\.(\d+))?$/.exec(text);
  const example = digits === 0 ? "1234" : `1234.${"5".repeat(digits)}`;
  if (!match) return { error: `must be a decimal amount such as ${example} (a point for decimals, no thousands separators)` };
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > digits) {
    return { error: digits === 0 ? "must be a whole amount: this currency has no minor units" : `at most ${digits} digits after the point` };
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (minor > maxAmountMinor) return { error: `at most ${amountOf(maxAmountMinor, digits)} either way` };
  return { minor: sign === "-" && minor !== 0 ? -minor : minor };
}

/** 123450 in EUR -> 1234.5: the amount as the CSV writes it (a number, so no formula guard applies). */
export function amountOf(minor: number, digits: number): number {
  return minor / 10 ** digits;
}

/** A cell of serial numbers: separated by spaces or semicolons. */
export function splitSerials(text: string): string[] {
  return text.split(/[\s;]+/).filter((s) => s !== "");
}

/**
 * Checks lines that already have the right shape: the date, the SKU, the currency, the sign of
 * the amount against the quantity, and the serials. `null` entries (a row that failed its shape)
 * are skipped but keep their index, so issues point at the row that was sent.
 */
export async function checkLines(
  db: Kysely<Database>,
  lines: readonly (SellThroughLineInput | null)[],
  currency: string,
  now: Date = new Date(),
): Promise<{ checked: CheckedLine[]; issues: LineIssue[] }> {
  const products = await findProductsBySkus(
    db,
    lines.flatMap((l) => (l ? [l.sku] : [])),
  );
  const latest = latestSaleDate(now);
  const issues: LineIssue[] = [];
  const checked: CheckedLine[] = [];
  lines.forEach((line, index) => {
    if (!line) return;
    const before = issues.length;
    const fail = (field: LineField, message: string) => issues.push({ index, field, message });
    if (line.date > latest) fail("date", "is in the future");
    else if (line.date < earliestSaleDate) fail("date", `must be ${earliestSaleDate} or later`);
    const product = products.get(line.sku);
    if (!product) fail("sku", `no product with SKU ${line.sku}`);
    if (line.currency !== undefined && line.currency !== currency) fail("currency", `must be ${currency}, the reporting currency`);
    if (line.quantity > 0 && line.netAmountMinor < 0) fail("netAmountMinor", "is negative for a sale: a return has a negative quantity and amount");
    if (line.quantity < 0 && line.netAmountMinor > 0) fail("netAmountMinor", "is positive for a return: a return has a negative quantity and amount");
    const serials = line.serials ?? [];
    if (serials.length > 0 && serials.length !== Math.abs(line.quantity)) {
      fail("serials", `${serials.length} serial(s) for ${Math.abs(line.quantity)} unit(s): give one per unit, or none`);
    }
    const repeated = serials.find((s, i) => serials.indexOf(s) !== i);
    if (repeated !== undefined) fail("serials", `serial ${repeated} is given twice`);
    if (issues.length > before || !product) return;
    checked.push({
      saleDate: line.date,
      productId: product.id,
      familyId: product.family_id,
      quantity: line.quantity,
      netMinor: line.netAmountMinor,
      currency,
      serials,
      endCustomer: line.endCustomer ?? "",
    });
  });
  return { checked, issues };
}

/** One rollup row per month and family of the batch, sorted, ready to add to sell_through_months. */
export function foldMonths(partnerId: string, lines: readonly CheckedLine[]): SellThroughMonthTable[] {
  const rows = new Map<string, SellThroughMonthTable>();
  for (const line of lines) {
    const month = line.saleDate.slice(0, 7);
    const key = `${month}\u0000${line.familyId}`;
    const row = rows.get(key);
    if (row) {
      row.revenue_minor += line.netMinor;
      row.units += line.quantity;
      row.lines += 1;
    } else {
      rows.set(key, { partner_id: partnerId, month, family_id: line.familyId, revenue_minor: line.netMinor, units: line.quantity, lines: 1 });
    }
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.family_id.localeCompare(b.family_id));
}

/** The rollup rows summed over families, per month, oldest first. */
export function summariseMonths(rows: readonly SellThroughMonthTable[]): MonthSummary[] {
  const months = new Map<string, MonthSummary>();
  for (const row of rows) {
    const summary = months.get(row.month) ?? { month: row.month, revenueMinor: 0, units: 0, lines: 0 };
    summary.revenueMinor += row.revenue_minor;
    summary.units += row.units;
    summary.lines += row.lines;
    months.set(row.month, summary);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}
