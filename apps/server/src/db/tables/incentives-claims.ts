import type { Timestamp } from "./timestamp.js";

// Incentive rules (versioned), sales claims and their review (migration 0011, docs/incentives.md).

/** per_unit and per_revenue are base rules (the most specific one applies per line); the rest come on top. */
export type IncentiveRuleKind = "per_unit" | "per_revenue" | "multiplier" | "launch_bonus";

export type ClaimStatus = "pending" | "approved" | "rejected" | "reversed";

/** One version of a rule. Editing a rule closes the current version (effective_to = now) and adds the next. */
export interface IncentiveRuleVersionTable {
  rule_id: string;
  version: number;
  name: string;
  kind: IncentiveRuleKind;
  /** The product the rule is about; null with family_id null: every product. */
  product_id: string | null;
  family_id: string | null;
  /** per_unit: points per unit; per_revenue: points per revenue step; launch_bonus: the bonus; multiplier: 0. */
  points: number;
  /** per_revenue: points are earned per this many minor units of net amount. */
  revenue_step_minor: number | null;
  /** per_revenue: only lines in this currency count. */
  currency: string | null;
  /** multiplier: 200 = double points. */
  multiplier_percent: number | null;
  /** The promotion's dates (YYYY-MM-DD, inclusive), compared with the sale date; null: open. */
  starts_on: string | null;
  ends_on: string | null;
  /** JSON arrays; empty: everyone. Alternatives within one, narrowing across them. */
  tier_ids: string;
  regions: string;
  partner_roles: string;
  /** Points one rep may earn from this rule per calendar month of sale; null: no cap. */
  monthly_cap_points: number | null;
  active: number;
  effective_from: Timestamp;
  effective_to: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface IncentiveClaimTable {
  id: string;
  partner_id: string;
  /** The rep who earns the points. */
  user_id: string;
  /** Who filed it: the rep, or its partner admin (by hand or by CSV). */
  submitted_by: string;
  invoice_number: string;
  /** The sale date, YYYY-MM-DD. */
  invoice_date: string;
  /** YYYY-MM of invoice_date: caps and revenue count by the month of sale. */
  sale_month: string;
  end_customer: string;
  status: ClaimStatus;
  /** The score (final once approved). */
  points: number;
  auto_approved: number;
  ledger_transaction_id: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  /** Why it was rejected (or the reviewer's note on approval). */
  decision_reason: string | null;
  reversed_by: string | null;
  reversed_at: Timestamp | null;
  reversal_reason: string | null;
  reversal_transaction_id: string | null;
  /** Points actually taken back at reversal; the rest (shortfall) is owed (incentive_points_owed). */
  reversed_points: number | null;
  shortfall_points: number | null;
  invoice_key: string | null;
  invoice_content_type: string | null;
  invoice_file_name: string | null;
  invoice_size: number | null;
  /** The CSV import that filed it, if any. */
  import_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncentiveClaimLineTable {
  claim_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  /** Net selling price of one unit, in minor units of `currency`. */
  unit_net_minor: number;
  currency: string;
}

/** One row per claimed unit. active = 0 once the claim is rejected, which frees the serial. */
export interface IncentiveClaimSerialTable {
  claim_id: string;
  line_no: number;
  position: number;
  product_id: string;
  serial: string;
  active: number;
}

/** The score, line by line: which rule version gave how many points for what, and why. */
export interface IncentiveClaimScoreLineTable {
  claim_id: string;
  seq: number;
  rule_id: string;
  version: number;
  rule_name: string;
  product_id: string;
  units: number;
  points: number;
  why: string;
}

/** A launch bonus is paid once per rule and product: the first approved claim containing the product. */
export interface IncentiveLaunchGrantTable {
  rule_id: string;
  product_id: string;
  claim_id: string;
  created_at: Timestamp;
}

/** Points a reversal could not take back (the rep had spent them), recovered from the rep's next approved claims. */
export interface IncentivePointsOwedTable {
  id: string;
  user_id: string;
  partner_id: string;
  claim_id: string;
  points_owed: number;
  points_recovered: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Approved claims' net amounts per partner, month of sale and currency, kept on approval and reversal. */
export interface IncentiveClaimRevenueMonthTable {
  partner_id: string;
  month: string;
  currency: string;
  net_minor: number;
  claims: number;
}
