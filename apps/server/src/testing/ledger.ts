import type { LedgerPosting } from "../features/incentives/ledger.service.js";

// Ledger fixtures for tests: movements shaped as the claims and rewards parts post them.

type Kind = LedgerPosting["kind"];
const counterpart: Record<Kind, { from: string; to: string }> = {
  claim_approved: { from: "funding", to: "rep_points" },
  claim_reversed: { from: "rep_points", to: "funding" },
  redemption_requested: { from: "rep_points", to: "rep_reserved" },
  redemption_cancelled: { from: "rep_reserved", to: "rep_points" },
  redemption_fulfilled: { from: "rep_reserved", to: "redeemed" },
  expiry: { from: "rep_points", to: "expired" },
  adjustment: { from: "adjustments", to: "rep_points" },
};

/** A two-line movement of `points` from one side to the other, as the other parts post them. */
export function movement(kind: Kind, userId: string, points: number, sourceId = "s1"): LedgerPosting {
  const ref = (account: string) =>
    account === "rep_points" || account === "rep_reserved"
      ? { kind: account as "rep_points" | "rep_reserved", userId }
      : { kind: account as "funding" | "redeemed" | "expired" | "adjustments" };
  const { from, to } = counterpart[kind];
  return {
    kind,
    sourceType: kind.split("_")[0] ?? kind,
    sourceId,
    memo: kind,
    lines: [
      { account: ref(from), amount: -points },
      { account: ref(to), amount: points },
    ],
  };
}
