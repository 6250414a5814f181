import { describe, expect, it } from "vitest";
import {
  amountOf,
  type CheckedLine,
  foldMonths,
  latestSaleDate,
  minorDigitsOf,
  parseAmount,
  splitSerials,
  summariseMonths,
} from "./sell-through-lines.js";

describe("amounts in the currency's minor units", () => {
  it("knows the digits of zero-, two- and three-digit currencies", () => {
    expect([minorDigitsOf("JPY"), minorDigitsOf("EUR"), minorDigitsOf("KWD")]).toEqual([0, 2, 3]);
  });

  it("reads a decimal into minor units, fewer digits padded, a minus for a refund", () => {
    expect(parseAmount("1234.5", 2)).toEqual({ minor: 123450 });
    expect(parseAmount("1234.56", 2)).toEqual({ minor: 123456 });
    expect(parseAmount("-99.9", 2)).toEqual({ minor: -9990 });
    expect(parseAmount("1200", 0)).toEqual({ minor: 1200 });
    expect(parseAmount("1.005", 3)).toEqual({ minor: 1005 });
    expect(parseAmount("0", 2)).toEqual({ minor: 0 });
    expect(parseAmount("-0.00", 2)).toEqual({ minor: 0 });
  });

  it("refuses more digits than the currency has, separators, signs and words", () => {
    expect(parseAmount("12.345", 2)).toEqual({ error: "at most 2 digits after the point" });
    expect(parseAmount("12.5", 0)).toEqual({ error: "must be a whole amount: this currency has no minor units" });
    for (const text of ["1,234.50", "1 234", "€12", "+12", "12.", ".5", "twelve", ""]) {
      expect(parseAmount(text, 2), text).toHaveProperty("error");
    }
    expect(parseAmount("10000000001", 2)).toEqual({ error: "at most 10000000000 either way" });
  });

  it("writes minor units back as the number the import reads", () => {
    for (const [minor, digits] of [
      [123450, 2],
      [-9990, 2],
      [1200, 0],
      [1005, 3],
      [7, 2],
    ] as const) {
      expect(parseAmount(String(amountOf(minor, digits)), digits)).toEqual({ minor });
    }
  });
});

describe("dates and serials", () => {
  it("takes today where the day starts first (UTC+14) as the latest sale date", () => {
    expect(latestSaleDate(new Date("2026-03-10T09:59:59Z"))).toBe("2026-03-10");
    expect(latestSaleDate(new Date("2026-03-10T10:00:00Z"))).toBe("2026-03-11");
  });

  it("splits serials on spaces and semicolons", () => {
    expect(splitSerials(" CAM-1; CAM-2  CAM-3;;")).toEqual(["CAM-1", "CAM-2", "CAM-3"]);
    expect(splitSerials("")).toEqual([]);
  });
});

describe("the monthly fold of a batch", () => {
  const line = (saleDate: string, familyId: string, quantity: number, netMinor: number): CheckedLine => ({
    saleDate,
    productId: `p-${familyId}`,
    familyId,
    quantity,
    netMinor,
    currency: "EUR",
    serials: [],
    endCustomer: "",
  });

  it("sums per month and family, a return subtracting, sorted by month then family", () => {
    const rows = foldMonths("partner-1", [
      line("2026-02-03", "cams", 2, 20000),
      line("2026-01-31", "nvrs", 1, 50000),
      line("2026-02-20", "cams", -1, -10000),
      line("2026-02-21", "cams", 3, 30000),
      line("2026-01-02", "cams", 1, 10000),
    ]);
    expect(rows).toEqual([
      { partner_id: "partner-1", month: "2026-01", family_id: "cams", revenue_minor: 10000, units: 1, lines: 1 },
      { partner_id: "partner-1", month: "2026-01", family_id: "nvrs", revenue_minor: 50000, units: 1, lines: 1 },
      { partner_id: "partner-1", month: "2026-02", family_id: "cams", revenue_minor: 40000, units: 4, lines: 3 },
    ]);
    expect(summariseMonths(rows)).toEqual([
      { month: "2026-01", revenueMinor: 60000, units: 2, lines: 2 },
      { month: "2026-02", revenueMinor: 40000, units: 4, lines: 3 },
    ]);
  });
});
