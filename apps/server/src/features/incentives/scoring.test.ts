import { describe, expect, it } from "vitest";
import { type ClaimToScore, eligible, formatMoney, inForceOn, type RuleVersion, type ScoringState, scoreClaim } from "./scoring.js";

// Hand-computed cases. Products: nvr1 and nvr2 in the NVR family, cam1 in the camera family.

const nothingEarned: ScoringState = { earnedThisMonth: new Map(), launchBonusesPaid: new Set() };

function rule(ruleId: string, kind: RuleVersion["kind"], over: Partial<RuleVersion> = {}): RuleVersion {
  return {
    ruleId,
    version: 1,
    name: ruleId,
    kind,
    productId: null,
    familyId: null,
    points: 0,
    revenueStepMinor: null,
    currency: null,
    multiplierPercent: null,
    startsOn: null,
    endsOn: null,
    tierIds: [],
    regions: [],
    partnerRoles: [],
    monthlyCapPoints: null,
    active: true,
    effectiveFrom: "2025-01-01T00:00:00.000Z",
    effectiveTo: null,
    ...over,
  };
}

const line = (productId: string, units: number, unitNetMinor = 45_000, currency = "USD") => ({
  productId,
  familyId: productId.startsWith("nvr") ? "nvr" : "cam",
  productName: productId.toUpperCase(),
  units,
  unitNetMinor,
  currency,
});

function claim(lines: ClaimToScore["lines"], over: Partial<ClaimToScore> = {}): ClaimToScore {
  return { saleDate: "2025-05-15", tierId: "gold", region: "Western Europe", role: "sales_rep", lines, ...over };
}

const pointsOf = (rules: RuleVersion[], c: ClaimToScore, state = nothingEarned) => scoreClaim(rules, c, state).points;

describe("scoring a claim", () => {
  it("pays points per unit of a product", () => {
    const score = scoreClaim([rule("nvr1-50", "per_unit", { productId: "nvr1", points: 50 })], claim([line("nvr1", 2)]), nothingEarned);
    expect(score.points).toBe(100);
    expect(score.lines).toEqual([
      { ruleId: "nvr1-50", version: 1, ruleName: "nvr1-50", productId: "nvr1", units: 2, points: 100, why: "50 points per unit x 2 of NVR1" },
    ]);
  });

  it("takes the most specific base rule: product over family over every product", () => {
    const rules = [
      rule("nvr1-50", "per_unit", { productId: "nvr1", points: 50 }),
      rule("nvr-30", "per_unit", { familyId: "nvr", points: 30 }),
      rule("all-5", "per_unit", { points: 5 }),
    ];
    // nvr1: 1 x 50 (product rule); nvr2: 3 x 30 (family rule); cam1: 4 x 5 (every product) = 50 + 90 + 20.
    const score = scoreClaim(rules, claim([line("nvr1", 1), line("nvr2", 3), line("cam1", 4)]), nothingEarned);
    expect(score.points).toBe(160);
    expect(score.lines.map((l) => [l.ruleId, l.points])).toEqual([
      ["nvr1-50", 50],
      ["nvr-30", 90],
      ["all-5", 20],
    ]);
  });

  it("pays per unit of revenue, in the rule's currency only, whole steps", () => {
    const perRevenue = rule("rev", "per_revenue", { points: 10, revenueStepMinor: 10_000, currency: "USD" });
    // 2 x 450.00 USD = 900.00 USD = 9 steps of 100.00 USD x 10 points.
    const score = scoreClaim([perRevenue], claim([line("cam1", 2, 45_000)]), nothingEarned);
    expect(score.points).toBe(90);
    expect(score.lines[0]?.why).toBe("10 points per 100.00 USD of net amount: 2 x 450.00 USD = 900.00 USD, 9 x 10");
    // 3 x 33.33 = 99.99 USD: not one whole step.
    expect(pointsOf([perRevenue], claim([line("cam1", 3, 3_333)]))).toBe(0);
    expect(pointsOf([perRevenue], claim([line("cam1", 2, 45_000, "EUR")]))).toBe(0);
  });

  it("between base rules of the same reach, pays the one worth more", () => {
    const rules = [
      rule("nvr-30", "per_unit", { familyId: "nvr", points: 30 }),
      rule("nvr-rev", "per_revenue", { familyId: "nvr", points: 1, revenueStepMinor: 1_000, currency: "USD" }),
    ];
    // per unit: 2 x 30 = 60; per revenue: 900.00 USD / 10.00 = 90 steps x 1 = 90.
    const score = scoreClaim(rules, claim([line("nvr2", 2)]), nothingEarned);
    expect(score.lines.map((l) => [l.ruleId, l.points])).toEqual([["nvr-rev", 90]]);
  });

  it("adds a multiplier on top of the base; the largest applies, never compounded", () => {
    const rules = [
      rule("nvr-30", "per_unit", { familyId: "nvr", points: 30 }),
      rule("double-nvr", "multiplier", { familyId: "nvr", multiplierPercent: 200 }),
      rule("one-and-half", "multiplier", { multiplierPercent: 150 }),
    ];
    // nvr2: 3 x 30 = 90, x2 -> +90 = 180. cam1 has no base rule: the multiplier adds nothing.
    const score = scoreClaim(rules, claim([line("nvr2", 3), line("cam1", 1)]), nothingEarned);
    expect(score.points).toBe(180);
    expect(score.lines[1]).toMatchObject({ ruleId: "double-nvr", points: 90, why: "x2 on 90 base points of NVR2: +90" });
    // Only the 150% one matches cam1 when it has a base: 7 x 5 = 35, +17 (floor of 17.5).
    expect(pointsOf([...rules, rule("all-5", "per_unit", { points: 5 })], claim([line("cam1", 7)]))).toBe(52);
  });

  it("pays a launch bonus once, to the first approved sale of the product", () => {
    const rules = [
      rule("nvr1-50", "per_unit", { productId: "nvr1", points: 50 }),
      rule("launch", "launch_bonus", { productId: "nvr1", points: 500 }),
    ];
    const first = scoreClaim(rules, claim([line("nvr1", 1), line("nvr1", 2, 40_000)]), nothingEarned);
    // 50 + 500 + 100: the bonus once although two lines carry the product.
    expect(first.points).toBe(650);
    expect(first.launchBonuses).toEqual([{ ruleId: "launch", productId: "nvr1" }]);
    const later = scoreClaim(rules, claim([line("nvr1", 1)]), { earnedThisMonth: new Map(), launchBonusesPaid: new Set(["launch|nvr1"]) });
    expect(later.points).toBe(50);
    expect(later.launchBonuses).toEqual([]);
  });

  it("caps what a rep earns from a rule per month, counting earlier claims and earlier lines", () => {
    const capped = rule("nvr1-50", "per_unit", { productId: "nvr1", points: 50, monthlyCapPoints: 120 });
    // 100 earned before this month: room for 20.
    const score = scoreClaim([capped], claim([line("nvr1", 2)]), { earnedThisMonth: new Map([["nvr1-50", 100]]), launchBonusesPaid: new Set() });
    expect(score.points).toBe(20);
    expect(score.lines[0]?.why).toBe("50 points per unit x 2 of NVR1; capped at 120 points a month per rep (100 earned before), 100 -> 20");
    // Nothing earned before: line one 100, line two 20 of its 100, line three 0 (still shown).
    const lines = scoreClaim([capped], claim([line("nvr1", 2), line("nvr1", 2), line("nvr1", 1)]), nothingEarned).lines;
    expect(lines.map((l) => l.points)).toEqual([100, 20, 0]);
  });

  it("applies a rule only to eligible tiers, regions and roles", () => {
    const goldEmea = rule("gold", "per_unit", {
      points: 10,
      tierIds: ["gold", "platinum"],
      regions: ["Western Europe"],
      partnerRoles: ["sales_rep"],
    });
    expect(pointsOf([goldEmea], claim([line("cam1", 1)]))).toBe(10);
    expect(pointsOf([goldEmea], claim([line("cam1", 1)], { tierId: "silver" }))).toBe(0);
    expect(pointsOf([goldEmea], claim([line("cam1", 1)], { tierId: null }))).toBe(0);
    expect(pointsOf([goldEmea], claim([line("cam1", 1)], { region: "Asia Pacific" }))).toBe(0);
    expect(pointsOf([goldEmea], claim([line("cam1", 1)], { role: "partner_admin" }))).toBe(0);
    expect(eligible({ tierIds: [], regions: [], partnerRoles: [] }, { tierId: null, region: "Africa", role: "partner_admin" })).toBe(true);
  });

  it("scores with the version in force at the end of the sale date", () => {
    const v1 = rule("nvr1", "per_unit", {
      productId: "nvr1",
      points: 50,
      effectiveFrom: "2025-01-01T00:00:00.000Z",
      effectiveTo: "2025-03-10T10:00:00.000Z",
    });
    const v2 = rule("nvr1", "per_unit", { productId: "nvr1", points: 80, version: 2, effectiveFrom: "2025-03-10T10:00:00.000Z" });
    const on = (saleDate: string) => scoreClaim([v1, v2], claim([line("nvr1", 1)], { saleDate }), nothingEarned).lines[0];
    expect(on("2025-03-09")).toMatchObject({ version: 1, points: 50 });
    // Edited during the 10th: that day's sales take the new version.
    expect(on("2025-03-10")).toMatchObject({ version: 2, points: 80 });
    expect(on("2025-04-01")).toMatchObject({ version: 2, points: 80 });
    // Before the rule existed: nothing.
    expect(on("2024-12-31")).toBeUndefined();
    expect(inForceOn(v1, "2025-03-10")).toBe(false);
  });

  it("counts a promotion's dates and skips a switched-off version", () => {
    const quarter = rule("q2", "per_unit", { points: 10, startsOn: "2025-04-01", endsOn: "2025-06-30" });
    expect(pointsOf([quarter], claim([line("cam1", 1)], { saleDate: "2025-04-01" }))).toBe(10);
    expect(pointsOf([quarter], claim([line("cam1", 1)], { saleDate: "2025-06-30" }))).toBe(10);
    expect(pointsOf([quarter], claim([line("cam1", 1)], { saleDate: "2025-07-01" }))).toBe(0);
    expect(pointsOf([rule("off", "per_unit", { points: 10, active: false })], claim([line("cam1", 1)]))).toBe(0);
  });

  it("writes money in the currency's own digits", () => {
    expect(formatMoney(45_000, "USD")).toBe("450.00 USD");
    expect(formatMoney(45_000, "JPY")).toBe("45000 JPY");
  });
});
