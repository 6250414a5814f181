import { describe, expect, it } from "vitest";
import type { RelationshipSettings } from "../../api/relationships-types";
import { capacityStatement } from "./capacity.text";
import {
  breakEvenSegment,
  bubbleRadius,
  centroid,
  clipHalfPlane,
  linear,
  niceDomain,
  niceStep,
  plotDomains,
  polygonArea,
  quadrantRegions,
} from "./portfolio-geometry";
import { formErrorsOf, marginBpsOf, settingsInputOf, settingsValues, weightShares } from "./settings.form";
import { parseAdditions, whatIfInput } from "./what-if.form";

describe("portfolio geometry", () => {
  it("picks 1, 2, 2.5 or 5 steps", () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(10, 4)).toBe(2.5);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0, 5)).toBe(1);
    expect(niceStep(480_000, 5)).toBe(100_000);
  });

  it("widens a domain to whole steps and lists the ticks", () => {
    expect(niceDomain(0, 93)).toEqual({ domain: { min: 0, max: 100 }, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceDomain(-12, 37).ticks).toEqual([-20, -10, 0, 10, 20, 30, 40]);
    // A single value still gets a span.
    expect(niceDomain(0, 0).domain).toEqual({ min: 0, max: 1 });
    expect(niceDomain(0.1, 0.3).ticks.every((t) => String(t).length <= 4)).toBe(true);
  });

  it("starts both axes at 0 and keeps the median and the furthest point inside", () => {
    const { x, y } = plotDomains(
      [
        { x: 500, y: 1200 },
        { x: 2000, y: -300 },
      ],
      800,
    );
    expect(x.domain.min).toBe(0);
    expect(x.domain.max).toBeGreaterThanOrEqual(2000);
    expect(y.domain.min).toBeLessThan(-300);
    expect(y.domain.max).toBeGreaterThanOrEqual(1200);
    // No partner at all: a unit plot, not a NaN.
    expect(plotDomains([], 0).x.domain).toEqual({ min: 0, max: 1 });
  });

  it("maps a domain onto pixels, flipped for a y axis", () => {
    const y = linear({ min: 0, max: 100 }, 300, 0);
    expect(y(0)).toBe(300);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(225);
  });

  it("sizes bubbles by area, the smallest for no revenue", () => {
    expect(bubbleRadius(0, 100)).toBe(5);
    expect(bubbleRadius(-50, 100)).toBe(5);
    expect(bubbleRadius(100, 100)).toBe(22);
    expect(bubbleRadius(25, 100)).toBeCloseTo(5 + 17 * 0.5);
  });

  it("clips a polygon to a half-plane", () => {
    const square = [
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 2 },
      { x: 0, y: 2 },
    ];
    const left = clipHalfPlane(square, -1, 0, 1); // x <= 1
    expect(polygonArea(left)).toBeCloseTo(2);
    expect(centroid(left)).toEqual({ x: 0.5, y: 1 });
    expect(clipHalfPlane(square, -1, 0, -5)).toEqual([]);
    expect(centroid([])).toBeNull();
  });

  it("splits the plot by the break-even diagonal and the resources median into the server's quadrants", () => {
    const x = { min: 0, max: 100 };
    const y = { min: -50, max: 150 };
    const regions = quadrantRegions(x, y, 40);
    const total = Object.values(regions).reduce((sum, polygon) => sum + polygonArea(polygon), 0);
    expect(total).toBeCloseTo(100 * 200);
    // Invest: x in [0, 40], y from x to 150: 40*150 - 40*40/2.
    expect(polygonArea(regions.invest)).toBeCloseTo(40 * 150 - 800);
    // Fix: x in [40, 100], y from -50 to x: trapezoid (90 + 150) / 2 * 60.
    expect(polygonArea(regions.fix)).toBeCloseTo(7200);
    const investCentre = centroid(regions.invest);
    expect(investCentre && investCentre.y > investCentre.x && investCentre.x < 40).toBe(true);
    const cutCentre = centroid(regions.cut);
    expect(cutCentre && cutCentre.y < cutCentre.x && cutCentre.x < 40).toBe(true);
  });

  it("draws the break-even line only where it crosses the plot", () => {
    expect(breakEvenSegment({ min: 0, max: 100 }, { min: -50, max: 60 })).toEqual([
      { x: 0, y: 0 },
      { x: 60, y: 60 },
    ]);
    expect(breakEvenSegment({ min: 200, max: 300 }, { min: 0, max: 100 })).toBeNull();
  });
});

describe("what-if additions", () => {
  it("turns typed rows into the request, skipping blank rows", () => {
    const { additions, errors } = parseAdditions(
      [
        { key: "a", label: " New reseller ", monthlyHours: "12.5", netContribution: "-1,500.25" },
        { key: "b", label: "", monthlyHours: "", netContribution: "" },
        { key: "c", label: "Small one", monthlyHours: 3, netContribution: 20000 },
      ],
      "EUR",
    );
    expect(errors).toEqual({});
    expect(additions).toEqual([
      { label: "New reseller", monthlyHours: 12.5, netContributionMinor: -150025 },
      { label: "Small one", monthlyHours: 3, netContributionMinor: 2_000_000 },
    ]);
  });

  it("names each bad input of a row and leaves the row out", () => {
    const { additions, errors } = parseAdditions(
      [
        { key: "a", label: "", monthlyHours: "-1", netContribution: "lots" },
        { key: "b", label: "Fine", monthlyHours: "20000", netContribution: "10" },
      ],
      "EUR",
    );
    expect(additions).toEqual([]);
    expect(Object.keys(errors.a ?? {}).sort()).toEqual(["label", "monthlyHours", "netContribution"]);
    expect(Object.keys(errors.b ?? {})).toEqual(["monthlyHours"]);
  });

  it("reads money in the currency's own decimals", () => {
    const row = { key: "a", label: "Tokyo", monthlyHours: "4", netContribution: "125000" };
    expect(parseAdditions([row], "JPY").additions[0]?.netContributionMinor).toBe(125_000);
    expect(parseAdditions([row], "KWD").additions[0]?.netContributionMinor).toBe(125_000_000);
  });

  it("sends each cut partner once", () => {
    expect(whatIfInput(["p2", "p1", "p2"], [])).toEqual({ cut: ["p1", "p2"], add: [] });
  });
});

const settings: RelationshipSettings = {
  currency: "EUR",
  defaultMarginBps: 3000,
  channelManagerCostPerHourMinor: 8500,
  healthWeights: { return_on_resources: 40, growth: 20, engagement: 20, certification: 10, support_within_allowance: 10 },
  healthThreshold: 50,
  netWindowMonths: 3,
  targetReturnPercent: 300,
  supportHoursAvailable: 320,
  channelManagerHoursAvailable: 160,
  hoursPerPartner: null,
  partnerScorecardsVisible: false,
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("relationship settings form", () => {
  it("round-trips the settings through the typed values", () => {
    const { input, errors } = settingsInputOf(settingsValues(settings));
    expect(errors).toEqual({});
    const { updatedAt: _ignored, ...rest } = settings;
    expect(input).toEqual(rest);
  });

  it("converts percent, money and hours, blank hours meaning measured", () => {
    const values = { ...settingsValues(settings), defaultMarginPercent: "35.25", channelManagerCostPerHour: "92.5", hoursPerPartner: "7.5" };
    const { input } = settingsInputOf(values);
    expect(input?.defaultMarginBps).toBe(3525);
    expect(input?.channelManagerCostPerHourMinor).toBe(9250);
    expect(input?.hoursPerPartner).toBe(7.5);
    expect(settingsInputOf({ ...values, hoursPerPartner: " " }).input?.hoursPerPartner).toBeNull();
  });

  it("types the cost per hour in the currency's own decimals", () => {
    const yen = { ...settings, currency: "JPY", channelManagerCostPerHourMinor: 9000 };
    expect(settingsValues(yen).channelManagerCostPerHour).toBe(9000);
    expect(settingsInputOf(settingsValues(yen)).input?.channelManagerCostPerHourMinor).toBe(9000);
    expect(settingsInputOf({ ...settingsValues(yen), channelManagerCostPerHour: "90.5" }).errors.channelManagerCostPerHour).toBeDefined();
  });

  it("refuses what the server would, by input", () => {
    const { input, errors } = settingsInputOf({
      ...settingsValues(settings),
      currency: "euro",
      healthThreshold: "101",
      netWindowMonths: "1.5",
      defaultMarginPercent: "12.345",
      hoursPerPartner: "0",
    });
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(["currency", "defaultMarginPercent", "healthThreshold", "hoursPerPartner", "netWindowMonths"]);
    const zero = settingsInputOf({
      ...settingsValues(settings),
      return_on_resources: 0,
      growth: 0,
      engagement: 0,
      certification: 0,
      support_within_allowance: 0,
    });
    expect(zero.errors.return_on_resources).toMatch(/at least one/i);
  });

  it("shows each weight's share of the total", () => {
    expect(weightShares(settings.healthWeights)).toEqual({
      return_on_resources: 40,
      growth: 20,
      engagement: 20,
      certification: 10,
      support_within_allowance: 10,
    });
    const thirds = weightShares({ return_on_resources: 1, growth: 1, engagement: 1, certification: 0, support_within_allowance: "" });
    expect(thirds.growth).toBe(33.3);
    expect(thirds.certification).toBe(0);
  });

  it("puts the server's field errors on the inputs", () => {
    expect(formErrorsOf({ "healthWeights.growth": "too big", defaultMarginBps: "bad", healthThreshold: "no", "x.y": "?" })).toEqual({
      growth: "too big",
      defaultMarginPercent: "bad",
      healthThreshold: "no",
    });
  });

  it("reads a family margin, blank meaning the default", () => {
    expect(marginBpsOf("")).toBeNull();
    expect(marginBpsOf("42.5")).toBe(4250);
    expect(marginBpsOf("-5")).toBe(-500);
    expect(marginBpsOf("101")).toBeUndefined();
    expect(marginBpsOf("abc")).toBeUndefined();
  });
});

describe("capacity statement", () => {
  const base = { hoursAvailable: 480, hoursPerPartner: 60, partnersSupportable: 8 };

  it("says plainly when the team is over capacity, and what each partner gets", () => {
    const said = capacityStatement({ ...base, activePartners: 12, overBy: 4 });
    expect(said.headline).toBe("Your team can support 8 partners well; you have 12.");
    expect(said.detail).toContain("4 partners more");
    expect(said.detail).toContain("40 h a month against the 60 h");
    expect(said.tone).toBe("over");
  });

  it("says when there is room, and speaks of a what-if in the conditional", () => {
    const said = capacityStatement({ ...base, activePartners: 7, overBy: -1 }, true);
    expect(said.headline).toBe("Your team can support 8 partners well; you would have 7.");
    expect(said.detail).toContain("room for 1 more partner ");
    expect(said.tone).toBe("under");
    expect(capacityStatement({ ...base, activePartners: 8, overBy: 0 }).tone).toBe("at");
  });
});
