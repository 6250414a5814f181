import { describe, expect, it } from "vitest";
import { capacityModel, whatIf } from "./capacity.js";
import type { CapacityInput } from "./scorecard.types.js";

const partner = (partnerId: string, monthlyHours: number, healthScore: number | null, active = true) => ({
  partnerId,
  monthlyHours,
  healthScore,
  active,
});

// Twelve active partners using 180 hours a month; p12 is new (no health yet); p13 is not active.
const partners: CapacityInput["partners"] = [
  partner("p01", 18, 90),
  partner("p02", 22, 85),
  partner("p03", 20, 80),
  partner("p04", 10, 75),
  partner("p05", 12.5, 70),
  partner("p06", 8, 65),
  partner("p07", 30, 40),
  partner("p08", 25, 30),
  partner("p09", 5, 60),
  partner("p10", 6, 55),
  partner("p11", 14, 50),
  partner("p12", 9.5, null),
  partner("p13", 40, 95, false),
];
const team = { supportHoursAvailable: 120, channelManagerHoursAvailable: 40 };
const setTo20: CapacityInput = { ...team, hoursPerPartnerSet: 20, partners };
const measured: CapacityInput = { ...team, hoursPerPartnerSet: null, partners };

const nets = [
  ["p01", 90_000],
  ["p02", 80_000],
  ["p03", 70_000],
  ["p04", 20_000],
  ["p05", 15_000],
  ["p06", 10_000],
  ["p07", -50_000],
  ["p08", -20_000],
  ["p09", 5_000],
  ["p10", 2_000],
  ["p11", -1_000],
  ["p13", 1_000_000],
].map(([partnerId, netContributionMinor]) => ({ partnerId: String(partnerId), netContributionMinor: Number(netContributionMinor) }));

describe("capacityModel", () => {
  it("divides the hours available by the hours the vendor set per partner", () => {
    expect(capacityModel(setTo20)).toEqual({
      hoursAvailable: 160,
      hoursPerPartner: 20,
      hoursPerPartnerSource: "set",
      partnersSupportable: 8,
      activePartners: 12,
      hoursUsed: 180,
      overBy: 4,
    });
  });

  it("measures the hours per partner from the best quarter of active partners by health", () => {
    // 11 scored active partners -> the best 3 (p01 18 h, p02 22 h, p03 20 h) -> median 20 h; p13 (95) is not active.
    expect(capacityModel(measured)).toEqual({
      hoursAvailable: 160,
      hoursPerPartner: 20,
      hoursPerPartnerSource: "measured",
      partnersSupportable: 8,
      activePartners: 12,
      hoursUsed: 180,
      overBy: 4,
    });
  });

  it("takes ceil(n / 4) best partners, ties broken by id, and the mean of two middle values", () => {
    const five = [partner("e", 40, 10), partner("b", 13, 80), partner("a", 10, 80), partner("c", 50, 20), partner("d", 2, 30)];
    // Best 2 of 5: a and b (both 80) -> (10 + 13) / 2 = 11.5 h -> floor(160 / 11.5) = 13.
    const model = capacityModel({ ...team, hoursPerPartnerSet: null, partners: five });
    expect(model.hoursPerPartner).toBe(11.5);
    expect(model.partnersSupportable).toBe(13);
    expect(model.overBy).toBe(-8);
    // With three tied at 80, the id decides: a and b stay the best two.
    const tied = capacityModel({ ...team, hoursPerPartnerSet: null, partners: [...five, partner("z", 100, 80)] });
    expect(tied.hoursPerPartner).toBe(11.5);
  });

  it("falls back to the median of all active partners when none has a health score", () => {
    const unscored = [partner("a", 4, null), partner("b", 9, null), partner("c", 6, null), partner("d", 1, 99, false)];
    expect(capacityModel({ ...team, hoursPerPartnerSet: null, partners: unscored })).toMatchObject({
      hoursPerPartner: 6,
      partnersSupportable: 26,
      activePartners: 3,
      hoursUsed: 19,
      overBy: -23,
    });
  });

  it("does not limit the roster when a partner needs 0 hours", () => {
    expect(capacityModel({ ...setTo20, hoursPerPartnerSet: 0 })).toMatchObject({ hoursPerPartner: 0, partnersSupportable: 12, overBy: 0 });
    expect(capacityModel({ ...team, hoursPerPartnerSet: null, partners: [] })).toMatchObject({
      hoursPerPartner: 0,
      partnersSupportable: 0,
      overBy: 0,
    });
  });

  it("divides hours in whole hundredths (0.3 h / 0.1 h is 3 partners, not 2.999...)", () => {
    const model = capacityModel({ supportHoursAvailable: 0.2, channelManagerHoursAvailable: 0.1, hoursPerPartnerSet: 0.1, partners: [] });
    expect(model.hoursAvailable).toBe(0.3);
    expect(model.partnersSupportable).toBe(3);
  });
});

describe("whatIf", () => {
  it("cuts two partners and adds one", () => {
    const result = whatIf(
      { cut: ["p07", "p08", "p13", "unknown"], add: [{ label: "New gold reseller", monthlyHours: 15, netContributionMinor: 30_000 }] },
      setTo20,
      nets,
    );
    expect(result).toEqual({
      freedHoursPerMonth: 55,
      addedHoursPerMonth: 15,
      partnersAfter: 11,
      hoursPerPartnerAfter: 14.55, // 160 / 11
      // 90 + 80 + 70 + 20 + 15 + 10 - 50 - 20 + 5 + 2 - 1 thousand; p12 has no figure (0); p13 is not active.
      netContributionBeforeMinor: 221_000,
      netContributionAfterMinor: 321_000, // + 70 000 cut losses, + 30 000 added
      capacityAfter: {
        hoursAvailable: 160,
        hoursPerPartner: 20,
        hoursPerPartnerSource: "set",
        partnersSupportable: 8,
        activePartners: 11,
        hoursUsed: 140,
        overBy: 3,
      },
    });
  });

  it("re-measures the hours per partner over the remaining partners", () => {
    // Cutting p02 (85) makes the best 3 of 10 scored p01 18 h, p03 20 h, p04 10 h -> median 18 h -> floor(160 / 18) = 8.
    const result = whatIf({ cut: ["p02"], add: [] }, measured, nets);
    expect(result.capacityAfter).toMatchObject({ hoursPerPartner: 18, partnersSupportable: 8, activePartners: 11, overBy: 3 });
    expect(result.freedHoursPerMonth).toBe(22);
    expect(result.netContributionAfterMinor).toBe(141_000);
  });

  it("changes nothing for an empty what-if, and gives 0 hours per partner when none remains", () => {
    const none = whatIf({ cut: [], add: [] }, setTo20, nets);
    expect(none).toMatchObject({ freedHoursPerMonth: 0, addedHoursPerMonth: 0, partnersAfter: 12, hoursPerPartnerAfter: 13.33 });
    expect(none.netContributionAfterMinor).toBe(none.netContributionBeforeMinor);
    const all = whatIf({ cut: partners.map((p) => p.partnerId), add: [] }, setTo20, nets);
    expect(all).toMatchObject({ freedHoursPerMonth: 180, partnersAfter: 0, hoursPerPartnerAfter: 0, netContributionAfterMinor: 0 });
  });

  it("refuses a net contribution that is not whole minor units", () => {
    expect(() => whatIf({ cut: [], add: [{ label: "x", monthlyHours: 1, netContributionMinor: 0.5 }] }, setTo20, nets)).toThrow(RangeError);
  });
});
