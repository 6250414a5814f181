import type { Timestamp } from "./timestamp.js";

// Measuring partner relationships (migration 0013, docs/relationships.md).

export interface ProductFamilyMarginTable {
  family_id: string;
  /** Gross margin in basis points: 3500 = 35 %. */
  margin_bps: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type SellThroughSource = "csv" | "api";

export interface SellThroughBatchTable {
  id: string;
  partner_id: string;
  source: SellThroughSource;
  file_name: string | null;
  lines: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SellThroughLineTable {
  id: string;
  partner_id: string;
  batch_id: string;
  /** YYYY-MM-DD. */
  sale_date: string;
  product_id: string;
  family_id: string;
  /** Negative for a return. */
  quantity: number;
  /** Net amount of the line in minor units; negative for a refund. */
  net_minor: number;
  currency: string;
  /** Serial numbers, space separated; empty when none were reported. */
  serials: string;
  end_customer: string;
  created_at: Timestamp;
}

export interface SellThroughMonthTable {
  partner_id: string;
  /** YYYY-MM of the sale date. */
  month: string;
  family_id: string;
  revenue_minor: number;
  units: number;
  lines: number;
}

/** Fixed categories; "other" lines carry a label the vendor chooses. */
export type CostCategory = "marketing_funds" | "channel_manager" | "training" | "other";
export type CostLineSource = "manual" | "csv" | "api";

export interface PartnerCostLineTable {
  id: string;
  partner_id: string;
  /** YYYY-MM-DD. */
  spent_on: string;
  category: CostCategory;
  label: string;
  amount_minor: number;
  currency: string;
  /** Hours x 100 (channel-manager or instructor hours); null when the line is money only. */
  hours_hundredths: number | null;
  purpose: string;
  source: CostLineSource;
  created_by: string | null;
  created_at: Timestamp;
  voided_at: Timestamp | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface PartnerCostMonthTable {
  partner_id: string;
  month: string;
  category: CostCategory;
  amount_minor: number;
  hours_hundredths: number;
}

export interface RelationshipSettingsTable {
  id: string;
  currency: string;
  /** Margin applied to revenue known only from claims (no family split). */
  default_margin_bps: number;
  channel_manager_cost_per_hour_minor: number;
  /** JSON: { [component]: weight }. */
  health_weights: string;
  health_threshold: number;
  net_window_months: number;
  /** Return on resources (margin / resources) that scores full marks, in percent. */
  target_return_percent: number;
  support_hours_available: number;
  channel_manager_hours_available: number;
  /** Hours a month a partner needs to be well supported, x 100; null: measured from the best partners. */
  hours_per_partner_hundredths: number | null;
  partner_scorecards_visible: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** One partner-month of every figure; NULL = not measured (never zero). */
export interface PartnerMonthFiguresTable {
  partner_id: string;
  month: string;
  tier_id: string | null;
  revenue_minor: number;
  margin_minor: number;
  sell_through_revenue_minor: number;
  claims_revenue_minor: number;
  units: number;
  support_minutes: number | null;
  support_cost_minor: number | null;
  support_allowance_minutes: number | null;
  incentive_points: number | null;
  incentive_cost_minor: number | null;
  training_cost_minor: number | null;
  marketing_cost_minor: number;
  channel_manager_cost_minor: number;
  channel_manager_hours_hundredths: number;
  other_cost_minor: number;
  active_users: number | null;
  library_users: number | null;
  news_readers: number | null;
  certified_staff: number | null;
  logins: number | null;
  refreshed_at: Timestamp;
}

export type PortfolioQuadrant = "invest" | "maintain" | "fix" | "cut";

export interface PartnerScorecardTable {
  partner_id: string;
  end_month: string;
  tier_id: string | null;
  revenue_minor: number;
  margin_minor: number;
  resources_minor: number;
  net_minor: number;
  support_minutes: number;
  channel_manager_hours_hundredths: number;
  health_score: number | null;
  quadrant: PortfolioQuadrant;
  /** JSON of the computed trailing-twelve-month scorecard. */
  scorecard: string;
  refreshed_at: Timestamp;
}

/** The medians of the stored trailing-twelve-month cards ending with end_month (quadrant thresholds). */
export interface PortfolioMediansTable {
  end_month: string;
  partners: number;
  margin_median_minor: number;
  resources_median_minor: number;
  refreshed_at: Timestamp;
}

/** A partner's sums over the 23 closed months before end_month (JSON of ScorecardBase, scorecard-bases.service.ts). */
export interface ScorecardBaseTable {
  partner_id: string;
  end_month: string;
  sums: string;
  computed_at: Timestamp;
}

export type FlagRule = "net_negative" | "health_low" | "support_over_allowance";
export type FlagStatus = "open" | "cleared";

export interface RelationshipFlagTable {
  id: string;
  partner_id: string;
  rule: FlagRule;
  status: FlagStatus;
  /** YYYY-MM-DD of the evaluation that raised it. */
  raised_on: string;
  /** JSON: the figures behind the flag. */
  figures: string;
  notified_user_id: string | null;
  notified_at: Timestamp | null;
  cleared_at: Timestamp | null;
  created_at: Timestamp;
}

export type DecisionKind = "fix" | "watch" | "cut";
export type DecisionStatus = "open" | "closed";
export type CutStage = "notice" | "reduced" | "removed";

export interface RelationshipDecisionTable {
  id: string;
  partner_id: string;
  kind: DecisionKind;
  status: DecisionStatus;
  reason: string;
  review_on: string | null;
  /** The review date last reminded, so a reminder goes once per date. */
  reminded_for: string | null;
  notice_on: string | null;
  reduce_on: string | null;
  end_on: string | null;
  cut_stage: CutStage | null;
  outcome: string | null;
  outcome_reason: string | null;
  decided_by: string;
  decided_at: Timestamp;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

export type PlanSide = "vendor" | "partner";
export type ActionStatus = "open" | "done" | "missed";

export interface RelationshipActionTable {
  id: string;
  decision_id: string;
  partner_id: string;
  side: PlanSide;
  title: string;
  owner: string;
  due_on: string;
  status: ActionStatus;
  done_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RelationshipReviewTable {
  id: string;
  decision_id: string;
  partner_id: string;
  outcome: string;
  note: string;
  next_review_on: string | null;
  reviewed_by: string;
  reviewed_at: Timestamp;
}

export interface RelationshipTimelineTable {
  id: string;
  partner_id: string;
  at: Timestamp;
  kind: string;
  title: string;
  detail: string;
  actor_id: string | null;
  decision_id: string | null;
  flag_id: string | null;
}

export type BusinessPlanStatus = "draft" | "agreed" | "closed";
export type PlanItemStatus = "planned" | "in_progress" | "done" | "missed";
export type PlanItemUnit = "money" | "count" | "hours";

export interface BusinessPlanTable {
  id: string;
  partner_id: string;
  year: number;
  status: BusinessPlanStatus;
  notes: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BusinessPlanItemTable {
  id: string;
  plan_id: string;
  partner_id: string;
  side: PlanSide;
  kind: string;
  title: string;
  target_value: number;
  unit: PlanItemUnit;
  /** A figure that fills actual_value from real data; null: updated by hand. */
  measure: string | null;
  due_on: string;
  status: PlanItemStatus;
  actual_value: number | null;
  note: string;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
