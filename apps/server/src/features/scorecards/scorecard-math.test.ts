import { describe, expect, it } from "vitest";
import { monthOf, settings } from "./scorecard-fixtures.js";
import {
  addMonths,
  computeScorecard,
  growth,
  monthsBetween,
  percentileAmong,
  periodBounds,
  periodFigures,
  portfolioMedians,
  priorPeriodBounds,
  quadrantOf,
  trend,
} from "./scorecard-math.js";

const amounts = (figures: ReturnType<typeof periodFigures>) => Object.fromEntries(figures.resources.map((line) => [line.category, line.amountMinor]));

describe("month arithmetic", () => {
  it("adds and subtracts months across years", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-03", -14)).toBe("2025-01");
    expect(addMonths("2026-03", 0)).toBe("2026-03");
    expect(addMonths("2024-02", 24)).toBe("2026-02");
  });

  it("lists the months between two months, both included", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-02", "2026-02")).toEqual(["2026-02"]);
    expect(monthsBetween("2026-02", "2026-01")).toEqual([]);
  });

  it("bounds a period and the prior period of the same length", () => {
    expect(periodBounds("2026-03", 1)).toEqual({ fromMonth: "2026-03", toMonth: "2026-03" });
    expect(periodBounds("2026-03", 3)).toEqual({ fromMonth: "2026-01", toMonth: "2026-03" });
    expect(periodBounds("2026-03", 12)).toEqual({ fromMonth: "2025-04", toMonth: "2026-03" });
    expect(priorPeriodBounds("2026-03", 12)).toEqual({ fromMonth: "2024-04", toMonth: "2025-03" });
    expect(priorPeriodBounds("2026-02", 3)).toEqual({ fromMonth: "2025-09", toMonth: "2025-11" });
  });

  it("refuses malformed months and periods", () => {
    expect(() => addMonths("2026-13", 1)).toThrow(RangeError);
    expect(() => addMonths("2026-1", 1)).toThrow(RangeError);
    expect(() => addMonths("2026-01", 0.5)).toThrow(RangeError);
    expect(() => periodBounds("2026-01", 0)).toThrow(RangeError);
    expect(() => periodFigures([monthOf("2026-00")], "2026-01", "2026-03")).toThrow(RangeError);
  });
});

describe("periodFigures", () => {
  // Jan and Feb have figures, March has no row at all.
  const quarter = [
    monthOf("2026-01", {
      revenueMinor: 100_000,
      marginMinor: 30_000,
      supportMinutes: 300,
      supportCostMinor: 5_000,
      supportAllowanceMinutes: 600,
      incentiveCostMinor: 2_000,
      marketingCostMinor: 1_000,
      channelManagerCostMinor: 4_000,
      channelManagerHoursHundredths: 150,
    }),
    monthOf("2026-02", {
      revenueMinor: 50_000,
      marginMinor: 15_000,
      supportMinutes: 150,
      supportCostMinor: 2_500,
      supportAllowanceMinutes: 600,
      channelManagerCostMinor: 2_000,
      channelManagerHoursHundredths: 75,
      otherCostMinor: 500,
    }),
    // Outside the period: ignored.
    monthOf("2025-12", { revenueMinor: 999_999, marginMinor: 999_999, otherCostMinor: 999_999 }),
  ];

  it("sums the measured resources and leaves a never-measured source out (training null, not zero)", () => {
    const f = periodFigures(quarter, "2026-01", "2026-03");
    expect(f.revenueMinor).toBe(150_000);
    expect(f.marginMinor).toBe(45_000);
    // Incentives were measured in January only: that month counts.
    expect(amounts(f)).toEqual({ support: 7_500, incentives: 2_000, training: null, marketing_funds: 1_000, channel_manager: 6_000, other: 500 });
    expect(f.resourcesMinor).toBe(17_000);
    expect(f.netContributionMinor).toBe(28_000);
    expect(f.returnOnResources).toBe(2.6471); // 45000 / 17000 = 2.647058...
    expect(f.supportMinutes).toBe(450);
    expect(f.supportAllowanceMinutes).toBe(1_200);
    expect(f.supportMinutesAgainstAllowance).toBe(450);
    expect(f.channelManagerHoursHundredths).toBe(225);
  });

  it("gives zero sales and zero costs for months without a row, with the optional sources not measured", () => {
    const f = periodFigures(quarter, "2026-03", "2026-05");
    expect(f.revenueMinor).toBe(0);
    expect(f.marginMinor).toBe(0);
    expect(amounts(f)).toEqual({ support: null, incentives: null, training: null, marketing_funds: 0, channel_manager: 0, other: 0 });
    expect(f.resourcesMinor).toBe(0);
    expect(f.netContributionMinor).toBe(0);
    expect(f.returnOnResources).toBeNull();
    expect(f.supportMinutes).toBeNull();
    expect(f.supportAllowanceMinutes).toBeNull();
    expect(f.supportMinutesAgainstAllowance).toBeNull();
    expect(f.engagement).toEqual({ activeUsers: null, libraryUseShare: null, newsReadShare: null, certifiedStaff: null, logins: null });
  });

  it("a partner with only costs: net is minus the costs and the return is 0", () => {
    const f = periodFigures(
      [
        monthOf("2026-01", { supportMinutes: 720, supportCostMinor: 12_000, channelManagerCostMinor: 4_000 }),
        monthOf("2026-02", { supportMinutes: 0, supportCostMinor: 0, trainingCostMinor: 3_000 }),
      ],
      "2026-01",
      "2026-03",
    );
    expect(f.revenueMinor).toBe(0);
    expect(f.resourcesMinor).toBe(19_000);
    expect(f.netContributionMinor).toBe(-19_000);
    expect(f.returnOnResources).toBe(0);
    expect(f.supportMinutes).toBe(720);
  });

  it("refunds and returns reduce revenue and margin, below zero when they outweigh sales", () => {
    const sales = [
      monthOf("2026-01", { revenueMinor: 80_000, marginMinor: 24_000 }),
      monthOf("2026-02", { revenueMinor: -30_000, marginMinor: -9_000 }),
      monthOf("2026-03", { revenueMinor: -5_000, marginMinor: -1_500, otherCostMinor: 1_000 }),
    ];
    const quarter = periodFigures(sales, "2026-01", "2026-03");
    expect(quarter.revenueMinor).toBe(45_000);
    expect(quarter.marginMinor).toBe(13_500);
    expect(quarter.netContributionMinor).toBe(12_500);
    expect(quarter.returnOnResources).toBe(13.5);
    const refundsOnly = periodFigures(sales, "2026-02", "2026-03");
    expect(refundsOnly.revenueMinor).toBe(-35_000);
    expect(refundsOnly.marginMinor).toBe(-10_500);
    expect(refundsOnly.netContributionMinor).toBe(-11_500);
    expect(refundsOnly.returnOnResources).toBe(-10.5);
  });

  it("sums currency minor units as integers: JPY (0 decimals), EUR cents, KWD fils", () => {
    const yen = periodFigures(
      [
        monthOf("2026-01", { revenueMinor: 1_234_567, marginMinor: 370_370 }),
        monthOf("2026-02", { revenueMinor: 7_654_321, marginMinor: 2_296_296 }),
      ],
      "2026-01",
      "2026-02",
    );
    expect(yen.revenueMinor).toBe(8_888_888);
    expect(yen.marginMinor).toBe(2_666_666);
    // 0.10 + 0.20 EUR as cents is exactly 30 (0.1 + 0.2 as floats would be 0.30000000000000004), twelve times over.
    const cents = periodFigures(
      monthsBetween("2025-01", "2025-12").map((month) => monthOf(month, { revenueMinor: 10, marginMinor: 20, otherCostMinor: 10 })),
      "2025-01",
      "2025-12",
    );
    expect(cents.revenueMinor).toBe(120);
    expect(cents.marginMinor).toBe(240);
    expect(cents.netContributionMinor).toBe(120);
    expect(cents.returnOnResources).toBe(2);
    const fils = periodFigures([monthOf("2026-01", { revenueMinor: 1_000_001, marginMinor: 333_334, otherCostMinor: 1 })], "2026-01", "2026-01");
    expect(fils.netContributionMinor).toBe(333_333);
  });

  it("refuses money that is not whole minor units, or a total beyond the safe integers", () => {
    expect(() => periodFigures([monthOf("2026-01", { revenueMinor: 0.1 + 0.2 })], "2026-01", "2026-01")).toThrow(RangeError);
    expect(() => periodFigures([monthOf("2026-01", { trainingCostMinor: 12.5 })], "2026-01", "2026-01")).toThrow(RangeError);
    const huge = [monthOf("2026-01", { revenueMinor: Number.MAX_SAFE_INTEGER }), monthOf("2026-02", { revenueMinor: 1 })];
    expect(() => periodFigures(huge, "2026-01", "2026-02")).toThrow(RangeError);
  });

  it("refuses two rows for one month", () => {
    expect(() => periodFigures([monthOf("2026-01"), monthOf("2026-01")], "2026-01", "2026-01")).toThrow(RangeError);
  });

  it("averages engagement over the months that measured it", () => {
    const f = periodFigures(
      [
        monthOf("2026-01", { activeUsers: 10, libraryUsers: 4, newsReaders: 6, certifiedStaff: 1, logins: 40 }),
        monthOf("2026-02", { activeUsers: 20, libraryUsers: 10, certifiedStaff: 3, logins: 60 }),
        monthOf("2026-03", { activeUsers: 15 }),
      ],
      "2026-01",
      "2026-04",
    );
    // Active users (10 + 20 + 15) / 3; library 14 of 30 users over Jan-Feb; news 6 of 10 in Jan; certified = February's 3.
    expect(f.engagement).toEqual({ activeUsers: 15, libraryUseShare: 0.4667, newsReadShare: 0.6, certifiedStaff: 3, logins: 100 });
  });

  it("gives share 0 when measured with no active users, and caps a share at 1", () => {
    const none = periodFigures([monthOf("2026-01", { activeUsers: 0, libraryUsers: 0, newsReaders: 0 })], "2026-01", "2026-01");
    expect(none.engagement).toEqual({ activeUsers: 0, libraryUseShare: 0, newsReadShare: 0, certifiedStaff: null, logins: null });
    const over = periodFigures([monthOf("2026-01", { activeUsers: 4, libraryUsers: 5 })], "2026-01", "2026-01");
    expect(over.engagement.libraryUseShare).toBe(1);
  });
});

describe("growth", () => {
  it("is (current - prior) / |prior|, null without a prior figure", () => {
    expect(growth(150_000, 120_000)).toBe(0.25);
    expect(growth(90_000, 120_000)).toBe(-0.25);
    expect(growth(50, -100)).toBe(1.5);
    expect(growth(10_000, 30_000)).toBe(-0.6667);
    expect(growth(10_000, 0)).toBeNull();
  });
});

describe("computeScorecard", () => {
  // Prior year: 10 000 revenue a month; this year 12 000; a move from gold to silver in the last quarter.
  const months = monthsBetween("2024-04", "2026-03").map((month) =>
    month <= "2025-03"
      ? monthOf(month, { tierId: "gold", revenueMinor: 10_000, marginMinor: 3_000, channelManagerCostMinor: 500 })
      : monthOf(month, {
          tierId: month >= "2026-01" ? "silver" : "gold",
          revenueMinor: 12_000,
          marginMinor: 3_600,
          channelManagerCostMinor: 1_000,
          supportMinutes: 100,
          supportCostMinor: 200,
          supportAllowanceMinutes: month >= "2026-01" ? 60 : 120,
        }),
  );
  const thresholds = { marginMedian: 30_000, resourcesMedian: 10_000 };

  it("computes the trailing twelve months against the twelve before", () => {
    const card = computeScorecard({ partnerId: "p1", months: [...months].reverse(), endMonth: "2026-03", periodMonths: 12, settings, thresholds });
    expect(card.currency).toBe("EUR");
    expect(card.tierId).toBe("silver");
    expect(card.period.fromMonth).toBe("2025-04");
    expect(card.prior).toMatchObject({ fromMonth: "2024-04", toMonth: "2025-03", revenueMinor: 120_000, marginMinor: 36_000, resourcesMinor: 6_000 });
    expect(card.period).toMatchObject({
      revenueMinor: 144_000,
      marginMinor: 43_200,
      resourcesMinor: 14_400,
      netContributionMinor: 28_800,
      returnOnResources: 3,
    });
    expect(card.revenueGrowth).toBe(0.2);
    expect(card.marginGrowth).toBe(0.2);
    expect(card.quadrant).toBe("maintain");
    expect(card.tierChanges.map((c) => c.month)).toEqual(monthsBetween("2025-04", "2025-12"));
    expect(card.tierChanges[0]).toEqual({ month: "2025-04", tierId: "gold" });
    // Allowance month by month: 9 gold months x 120 + 3 silver months x 60 = 1 260 against 1 200 minutes.
    expect(card.period.supportAllowanceMinutes).toBe(1_260);
    expect(card.period.supportMinutesAgainstAllowance).toBe(1_200);
    // return 3x = target -> 1; growth +20 % -> 0.7; within allowance -> 1; engagement and certification dropped.
    expect(card.health.score).toBe(91); // (30 x 1 + 20 x 0.7 + 20 x 1) / 70 = 0.9143
  });

  it("computes a quarter with a mid-period tier change, each month's allowance counted for that month", () => {
    const card = computeScorecard({ partnerId: "p1", months, endMonth: "2026-02", periodMonths: 3, settings, thresholds });
    expect(card.period).toMatchObject({ fromMonth: "2025-12", toMonth: "2026-02", revenueMinor: 36_000, supportAllowanceMinutes: 240 });
    expect(card.prior).toMatchObject({ fromMonth: "2025-09", toMonth: "2025-11", revenueMinor: 36_000 });
    expect(card.tierId).toBe("silver");
    expect(card.tierChanges).toEqual([{ month: "2025-12", tierId: "gold" }]);
    expect(card.revenueGrowth).toBe(0);
    // 300 minutes against 120 + 60 + 60 = 240: (480 - 300) / 240 = 0.75.
    expect(card.health.components.find((c) => c.name === "support_within_allowance")?.score).toBe(0.75);
  });

  it("scores a partner with no data at all", () => {
    const card = computeScorecard({ partnerId: "p9", months: [], endMonth: "2026-03", periodMonths: 12, settings, thresholds });
    expect(card.tierId).toBeNull();
    expect(card.tierChanges).toEqual([]);
    expect(card.period).toMatchObject({ revenueMinor: 0, marginMinor: 0, resourcesMinor: 0, netContributionMinor: 0, returnOnResources: null });
    expect(card.revenueGrowth).toBeNull();
    expect(card.quadrant).toBe("cut");
    // Only return on resources is measured, and nothing was earned.
    expect(card.health.score).toBe(0);
    expect(card.health.components.map((c) => c.appliedWeightPercent)).toEqual([100, 0, 0, 0, 0]);
  });

  it("refuses another partner's rows", () => {
    expect(() =>
      computeScorecard({ partnerId: "p2", months: [monthOf("2026-01")], endMonth: "2026-03", periodMonths: 3, settings, thresholds }),
    ).toThrow(RangeError);
  });
});

describe("trend", () => {
  it("gives one point a month, oldest first; a month without data is zero with support not measured", () => {
    const points = trend(
      [
        monthOf("2026-01", { revenueMinor: 1_000, marginMinor: 300, supportMinutes: 30, supportCostMinor: 50, channelManagerCostMinor: 100 }),
        monthOf("2026-03", { revenueMinor: -200, marginMinor: -60, trainingCostMinor: 40 }),
        monthOf("2025-01", { revenueMinor: 5 }),
      ],
      "2026-03",
      4,
    );
    expect(points).toEqual([
      { month: "2025-12", revenueMinor: 0, marginMinor: 0, resourcesMinor: 0, netContributionMinor: 0, supportMinutes: null },
      { month: "2026-01", revenueMinor: 1_000, marginMinor: 300, resourcesMinor: 150, netContributionMinor: 150, supportMinutes: 30 },
      { month: "2026-02", revenueMinor: 0, marginMinor: 0, resourcesMinor: 0, netContributionMinor: 0, supportMinutes: null },
      { month: "2026-03", revenueMinor: -200, marginMinor: -60, resourcesMinor: 40, netContributionMinor: -100, supportMinutes: null },
    ]);
    expect(trend([], "2026-03")).toHaveLength(24);
    expect(trend([], "2026-03")[0]?.month).toBe("2024-04");
  });
});

describe("quadrantOf", () => {
  const t = { marginMedian: 10_000, resourcesMedian: 5_000 };
  it("splits by break-even (margin against resources) and the median of resources", () => {
    expect(quadrantOf({ marginMinor: 20_000, resourcesMinor: 2_000, revenueMinor: 60_000 }, t)).toBe("invest");
    // Small and efficient: below the margin median, still invest, never cut for being small.
    expect(quadrantOf({ marginMinor: 3_000, resourcesMinor: 1_000, revenueMinor: 10_000 }, t)).toBe("invest");
    expect(quadrantOf({ marginMinor: 10_000, resourcesMinor: 4_999, revenueMinor: 30_000 }, t)).toBe("invest");
    expect(quadrantOf({ marginMinor: 20_000, resourcesMinor: 8_000, revenueMinor: 60_000 }, t)).toBe("maintain");
    expect(quadrantOf({ marginMinor: 5_000, resourcesMinor: 5_000, revenueMinor: 30_000 }, t)).toBe("maintain");
    expect(quadrantOf({ marginMinor: 8_000, resourcesMinor: 9_000, revenueMinor: 25_000 }, t)).toBe("fix");
    expect(quadrantOf({ marginMinor: 20_000, resourcesMinor: 25_000, revenueMinor: 60_000 }, t)).toBe("fix");
  });

  it("puts a light partner that consumes more than it creates in cut", () => {
    expect(quadrantOf({ marginMinor: 3_000, resourcesMinor: 4_000, revenueMinor: 10_000 }, t)).toBe("cut");
    expect(quadrantOf({ marginMinor: -3_000, resourcesMinor: 0, revenueMinor: 1_000 }, t)).toBe("cut");
  });

  it("puts a partner with no revenue in cut unless it consumes high resources", () => {
    expect(quadrantOf({ marginMinor: 0, resourcesMinor: 0, revenueMinor: 0 }, t)).toBe("cut");
    expect(quadrantOf({ marginMinor: 0, resourcesMinor: 4_000, revenueMinor: 0 }, t)).toBe("cut");
    expect(quadrantOf({ marginMinor: -1_500, resourcesMinor: 0, revenueMinor: -5_000 }, t)).toBe("cut");
    expect(quadrantOf({ marginMinor: 0, resourcesMinor: 6_000, revenueMinor: 0 }, t)).toBe("fix");
  });

  it("never calls resources of 0 high, even when the median is 0", () => {
    expect(quadrantOf({ marginMinor: 0, resourcesMinor: 0, revenueMinor: 0 }, { marginMedian: 0, resourcesMedian: 0 })).toBe("cut");
    expect(quadrantOf({ marginMinor: 500, resourcesMinor: 0, revenueMinor: 1_000 }, { marginMedian: 0, resourcesMedian: 0 })).toBe("invest");
  });

  it("takes the medians of the portfolio", () => {
    expect(portfolioMedians([])).toEqual({ marginMedian: 0, resourcesMedian: 0 });
    const rows = [
      { marginMinor: 30, resourcesMinor: 7 },
      { marginMinor: 10, resourcesMinor: 1 },
      { marginMinor: 20, resourcesMinor: 4 },
    ];
    expect(portfolioMedians(rows)).toEqual({ marginMedian: 20, resourcesMedian: 4 });
    expect(portfolioMedians([...rows, { marginMinor: 25, resourcesMinor: 2 }])).toEqual({ marginMedian: 22.5, resourcesMedian: 3 });
  });
});

describe("percentileAmong", () => {
  it("counts lower peers and half the equal ones", () => {
    expect(percentileAmong(70, [50, 60, 70, 80])).toBe(63); // (2 + 0.5) / 4 = 62.5 %
    expect(percentileAmong(90, [10, 20])).toBe(100);
    expect(percentileAmong(5, [10, 20])).toBe(0);
    expect(percentileAmong(40, [40, 40, 40])).toBe(50);
    expect(percentileAmong(60, [50, null, 70])).toBe(50);
  });

  it("is null without a score or without peers", () => {
    expect(percentileAmong(null, [10, 20])).toBeNull();
    expect(percentileAmong(50, [])).toBeNull();
    expect(percentileAmong(50, [null])).toBeNull();
  });
});
