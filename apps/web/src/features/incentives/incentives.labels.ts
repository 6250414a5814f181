import type { RedemptionStatus } from "@trellis/shared";
import type { ClaimStatus, RuleKind, TransactionKind } from "../../api/incentives-types";

const numbers = new Intl.NumberFormat();

/** "1,250 points"; "1 point". */
export function points(value: number): string {
  return `${numbers.format(value)} ${Math.abs(value) === 1 ? "point" : "points"}`;
}

/** "+50", "-120": a movement's sign always shown. */
export function signed(value: number): string {
  return value > 0 ? `+${numbers.format(value)}` : numbers.format(value);
}

export function plural(count: number, noun: string): string {
  return `${numbers.format(count)} ${count === 1 ? noun : `${noun}s`}`;
}

export const claimStatusLabels: Record<ClaimStatus, string> = {
  pending: "Waiting for review",
  approved: "Approved",
  rejected: "Rejected",
  reversed: "Reversed",
};

export const claimStatusColors: Record<ClaimStatus, string> = { pending: "yellow", approved: "teal", rejected: "red", reversed: "gray" };

export const redemptionStatusLabels: Record<RedemptionStatus, string> = {
  requested: "Requested",
  approved: "Approved",
  fulfilled: "Fulfilled",
  cancelled: "Cancelled",
};

export const redemptionStatusColors: Record<RedemptionStatus, string> = {
  requested: "yellow",
  approved: "blue",
  fulfilled: "teal",
  cancelled: "gray",
};

export const transactionKindLabels: Record<TransactionKind, string> = {
  claim_approved: "Claim approved",
  claim_reversed: "Claim reversed",
  redemption_requested: "Reward reserved",
  redemption_cancelled: "Redemption cancelled",
  redemption_fulfilled: "Reward fulfilled",
  expiry: "Points expired",
  adjustment: "Adjustment",
};

export const ruleKindLabels: Record<RuleKind, string> = {
  per_unit: "Points per unit",
  per_revenue: "Points per revenue",
  multiplier: "Promotion (multiplier)",
  launch_bonus: "Launch bonus",
};

export const ruleKindHelp: Record<RuleKind, string> = {
  per_unit: "A number of points for every unit sold.",
  per_revenue: "Points for every whole step of net revenue, in one currency.",
  multiplier: "Multiplies the base points of matching sales, e.g. 200% for double points during a promotion.",
  launch_bonus: "A one-off bonus for the first approved claim of a new product, anywhere in the program.",
};

/** The money value of a number of points at the program's point value. */
export function pointsValueMinor(value: number, valueMinorPer1000Points: number): number {
  return Math.round((value * valueMinorPer1000Points) / 1000);
}

/** Today as YYYY-MM-DD in UTC, as the server compares sale dates. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function currentQuarter(at = new Date()): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

export function currentMonth(at = new Date()): string {
  return at.toISOString().slice(0, 7);
}
