import { describe, expect, it } from "vitest";
import { decisionProblems } from "./decision.form";
import { flagFigures } from "./labels";
import { currencyDigits, minorToInput, parseMajor, toMajor } from "./money";
import { formatPlanValue, parsePlanValue, planValueInput } from "./plan-values";

const cut = { noticeOn: "2026-12-01", reduceOn: "2027-01-01", endOn: "2027-02-01" };

describe("money in the currency's own minor units", () => {
  it("knows the decimals of EUR, JPY and KWD", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
  });

  it("parses what a person types into minor units, refusing extra decimals", () => {
    expect(parseMajor("1250.5", "EUR")).toBe(125050);
    expect(parseMajor("1250.50", "EUR")).toBe(125050);
    expect(parseMajor("-3.25", "EUR")).toBe(-325);
    expect(parseMajor("1500.555", "EUR")).toBeNull();
    expect(parseMajor("1500", "JPY")).toBe(1500);
    expect(parseMajor("15.5", "JPY")).toBeNull();
    expect(parseMajor("1.234", "KWD")).toBe(1234);
    expect(parseMajor("12,00", "EUR")).toBeNull();
  });

  it("turns minor units back into major units and input text", () => {
    expect(toMajor(125050, "EUR")).toBe(1250.5);
    expect(toMajor(1500, "JPY")).toBe(1500);
    expect(minorToInput(125050, "EUR")).toBe("1250.50");
    expect(minorToInput(1234, "KWD")).toBe("1.234");
  });
});

describe("plan item values by unit", () => {
  it("parses money, hours (hundredths) and counts", () => {
    expect(parsePlanValue("400000", "money", "EUR")).toBe(40_000_000);
    expect(parsePlanValue("12.5", "hours", "EUR")).toBe(1250);
    expect(parsePlanValue("12.555", "hours", "EUR")).toBeNull();
    expect(parsePlanValue("4", "count", "EUR")).toBe(4);
    expect(parsePlanValue("4.5", "count", "EUR")).toBeNull();
    expect(parsePlanValue("-1", "count", "EUR")).toBeNull();
    expect(parsePlanValue("", "money", "EUR")).toBeNull();
  });

  it("round-trips the stored integer to input text", () => {
    expect(planValueInput(1250, "hours", "EUR")).toBe("12.5");
    expect(planValueInput(40_000_000, "money", "EUR")).toBe("400000.00");
    expect(planValueInput(null, "count", "EUR")).toBe("");
    expect(formatPlanValue(1250, "hours", "EUR")).toContain("12.5");
  });
});

describe("the decision form's checks", () => {
  it("asks a fix for a reason, a review date and complete actions", () => {
    const errors = decisionProblems("fix", " ", "", [{ side: "partner", title: "", owner: "Ana", dueOn: "" }], cut);
    expect(errors.reason).toBeDefined();
    expect(errors.reviewOn).toBeDefined();
    expect(errors["actions.0.title"]).toBeDefined();
    expect(errors["actions.0.owner"]).toBeUndefined();
    expect(errors["actions.0.dueOn"]).toBeDefined();
  });

  it("refuses a fix without actions and accepts a complete one", () => {
    expect(decisionProblems("fix", "Too much support", "2027-01-01", [], cut).actions).toBeDefined();
    const ok = decisionProblems(
      "fix",
      "Too much support",
      "2027-01-01",
      [{ side: "vendor", title: "Workshop", owner: "Maria", dueOn: "2026-12-15" }],
      cut,
    );
    expect(Object.values(ok).filter(Boolean)).toEqual([]);
  });

  it("needs no review date or actions for a cut, but its three dates", () => {
    expect(Object.values(decisionProblems("cut", "Dormant", "", [], cut)).filter(Boolean)).toEqual([]);
    const errors = decisionProblems("cut", "Dormant", "", [], { ...cut, endOn: "" });
    expect(errors["cut.endOn"]).toBeDefined();
    expect(errors.reviewOn).toBeUndefined();
  });
});

describe("flag figures in words", () => {
  it("says the money behind a negative net contribution", () => {
    const text = flagFigures(
      "net_negative",
      { fromMonth: "2026-08", toMonth: "2026-10", marginMinor: 3_110_450, resourcesMinor: 4_902_931, netContributionMinor: -1_792_481 },
      "EUR",
    );
    expect(text).toContain("31,104.50");
    expect(text).toContain("49,029.31");
    expect(text).toContain("-€17,924.81");
  });

  it("says hours against the allowance, and survives missing figures", () => {
    expect(flagFigures("support_over_allowance", { month: "2026-10", supportHours: 45.6, allowanceHours: 20 }, "EUR")).toMatch(/45\.6 h.*20 h/);
    expect(flagFigures("health_low", {}, "EUR")).toContain("—");
  });
});
