import type { PartnerRole, RedemptionFulfilment, RedemptionStatus, RewardKind } from "@trellis/shared";
import type { Money } from "./types";

// The sales incentive program and rewards, as the API answers (apps/server/src/features/incentives
// and features/rewards, *.schemas.ts). Points are integers; money is minor units + currency.

export interface IncentiveSettings {
  /** Money value of 1,000 points in minor units (1000: one minor unit per point). */
  valueMinorPer1000Points: number;
  currency: string;
  expiryMonths: number;
  expiryWarningDays: number;
  claimWindowDays: number;
  /** 0: every claim is reviewed. */
  autoApproveUpToPoints: number;
  updatedAt: string;
}
export type IncentiveSettingsInput = Partial<Omit<IncentiveSettings, "updatedAt">>;

export interface RepBalance {
  userId: string;
  available: number;
  reserved: number;
  lifetimeEarned: number;
}

export const transactionKinds = [
  "claim_approved",
  "claim_reversed",
  "redemption_requested",
  "redemption_cancelled",
  "redemption_fulfilled",
  "expiry",
  "adjustment",
] as const;
export type TransactionKind = (typeof transactionKinds)[number];

export interface StatementLine {
  entryId: string;
  at: string;
  account: "available" | "reserved";
  /** Signed: + into the account, - out of it. */
  points: number;
  balanceAfter: number;
  transactionId: string;
  kind: TransactionKind;
  sourceType: string;
  sourceId: string;
  memo: string;
  reason: string | null;
}

export interface AdjustmentInput {
  userId: string;
  points: number;
  reason: string;
  approverId: string;
}

export interface AdjustmentResult {
  transactionId: string;
  userId: string;
  points: number;
  reason: string;
  approverId: string;
  balance: RepBalance;
}

/* Rules */

export const ruleKinds = ["per_unit", "per_revenue", "multiplier", "launch_bonus"] as const;
export type RuleKind = (typeof ruleKinds)[number];
export type ClaimingRole = Extract<PartnerRole, "partner_admin" | "sales_rep">;

export interface RuleEligibility {
  tierIds: string[];
  regions: string[];
  partnerRoles: ClaimingRole[];
}

export interface RuleFields {
  name: string;
  productId: string | null;
  familyId: string | null;
  points: number;
  revenueStep: Money | null;
  multiplierPercent: number | null;
  startsOn: string | null;
  endsOn: string | null;
  eligibility: RuleEligibility;
  monthlyCapPoints: number | null;
  active: boolean;
}

export interface RuleInput extends RuleFields {
  kind: RuleKind;
}
export type RulePatch = Partial<RuleFields>;

export interface Rule extends RuleFields {
  id: string;
  version: number;
  kind: RuleKind;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface RuleVersionSummary {
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdBy: { id: string; name: string } | null;
}

export interface RuleDetail extends Rule {
  versions: RuleVersionSummary[];
}

/* Claims */

export const claimStatuses = ["pending", "approved", "rejected", "reversed"] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

interface Person {
  id: string;
  name: string;
}

export interface ClaimLineInput {
  productId: string;
  quantity: number;
  unitNetAmount: Money;
  serials: string[];
}

export interface ClaimInput {
  repId?: string;
  invoiceNumber: string;
  invoiceDate: string;
  endCustomer: string;
  lines: ClaimLineInput[];
}

export interface ScoreLine {
  ruleId: string;
  version: number;
  ruleName: string;
  productId: string;
  units: number;
  points: number;
  why: string;
}

export interface ClaimSummary {
  id: string;
  partner: Person;
  rep: Person;
  invoiceNumber: string;
  invoiceDate: string;
  endCustomer: string;
  status: ClaimStatus;
  points: number;
  autoApproved: boolean;
  createdAt: string;
}

export interface ClaimDetail extends ClaimSummary {
  submittedBy: Person;
  lines: {
    lineNo: number;
    productId: string;
    sku: string;
    productName: string;
    quantity: number;
    unitNetAmount: Money;
    serials: string[];
  }[];
  score: ScoreLine[];
  invoice: { fileName: string; contentType: string; size: number; url: string } | null;
  decidedBy: Person | null;
  decidedAt: string | null;
  decisionReason: string | null;
  reversedBy: Person | null;
  reversedAt: string | null;
  reversalReason: string | null;
  reversedPoints: number | null;
  shortfallPoints: number | null;
  ledgerTransactionId: string | null;
  reversalTransactionId: string | null;
  updatedAt: string;
}

export interface ClaimImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ClaimImportResult {
  dryRun: boolean;
  rows: number;
  errors: ClaimImportRowError[];
  claims: {
    id: string | null;
    invoiceNumber: string;
    rep: { id: string; email: string };
    rows: number[];
    units: number;
    points: number;
    status: ClaimStatus;
  }[];
}

/* Rewards */

export interface RewardEligibility {
  tierIds: string[];
  regions: string[];
  roles: string[];
}

export interface Reward {
  id: string;
  kind: RewardKind;
  name: string;
  description: string;
  pointCost: number;
  /** null: unlimited. */
  stock: number | null;
  inStock: boolean;
  hasImage: boolean;
  eligibility: RewardEligibility;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RewardInput {
  kind: RewardKind;
  name: string;
  description: string;
  pointCost: number;
  stock: number | null;
  eligibility: RewardEligibility;
  active: boolean;
}

export const redemptionActions = ["approve", "fulfil", "mark_delivered", "cancel"] as const;
export type RedemptionAction = (typeof redemptionActions)[number];

export interface Redemption {
  id: string;
  reward: { id: string; name: string; kind: RewardKind };
  rep: Person;
  partner: Person;
  quantity: number;
  unitCost: number;
  points: number;
  shippingAddress: string | null;
  status: RedemptionStatus;
  fulfilment: RedemptionFulfilment | null;
  trackingNumber: string | null;
  /** Only for the rep who redeemed. */
  voucherCode: string | null;
  hasVoucherCode: boolean;
  cancelReason: string | null;
  requestedAt: string;
  approvedAt: string | null;
  fulfilledAt: string | null;
  cancelledAt: string | null;
  reserveTransactionId: string;
  settleTransactionId: string | null;
  allowedActions: RedemptionAction[];
}

export interface RedemptionInput {
  rewardId: string;
  quantity: number;
  shippingAddress?: string;
}

export type FulfilInput = { method: "shipped"; trackingNumber: string } | { method: "delivered" } | { method: "code_sent"; voucherCode: string };

/* Leaderboards, liability */

export interface LeaderboardEntry {
  rank: number;
  /** null when the rep chose not to be named. */
  userId: string | null;
  name: string;
  named: boolean;
  isYou: boolean;
  partner: Person;
  points: number;
}

export interface Leaderboard {
  period: string;
  fromMonth: string;
  toMonth: string;
  entries: LeaderboardEntry[];
}

export interface Liability {
  points: number;
  availablePoints: number;
  reservedPoints: number;
  valueMinor: number;
  currency: string;
}

/** GET /incentives/cost: points earned (net), redeemed and expired per partner per month. */
export interface PartnerCostPage {
  fromMonth: string;
  toMonth: string;
  currency: string;
  items: {
    partnerId: string;
    partnerName: string;
    month: string;
    earnedPoints: number;
    redeemedPoints: number;
    expiredPoints: number;
    earnedValueMinor: number;
  }[];
}
