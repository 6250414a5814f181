// Partner relationships as the API answers: scorecards, the portfolio, capacity and what-if,
// flags, settings, family margins and cost lines (apps/server/src/features/scorecards: *.schemas.ts
// and scorecard.types.ts). Decisions and the timeline, business plans and sell-through are in their
// own files beside this one. Money is integer minor units of the
// reporting currency; `null` means "not measured", never zero.

export type ScorecardPeriod = "month" | "quarter" | "t12";
export type PortfolioQuadrant = "invest" | "maintain" | "fix" | "cut";
export type FlagRule = "net_negative" | "health_low" | "support_over_allowance";
export type HealthComponentName = "return_on_resources" | "growth" | "engagement" | "certification" | "support_within_allowance";
export type HealthWeights = Record<HealthComponentName, number>;
export type ResourceCategory = "support" | "incentives" | "training" | "marketing_funds" | "channel_manager" | "other";
export type ScorecardSource = "sell_through" | "claims" | "support" | "incentives" | "training" | "cost_lines" | "news" | "library" | "logins";

export interface ResourceLine {
  category: ResourceCategory;
  /** null: the source is not measured. */
  amountMinor: number | null;
}

export interface Engagement {
  activeUsers: number | null;
  libraryUseShare: number | null;
  newsReadShare: number | null;
  certifiedStaff: number | null;
  logins: number | null;
}

export interface PeriodFigures {
  /** First and last month (YYYY-MM), inclusive. */
  fromMonth: string;
  toMonth: string;
  revenueMinor: number;
  marginMinor: number;
  resources: ResourceLine[];
  resourcesMinor: number;
  netContributionMinor: number;
  /** margin / resources; null when resources are 0. */
  returnOnResources: number | null;
  supportMinutes: number | null;
  supportAllowanceMinutes: number | null;
  supportMinutesAgainstAllowance: number | null;
  channelManagerHoursHundredths: number;
  engagement: Engagement;
}

export interface HealthComponent {
  name: HealthComponentName;
  weight: number;
  /** 0..1; null when not measured (its weight is spread over the others). */
  score: number | null;
  /** Percent of the total actually applied (sums to 100 over the measured components). */
  appliedWeightPercent: number;
  basis: string;
}

export interface Scorecard {
  partnerId: string;
  currency: string;
  tierId: string | null;
  period: PeriodFigures;
  prior: PeriodFigures;
  revenueGrowth: number | null;
  marginGrowth: number | null;
  health: { score: number | null; components: HealthComponent[] };
  quadrant: PortfolioQuadrant;
  tierChanges: { month: string; tierId: string | null }[];
}

export interface TrendPoint {
  month: string;
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
  netContributionMinor: number;
  supportMinutes: number | null;
}

export interface PartnerFlag {
  id: string;
  rule: FlagRule;
  status: string;
  raisedOn: string;
  figures: Record<string, unknown>;
}

export interface PartnerScorecard {
  partner: {
    id: string;
    name: string;
    tierId: string | null;
    tierName: string | null;
    status: string;
    channelManagerName: string | null;
  };
  scorecard: Scorecard;
  /** 24 months, oldest first. */
  trend: TrendPoint[];
  /** 0..100 among the current tier's peers. */
  percentile: number | null;
  peers: number;
  flags: PartnerFlag[];
  refreshedAt: string | null;
  sources: { source: ScorecardSource; measured: boolean }[];
}

export interface PortfolioPartner {
  partnerId: string;
  name: string;
  tierId: string | null;
  tierName: string | null;
  status: string;
  channelManagerId: string | null;
  channelManagerName: string | null;
  revenueMinor: number;
  marginMinor: number;
  resourcesMinor: number;
  netContributionMinor: number;
  returnOnResources: number | null;
  healthScore: number | null;
  quadrant: PortfolioQuadrant;
  openFlags: FlagRule[];
  decision: { id: string; kind: string; status: string; reviewOn: string | null } | null;
}

export interface Portfolio {
  period: ScorecardPeriod;
  endMonth: string;
  currency: string;
  refreshedAt: string | null;
  /** Sources whose money is kept in another currency: their cost is not measured. */
  otherCurrencies: { source: "support" | "incentives"; currency: string }[];
  thresholds: { marginMedianMinor: number; resourcesMedianMinor: number };
  quadrantCounts: Record<PortfolioQuadrant, number>;
  partners: PortfolioPartner[];
}

export interface CapacityModel {
  hoursAvailable: number;
  hoursPerPartner: number;
  hoursPerPartnerSource: "set" | "measured";
  partnersSupportable: number;
  activePartners: number;
  hoursUsed: number;
  /** activePartners - partnersSupportable (positive: over capacity). */
  overBy: number;
}

export interface CapacityPartner {
  partnerId: string;
  name: string;
  tierName: string | null;
  monthlyHours: number;
  healthScore: number | null;
  netContributionMinor: number;
  quadrant: PortfolioQuadrant;
}

export interface CapacityView extends CapacityModel {
  supportHoursAvailable: number;
  channelManagerHoursAvailable: number;
  partners: CapacityPartner[];
}

export interface WhatIfAddition {
  label: string;
  monthlyHours: number;
  netContributionMinor: number;
}

export interface WhatIfInput {
  cut: string[];
  add: WhatIfAddition[];
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

export interface RelationshipFlag {
  id: string;
  partnerId: string;
  partnerName: string;
  rule: FlagRule;
  status: string;
  raisedOn: string;
  figures: Record<string, unknown>;
  notifiedAt: string | null;
  clearedAt: string | null;
}

export interface FlagList {
  items: RelationshipFlag[];
}

export interface RefreshResult {
  partners: number;
  months: number;
  ms: number;
}

export interface EvaluationResult {
  today: string;
  partners: number;
  raised: number;
  cleared: number;
  open: number;
  refreshMs: number;
  ms: number;
}

export interface RelationshipSettings {
  currency: string;
  defaultMarginBps: number;
  channelManagerCostPerHourMinor: number;
  healthWeights: HealthWeights;
  healthThreshold: number;
  netWindowMonths: number;
  targetReturnPercent: number;
  supportHoursAvailable: number;
  channelManagerHoursAvailable: number;
  /** null: measured from the best-performing partners. */
  hoursPerPartner: number | null;
  partnerScorecardsVisible: boolean;
  updatedAt: string;
}
export type RelationshipSettingsInput = Partial<Omit<RelationshipSettings, "updatedAt">>;

export interface FamilyMargin {
  familyId: string;
  familyName: string;
  /** Basis points (3500 = 35 %); null: the default applies. */
  marginBps: number | null;
  effectiveMarginBps: number;
  updatedAt: string | null;
}

export interface MarginsView {
  currency: string;
  defaultMarginBps: number;
  families: FamilyMargin[];
}

export interface MarginsInput {
  margins: { familyId: string; marginBps: number | null }[];
}

export type CostCategory = "marketing_funds" | "channel_manager" | "training" | "other";
export type CostLineSource = "manual" | "csv" | "api";

interface Person {
  id: string;
  name: string;
}

export interface CostLine {
  id: string;
  partnerId: string;
  spentOn: string;
  category: CostCategory;
  label: string;
  amountMinor: number;
  /** The amount as people read it, in the currency's own decimals. */
  amount: string;
  currency: string;
  hoursHundredths: number | null;
  hours: number | null;
  purpose: string;
  source: CostLineSource;
  createdBy: Person | null;
  createdAt: string;
  /** Set when voided: the line stays listed and leaves the figures. */
  voided: { at: string; by: Person | null; reason: string } | null;
}

export interface CostLineInput {
  spentOn: string;
  category: CostCategory;
  label?: string;
  /** A decimal in the reporting currency, e.g. "1250.50"; optional for channel_manager (hours x cost/hour). */
  amount?: string;
  /** Decimal hours: required for channel_manager, instructor hours for training. */
  hours?: string;
  purpose: string;
  currency?: string;
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface CostImportResult {
  mode: "preview" | "apply";
  rows: number;
  currency: string;
  errors: ImportRowError[];
  lines: {
    row: number;
    id: string | null;
    partnerId: string;
    partnerName: string;
    spentOn: string;
    category: CostCategory;
    label: string;
    amountMinor: number;
    hoursHundredths: number | null;
    purpose: string;
  }[];
  totalMinor: number;
}
