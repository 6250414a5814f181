// Month figures for the scorecard arithmetic's unit tests (scorecard-math.test.ts, health.test.ts).
import type { MonthFigures, ScorecardSettings } from "./scorecard.types.js";

/** A month with nothing sold, nothing spent and every optional source not measured. */
export function monthOf(month: string, figures: Partial<MonthFigures> = {}): MonthFigures {
  return {
    partnerId: "p1",
    month,
    tierId: "silver",
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

export const settings: ScorecardSettings = {
  currency: "EUR",
  healthWeights: { return_on_resources: 30, growth: 20, engagement: 20, certification: 10, support_within_allowance: 20 },
  healthThreshold: 50,
  targetReturnPercent: 300,
};
