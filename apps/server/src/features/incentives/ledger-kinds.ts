import type { LedgerAccountKind, LedgerTransactionKind } from "../../db/types.js";

/** Which accounts each kind of movement may touch: a mistyped posting fails loudly instead of skewing the rollups. */
export const movementAccounts: Record<LedgerTransactionKind, readonly LedgerAccountKind[]> = {
  claim_approved: ["funding", "rep_points"],
  claim_reversed: ["funding", "rep_points"],
  redemption_requested: ["rep_points", "rep_reserved"],
  redemption_cancelled: ["rep_reserved", "rep_points"],
  redemption_fulfilled: ["rep_reserved", "redeemed"],
  expiry: ["rep_points", "expired"],
  adjustment: ["adjustments", "rep_points"],
};

/**
 * Movements whose rep_points lines count as points earned (lifetime, leaderboards, cost per partner):
 * claims approved, less claims reversed, plus or minus manual adjustments, in the period they are posted.
 */
export const earningKinds: ReadonlySet<LedgerTransactionKind> = new Set(["claim_approved", "claim_reversed", "adjustment"]);

/** YYYY-MM (UTC) of an ISO timestamp. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** YYYY-Qn of a YYYY-MM month. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/** The first and last month (YYYY-MM) of a YYYY-Qn quarter. */
export function monthsOfQuarter(quarter: string): { fromMonth: string; toMonth: string } {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  const pad = (m: number) => String(m).padStart(2, "0");
  return { fromMonth: `${year}-${pad(q * 3 - 2)}`, toMonth: `${year}-${pad(q * 3)}` };
}
