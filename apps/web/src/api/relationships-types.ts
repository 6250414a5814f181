import type { businessPlanStatuses, PlanItemKind, PlanItemMeasure, planItemSides, planItemStatuses, planItemUnits } from "@trellis/shared";

// Partner relationships as the API answers: scorecards, the portfolio, capacity and what-if,
// flags, settings, family margins, cost lines, fix / watch / cut decisions, the timeline and
// joint business plans (apps/server/src/features/scorecards, sell-through, relationship-decisions,
// business-plans: *.schemas.ts and scorecard.types.ts). Money is integer minor units of the
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

export type DecisionKind = "fix" | "watch" | "cut";
export type ActionSide = "vendor" | "partner";
export type ActionStatus = "open" | "done" | "missed";
export type ReviewOutcome = "continue" | "improved" | "escalate" | "cut";
export type CloseOutcome = "resolved" | "withdrawn";
export type DecisionOutcome = "resolved" | "withdrawn" | "escalated" | "cut" | "completed";
export type CutStage = "notice" | "reduced" | "removed";

export interface DecisionAction {
  id: string;
  decisionId: string;
  side: ActionSide;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DecisionReview {
  id: string;
  decisionId: string;
  outcome: ReviewOutcome;
  note: string;
  nextReviewOn: string | null;
  reviewedBy: string;
  reviewedByName: string | null;
  reviewedAt: string;
}

export interface Decision {
  id: string;
  partnerId: string;
  kind: DecisionKind;
  status: "open" | "closed";
  reason: string;
  reviewOn: string | null;
  cut: { noticeOn: string; reduceOn: string; endOn: string; stage: CutStage } | null;
  outcome: DecisionOutcome | null;
  outcomeReason: string | null;
  decidedBy: string;
  decidedByName: string | null;
  decidedAt: string;
  closedBy: string | null;
  closedByName: string | null;
  closedAt: string | null;
  actions: DecisionAction[];
  reviews: DecisionReview[];
}

export interface ActionInput {
  side: ActionSide;
  title: string;
  owner: string;
  dueOn: string;
}

export interface DecisionInput {
  kind: DecisionKind;
  reason: string;
  /** Required for fix and watch. */
  reviewOn?: string;
  /** A fix needs at least one. */
  actions?: ActionInput[];
  /** Required for cut, refused otherwise. */
  cut?: { noticeOn: string; reduceOn: string; endOn: string };
}

export interface ReviewInput {
  outcome: ReviewOutcome;
  note: string;
  nextReviewOn?: string;
}

export interface CloseInput {
  outcome: CloseOutcome;
  reason: string;
}

export interface ReviewResult {
  review: DecisionReview;
  decision: Decision;
}

export interface TimelineEvent {
  id: string;
  at: string;
  kind: string;
  title: string;
  detail: string;
  actorId: string | null;
  actorName: string | null;
  decisionId: string | null;
  flagId: string | null;
}

export interface ReviewDue {
  decisionId: string;
  partnerId: string;
  partnerName: string;
  channelManagerId: string | null;
  channelManagerName: string | null;
  kind: DecisionKind;
  reviewOn: string;
  daysOverdue: number;
  reason: string;
}

export interface Offboarding {
  decision: Decision | null;
  settle: { openTickets: number; pendingClaims: number; openRedemptions: number };
}

export type BusinessPlanStatus = (typeof businessPlanStatuses)[number];
export type PlanItemSide = (typeof planItemSides)[number];
export type PlanItemStatus = (typeof planItemStatuses)[number];
export type PlanItemUnit = (typeof planItemUnits)[number];

export interface PlanFulfilment {
  items: number;
  done: number;
  doneShare: number | null;
  averageProgress: number | null;
  measuredItems: number;
  notMeasuredItems: number;
}

export interface PlanItem {
  id: string;
  side: PlanItemSide;
  kind: PlanItemKind;
  title: string;
  /** money: minor units; hours: hundredths of an hour; count: a number. */
  targetValue: number;
  unit: PlanItemUnit;
  measure: PlanItemMeasure | null;
  dueOn: string;
  status: PlanItemStatus;
  /** null: nothing entered, or not measured (never shown as 0). */
  actualValue: number | null;
  measured: boolean;
  source: "measured" | "manual" | "not_measured";
  basis: string;
  /** 0..1; null: not measured and nothing entered. */
  progress: number | null;
  note: string;
  updatedAt: string;
}

export interface BusinessPlan {
  id: string;
  partnerId: string;
  year: number;
  status: BusinessPlanStatus;
  notes: string;
  currency: string;
  items: PlanItem[];
  fulfilment: { vendor: PlanFulfilment; partner: PlanFulfilment };
  createdAt: string;
  updatedAt: string;
}

export interface BusinessPlanSummary {
  id: string;
  year: number;
  status: BusinessPlanStatus;
  items: number;
  updatedAt: string;
}

export interface PlanItemInput {
  side: PlanItemSide;
  kind: PlanItemKind;
  title: string;
  targetValue: number;
  unit: PlanItemUnit;
  /** Omitted: the kind's usual measure; null: kept by hand. */
  measure?: PlanItemMeasure | null;
  dueOn: string;
  note?: string;
}

export interface PlanInput {
  year: number;
  notes?: string;
  items?: PlanItemInput[];
}

export interface PlanPatch {
  status?: BusinessPlanStatus;
  notes?: string;
}

export interface PlanItemPatch {
  status?: PlanItemStatus;
  actualValue?: number | null;
  note?: string;
  title?: string;
  targetValue?: number;
  dueOn?: string;
}

// Sell-through (apps/server/src/features/sell-through/sell-through.schemas.ts).
export interface SellThroughLine {
  id: string;
  batchId: string;
  date: string;
  productId: string;
  sku: string;
  productName: string;
  familyId: string;
  familyName: string;
  /** Negative for a return. */
  quantity: number;
  netAmount: { amountMinor: number; currency: string };
  serials: string[];
  endCustomer: string;
  source: "csv" | "api";
  createdAt: string;
}

export interface SellThroughMonthSummary {
  month: string;
  revenueMinor: number;
  units: number;
  lines: number;
}

/** A sell-through import's preview or apply (and an API post's answer). */
export interface SellThroughRecordResult {
  mode: "preview" | "apply";
  /** null on a preview. */
  batchId: string | null;
  currency: string;
  rows: number;
  lines: number;
  errors: ImportRowError[];
  months: SellThroughMonthSummary[];
}
