import { describe, expect, it } from "vitest";
import { healthScore } from "./health.js";
import type { Engagement, HealthComponentName, PeriodFigures } from "./scorecard.types.js";
import { monthOf, settings } from "./scorecard-fixtures.js";
import { periodFigures } from "./scorecard-math.js";

const noEngagement: Engagement = { activeUsers: null, libraryUseShare: null, newsReadShare: null, certifiedStaff: null, logins: null };

/** Period figures with nothing in them but the given fields. */
function figures(fields: Partial<PeriodFigures> = {}): PeriodFigures {
  return { ...periodFigures([], "2026-01", "2026-03"), ...fields };
}

function component(health: ReturnType<typeof healthScore>, name: HealthComponentName) {
  const found = health.components.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

const scoreOf = (name: HealthComponentName, period: PeriodFigures, prior = figures()) => component(healthScore(period, prior, settings), name).score;

// January and February of a quarter with every source measured; March has no row. Prior quarter: 120 000 revenue.
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
    activeUsers: 10,
    libraryUsers: 4,
    newsReaders: 6,
    certifiedStaff: 1,
  }),
  monthOf("2026-02", {
    revenueMinor: 50_000,
    marginMinor: 15_000,
    supportMinutes: 150,
    supportCostMinor: 2_500,
    supportAllowanceMinutes: 600,
    channelManagerCostMinor: 2_000,
    otherCostMinor: 500,
    activeUsers: 20,
    libraryUsers: 10,
    certifiedStaff: 3,
  }),
  monthOf("2025-11", { revenueMinor: 120_000, marginMinor: 36_000 }),
];

describe("healthScore", () => {
  it("weighs five measured components as configured", () => {
    const period = periodFigures(quarter, "2026-01", "2026-03");
    const prior = periodFigures(quarter, "2025-10", "2025-12");
    const health = healthScore(period, prior, settings);
    expect(health.components.map((c) => [c.name, c.weight, c.score, c.appliedWeightPercent])).toEqual([
      ["return_on_resources", 30, 0.8824, 30], // 45 000 / 17 000 = 2.65x against 3x
      ["growth", 20, 0.75, 20], // +25 %
      ["engagement", 20, 0.5334, 20], // (0.4667 + 0.6) / 2 = 0.53335
      ["certification", 10, 1, 10], // 3 staff against 2
      ["support_within_allowance", 20, 1, 20], // 450 of 1 200 minutes
    ]);
    // (0.8824 x 30 + 0.75 x 20 + 0.5334 x 20 + 1 x 10 + 1 x 20) = 82.14
    expect(health.score).toBe(82);
    expect(component(health, "return_on_resources").basis).toBe("return 2.65x against a 3x target");
    expect(component(health, "growth").basis).toBe("revenue +25 % against the prior period (150000 against 120000)");
    expect(component(health, "engagement").basis).toBe("library use 46.67 %, news read 60 % of active users");
    expect(component(health, "certification").basis).toBe("3 certified staff against a target of 2");
    expect(component(health, "support_within_allowance").basis).toBe("450 support minutes against an allowance of 1200");
  });

  it("drops the components not measured and spreads their weight over the others", () => {
    const unengaged = quarter.map((m) => ({ ...m, activeUsers: null, libraryUsers: null, newsReaders: null, certifiedStaff: null }));
    const health = healthScore(periodFigures(unengaged, "2026-01", "2026-03"), periodFigures(unengaged, "2025-10", "2025-12"), settings);
    expect(health.components.map((c) => [c.score, c.appliedWeightPercent])).toEqual([
      [0.8824, 42.86],
      [0.75, 28.57],
      [null, 0],
      [null, 0],
      [1, 28.57],
    ]);
    expect(component(health, "engagement").basis).toBe("library use and news reading not measured");
    expect(component(health, "certification").basis).toBe("certified staff not measured");
    // (0.8824 x 30 + 0.75 x 20 + 1 x 20) / 70 = 0.87817
    expect(health.score).toBe(88);
  });

  it("rounds the score half up from exact weights", () => {
    const weights = { return_on_resources: 1, growth: 1, engagement: 0, certification: 0, support_within_allowance: 0 };
    // return 1 (no resources); growth -25 % -> 0.25; (1 + 0.25) / 2 = 62.5 %.
    const health = healthScore(figures({ revenueMinor: 75, marginMinor: 10 }), figures({ revenueMinor: 100 }), {
      ...settings,
      healthWeights: weights,
    });
    expect(health.score).toBe(63);
    expect(health.components.map((c) => c.appliedWeightPercent)).toEqual([50, 50, 0, 0, 0]);
  });

  it("is null when the measured components all weigh 0", () => {
    const weights = { return_on_resources: 0, growth: 25, engagement: 25, certification: 25, support_within_allowance: 25 };
    const health = healthScore(figures(), figures(), { ...settings, healthWeights: weights });
    expect(health.score).toBeNull();
    expect(health.components.map((c) => c.appliedWeightPercent)).toEqual([0, 0, 0, 0, 0]);
    expect(health.components[0]?.score).toBe(0);
  });

  it("refuses a negative or non-finite weight", () => {
    const bad = { ...settings.healthWeights, growth: -1 };
    expect(() => healthScore(figures(), figures(), { ...settings, healthWeights: bad })).toThrow(RangeError);
    expect(() => healthScore(figures(), figures(), { ...settings, healthWeights: { ...bad, growth: Number.NaN } })).toThrow(RangeError);
  });
});

describe("health components", () => {
  it("return on resources: against the target, capped at 1; nothing earned scores 0", () => {
    expect(scoreOf("return_on_resources", figures({ marginMinor: 15_000, resourcesMinor: 10_000, returnOnResources: 1.5 }))).toBe(0.5);
    expect(scoreOf("return_on_resources", figures({ marginMinor: 50_000, resourcesMinor: 10_000, returnOnResources: 5 }))).toBe(1);
    expect(scoreOf("return_on_resources", figures({ marginMinor: 10, resourcesMinor: 0 }))).toBe(1);
    expect(scoreOf("return_on_resources", figures({ marginMinor: 0, resourcesMinor: 0 }))).toBe(0);
    expect(scoreOf("return_on_resources", figures({ marginMinor: -500, resourcesMinor: 1_000, returnOnResources: -0.5 }))).toBe(0);
    const noTarget = healthScore(figures({ marginMinor: 100, resourcesMinor: 1_000, returnOnResources: 0.1 }), figures(), {
      ...settings,
      targetReturnPercent: 0,
    });
    expect(component(noTarget, "return_on_resources").score).toBe(1);
  });

  it("growth: -50 % scores 0, 0 % scores 0.5, +50 % scores 1, clamped", () => {
    const prior = figures({ revenueMinor: 100_000 });
    expect(scoreOf("growth", figures({ revenueMinor: 50_000 }), prior)).toBe(0);
    expect(scoreOf("growth", figures({ revenueMinor: 10_000 }), prior)).toBe(0);
    expect(scoreOf("growth", figures({ revenueMinor: 75_000 }), prior)).toBe(0.25);
    expect(scoreOf("growth", figures({ revenueMinor: 100_000 }), prior)).toBe(0.5);
    expect(scoreOf("growth", figures({ revenueMinor: 133_333 }), prior)).toBe(0.8333);
    expect(scoreOf("growth", figures({ revenueMinor: 160_000 }), prior)).toBe(1);
    // Against a prior period of net refunds (-20 000), 0 is +100 %.
    expect(scoreOf("growth", figures(), figures({ revenueMinor: -20_000 }))).toBe(1);
  });

  it("growth without prior revenue: 1 for first revenue, 0 for refunds only, null for nothing", () => {
    expect(scoreOf("growth", figures({ revenueMinor: 1 }))).toBe(1);
    expect(scoreOf("growth", figures({ revenueMinor: -3_000 }))).toBe(0);
    expect(scoreOf("growth", figures())).toBeNull();
  });

  it("engagement: the mean of the measured shares", () => {
    expect(scoreOf("engagement", figures({ engagement: { ...noEngagement, libraryUseShare: 0.4 } }))).toBe(0.4);
    expect(scoreOf("engagement", figures({ engagement: { ...noEngagement, libraryUseShare: 0.1, newsReadShare: 0.2 } }))).toBe(0.15);
    expect(scoreOf("engagement", figures({ engagement: { ...noEngagement, activeUsers: 12, logins: 40 } }))).toBeNull();
  });

  it("certification: certified staff against a target of 2", () => {
    const staff = (certifiedStaff: number | null) => figures({ engagement: { ...noEngagement, certifiedStaff } });
    expect(scoreOf("certification", staff(0))).toBe(0);
    expect(scoreOf("certification", staff(1))).toBe(0.5);
    expect(scoreOf("certification", staff(2))).toBe(1);
    expect(scoreOf("certification", staff(7))).toBe(1);
    expect(scoreOf("certification", staff(null))).toBeNull();
  });

  it("support within allowance: 1 up to the allowance, falling to 0 at twice it", () => {
    const support = (minutes: number | null, allowance: number | null) =>
      figures({ supportMinutes: minutes, supportMinutesAgainstAllowance: allowance === null ? null : minutes, supportAllowanceMinutes: allowance });
    expect(scoreOf("support_within_allowance", support(1_200, 1_200))).toBe(1);
    expect(scoreOf("support_within_allowance", support(1_500, 1_200))).toBe(0.75);
    expect(scoreOf("support_within_allowance", support(2_400, 1_200))).toBe(0);
    expect(scoreOf("support_within_allowance", support(9_000, 1_200))).toBe(0);
    expect(scoreOf("support_within_allowance", support(0, 0))).toBe(1);
    expect(scoreOf("support_within_allowance", support(5, 0))).toBe(0);
    expect(scoreOf("support_within_allowance", support(500, null))).toBeNull();
    expect(scoreOf("support_within_allowance", support(null, 600))).toBeNull();
    expect(component(healthScore(support(500, null), figures(), settings), "support_within_allowance").basis).toBe("no support allowance set");
    expect(component(healthScore(support(null, 600), figures(), settings), "support_within_allowance").basis).toBe("support not measured");
  });
});
