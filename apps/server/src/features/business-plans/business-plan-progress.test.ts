import { describe, expect, it } from "vitest";
import type { MonthFigures } from "../scorecards/scorecard.types.js";
import { type ItemFacts, itemProgress, measuredActual, measureWindow, sideFulfilment } from "./business-plan-progress.js";

function month(month: string, figures: Partial<MonthFigures> = {}): MonthFigures {
  return {
    partnerId: "p1",
    month,
    tierId: null,
    revenueMinor: 0,
    marginMinor: 0,
    sellThroughRevenueMinor: 0,
    claimsRevenueMinor: 0,
    units: 0,
    supportMinutes: null,
    supportCostMinor: null,
    supportAllowanceMinutes: null,
    incentivePoints: null,
    incentiveCostMinor: null,
    trainingCostMinor: null,
    marketingCostMinor: 0,
    channelManagerCostMinor: 0,
    channelManagerHoursHundredths: 0,
    otherCostMinor: 0,
    activeUsers: null,
    libraryUsers: null,
    newsReaders: null,
    certifiedStaff: null,
    logins: null,
    ...figures,
  };
}

const item = (facts: Partial<ItemFacts>): ItemFacts => ({
  side: "partner",
  targetValue: 100,
  measure: null,
  dueOn: "2025-12-31",
  storedStatus: "planned",
  storedActual: null,
  ...facts,
});

const months = [
  month("2025-01", { revenueMinor: 40_000, marginMinor: 12_000, supportMinutes: 90, marketingCostMinor: 5_000 }),
  month("2025-03", { revenueMinor: 30_000, marginMinor: 9_000, supportMinutes: null, channelManagerHoursHundredths: 250 }),
  month("2025-07", { revenueMinor: 50_000, marginMinor: 15_000, supportMinutes: 30, certifiedStaff: 3 }),
  month("2025-09", { revenueMinor: -10_000, marginMinor: -3_000, certifiedStaff: 4 }),
];

describe("measure window", () => {
  it("runs from January to the earliest of December, the due month and the current month", () => {
    expect(measureWindow(2025, "2025-06-15", "2026-02-01")).toEqual({ fromMonth: "2025-01", toMonth: "2025-06" });
    expect(measureWindow(2025, "2025-12-31", "2025-08-20")).toEqual({ fromMonth: "2025-01", toMonth: "2025-08" });
    expect(measureWindow(2025, "2025-12-31", "2027-01-01")).toEqual({ fromMonth: "2025-01", toMonth: "2025-12" });
    expect(measureWindow(2026, "2026-06-30", "2025-11-30")).toBeNull();
  });
});

describe("measured actuals", () => {
  const window = { fromMonth: "2025-01", toMonth: "2025-12" };
  it("sums money and hours over the window, returns included", () => {
    expect(measuredActual("revenue", months, window)).toBe(40_000 + 30_000 + 50_000 - 10_000);
    expect(measuredActual("revenue", months, { fromMonth: "2025-01", toMonth: "2025-06" })).toBe(70_000);
    expect(measuredActual("margin", months, window)).toBe(33_000);
    expect(measuredActual("marketing_funds", months, window)).toBe(5_000);
    expect(measuredActual("channel_manager_hours", months, window)).toBe(250);
  });
  it("turns support minutes into hundredths of an hour, and is null when the desk recorded nothing", () => {
    // 90 + 30 minutes = 2 h = 200 hundredths.
    expect(measuredActual("support_hours", months, window)).toBe(200);
    expect(measuredActual("support_hours", months, { fromMonth: "2025-02", toMonth: "2025-06" })).toBeNull();
    expect(measuredActual("support_hours", [month("2025-01", { supportMinutes: 1 })], window)).toBe(2);
  });
  it("takes certified staff as the latest month's count; opportunities are never measured yet", () => {
    expect(measuredActual("certified_staff", months, window)).toBe(4);
    expect(measuredActual("certified_staff", months, { fromMonth: "2025-01", toMonth: "2025-08" })).toBe(3);
    expect(measuredActual("certified_staff", months, { fromMonth: "2025-01", toMonth: "2025-06" })).toBeNull();
    expect(measuredActual("opportunities", months, window)).toBeNull();
  });
});

describe("item progress", () => {
  it("is done when the measured actual reaches the target, whatever was stored", () => {
    const p = itemProgress(item({ measure: "revenue", targetValue: 100_000, storedStatus: "missed" }), 2025, months, "2026-01-10");
    expect(p).toMatchObject({ actualValue: 110_000, source: "measured", status: "done", progress: 1 });
  });
  it("is missed past its due date below target, in progress before it", () => {
    const due = item({ measure: "revenue", targetValue: 100_000, dueOn: "2025-06-30" });
    expect(itemProgress(due, 2025, months, "2025-07-01")).toMatchObject({ actualValue: 70_000, status: "missed", progress: 0.7 });
    expect(itemProgress(due, 2025, months, "2025-06-30")).toMatchObject({ actualValue: 70_000, status: "in_progress", progress: 0.7 });
  });
  it("is planned, with nothing yet, before the plan's year starts", () => {
    expect(itemProgress(item({ measure: "margin" }), 2026, [], "2025-12-01")).toMatchObject({ actualValue: 0, status: "planned", progress: 0 });
  });
  it("keeps a negative actual at zero progress", () => {
    expect(
      itemProgress(item({ measure: "revenue", dueOn: "2025-12-31" }), 2025, [month("2025-02", { revenueMinor: -500 })], "2025-03-01"),
    ).toMatchObject({
      actualValue: -500,
      progress: 0,
    });
  });
  it("shows a not-measured item as null, never 0, and lets a hand-kept value stand in", () => {
    const staff = item({ measure: "certified_staff", targetValue: 4 });
    expect(itemProgress(staff, 2025, [], "2025-05-01")).toMatchObject({
      actualValue: null,
      source: "not_measured",
      status: "planned",
      progress: null,
    });
    expect(itemProgress({ ...staff, storedActual: 1, storedStatus: "in_progress" }, 2025, [], "2025-05-01")).toMatchObject({
      actualValue: 1,
      source: "not_measured",
      status: "in_progress",
      progress: 0.25,
    });
    expect(itemProgress(item({ measure: "opportunities", storedStatus: "done" }), 2025, months, "2025-05-01").progress).toBe(1);
  });
  it("keeps a hand-kept item's status and actual; nothing entered is no progress", () => {
    expect(itemProgress(item({ storedStatus: "in_progress", storedActual: 30 }), 2025, months, "2025-05-01")).toMatchObject({
      actualValue: 30,
      source: "manual",
      status: "in_progress",
      progress: 0.3,
    });
    expect(itemProgress(item({}), 2025, months, "2025-05-01").progress).toBe(0);
    expect(itemProgress(item({ storedStatus: "done", storedActual: 20 }), 2025, months, "2025-05-01").progress).toBe(1);
    expect(itemProgress(item({ storedActual: 250 }), 2025, months, "2025-05-01").progress).toBe(1);
  });
});

describe("side fulfilment", () => {
  it("counts done items and averages progress over the items that have one", () => {
    const progress = (
      status: "done" | "planned" | "in_progress",
      value: number | null,
      source: "measured" | "manual" | "not_measured" = "manual",
    ) => ({
      actualValue: null,
      source,
      status,
      progress: value,
      basis: "",
    });
    const items = [
      { side: "partner" as const, progress: progress("done", 1, "measured") },
      { side: "partner" as const, progress: progress("in_progress", 0.5) },
      { side: "partner" as const, progress: progress("planned", null, "not_measured") },
      { side: "vendor" as const, progress: progress("in_progress", 0.2) },
    ];
    // Partner: 1 of 3 done; progress (1 + 0.5) / 2, the not-measured item left out.
    expect(sideFulfilment(items, "partner")).toEqual({
      items: 3,
      done: 1,
      doneShare: 0.3333,
      averageProgress: 0.75,
      measuredItems: 1,
      notMeasuredItems: 1,
    });
    expect(sideFulfilment(items, "vendor")).toEqual({ items: 1, done: 0, doneShare: 0, averageProgress: 0.2, measuredItems: 0, notMeasuredItems: 0 });
    expect(sideFulfilment([], "vendor")).toEqual({
      items: 0,
      done: 0,
      doneShare: null,
      averageProgress: null,
      measuredItems: 0,
      notMeasuredItems: 0,
    });
  });
});
