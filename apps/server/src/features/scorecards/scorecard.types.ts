import type { PortfolioQuadrant } from "../../db/types.js";

// The scorecard's shapes, shared by the pure arithmetic (scorecard-math.ts), the refresh that
// stores it, the routes that serve it and the web app (docs/relationships.md).

/** Money in minor units of the reporting currency. `null` everywhere means "not measured", never zero. */
export interface MonthFigures {
  partnerId: string;
  /** YYYY-MM. */
  month: string;
  /** The partner's tier in that month, as recorded by the refresh. */
  tierId: string | null;
  revenueMinor: number;
  marginMinor: number;
  sellThroughRevenueMinor: number;
  claimsRevenueMinor: number;
  units: number;
  supportMinutes: number | null;
  supportCostMinor: number | null;
  /** The tier's monthly support allowance that month; null: no allowance set. */
  supportAllowanceMinutes: number | null;
  incentivePoints: number | null;
  incentiveCostMinor: number | null;
  trainingCostMinor: number | null;
  marketingCostMinor: number;
  channelManagerCostMinor: number;
  channelManagerHoursHundredths: number;
  otherCostMinor: number;
  activeUsers: number | null;
  libraryUsers: number | null;
  newsReaders: number | null;
  certifiedStaff: number | null;
  logins: number | null;
}

export type HealthComponentName = "return_on_resources" | "growth" | "engagement" | "certification" | "support_within_allowance";

export type HealthWeights = Record<HealthComponentName, number>;

export interface ScorecardSettings {
  currency: string;
  healthWeights: HealthWeights;
  /** A partner whose health is below this is flagged. */
  healthThreshold: number;
  /** Return on resources (margin / resources) that scores full marks, in percent (300 = 3x). */
  targetReturnPercent: number;
}

export type ResourceCategory = "support" | "incentives" | "training" | "marketing_funds" | "channel_manager" | "other";

export interface ResourceLine {
  category: ResourceCategory;
  /** null: the source is not measured (no such feature yet). */
  amountMinor: number | null;
}

export interface HealthComponent {
  name: HealthComponentName;
  /** The weight as configured. */
  weight: number;
  /** 0..1; null when the component is not measured (its weight is then spread over the others). */
  score: number | null;
  /** The weight actually applied after spreading, in percent of the total (sums to 100 over measured ones). */
  appliedWeightPercent: number;
  /** What the score was computed from, in words with numbers (e.g. "return 2.1x against a 3x target"). */
  basis: string;
}

export interface Engagement {
  /** Averages over the period's months; null = not measured. */
  activeUsers: number | null;
  libraryUseShare: number | null;
  newsReadShare: number | null;
  certifiedStaff: number | null;
  logins: number | null;
}

export interface PeriodFigures {
  /** First and last month, inclusive. */
  fromMonth: string;
  toMonth: string;
  revenueMinor: number;
  marginMinor: number;
  resources: ResourceLine[];
  /** Sum of the measured resource lines. */
  resourcesMinor: number;
  /** margin - resources. */
  netContributionMinor: number;
  /** margin / resources; null when resources are 0. */
  returnOnResources: number | null;
  supportMinutes: number | null;
  supportAllowanceMinutes: number | null;
  /** Support minutes of the months that recorded an allowance, to set against supportAllowanceMinutes; null when none did or support was not measured then. */
  supportMinutesAgainstAllowance: number | null;
  channelManagerHoursHundredths: number;
  engagement: Engagement;
}

export interface Scorecard {
  partnerId: string;
  currency: string;
  /** The tier in the period's latest month with figures; null when none recorded one. */
  tierId: string | null;
  period: PeriodFigures;
  prior: PeriodFigures;
  /** (revenue - prior revenue) / |prior revenue|; null when the prior period had no revenue. */
  revenueGrowth: number | null;
  marginGrowth: number | null;
  health: { score: number | null; components: HealthComponent[] };
  quadrant: PortfolioQuadrant;
  /** Months of the period in which the tier differed from the tier at its end (a mid-period change). */
  tierChanges: { month: string; tierId: string | null }[];
}

/** The portfolio's medians that split "high" from "low" (portfolioMedians in scorecard-math.ts). */
export interface QuadrantThresholds {
  marginMedian: number;
  resourcesMedian: number;
}

export interface TrendPoint {
  month: string;
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
  netContributionMinor: number;
  supportMinutes: number | null;
}

/** The capacity model: how many partners the vendor's hours can support well. */
export interface CapacityInput {
  supportHoursAvailable: number;
  channelManagerHoursAvailable: number;
  /** Hours a month a partner needs to be well supported; null: measure from the best partners. */
  hoursPerPartnerSet: number | null;
  /** Per partner, average monthly support + channel-manager hours over the period, and its health. */
  partners: { partnerId: string; monthlyHours: number; healthScore: number | null; active: boolean }[];
}

export interface CapacityModel {
  hoursAvailable: number;
  hoursPerPartner: number;
  hoursPerPartnerSource: "set" | "measured";
  /** floor(hoursAvailable / hoursPerPartner). */
  partnersSupportable: number;
  activePartners: number;
  /** Hours the active partners use a month today. */
  hoursUsed: number;
  /** activePartners - partnersSupportable (positive: over capacity). */
  overBy: number;
}

export interface WhatIfInput {
  cut: string[];
  /** Partners to add, described by the figures expected of them (e.g. a tier's median). */
  add: { label: string; monthlyHours: number; netContributionMinor: number }[];
}

export interface WhatIfResult {
  freedHoursPerMonth: number;
  addedHoursPerMonth: number;
  partnersAfter: number;
  hoursPerPartnerAfter: number;
  netContributionBeforeMinor: number;
  netContributionAfterMinor: number;
  capacityAfter: CapacityModel;
}
