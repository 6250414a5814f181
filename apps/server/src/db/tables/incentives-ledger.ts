import type { Timestamp } from "./timestamp.js";

// The points ledger, its rollups, the program settings and idempotency keys (migration 0010).

/** rep_*: one per rep, stored balance; the rest: one program account each, balance from entries. */
export type LedgerAccountKind = "rep_points" | "rep_reserved" | "funding" | "redeemed" | "expired" | "adjustments";

export type LedgerTransactionKind =
  | "claim_approved"
  | "claim_reversed"
  | "redemption_requested"
  | "redemption_cancelled"
  | "redemption_fulfilled"
  | "expiry"
  | "adjustment";

export interface LedgerAccountTable {
  /** UUIDv7 for rep accounts; the program accounts have fixed ids (`program:funding`, ...). */
  id: string;
  kind: LedgerAccountKind;
  user_id: string | null;
  /** The rep's partner when the account was opened; null for program accounts. */
  partner_id: string | null;
  /** Rep accounts: the balance, kept on write (CHECK >= 0). Program accounts: always 0, summed from entries. */
  balance: number;
  /** rep_points: points earned net of reversals and adjustments, ever (kept on write). 0 elsewhere. */
  earned: number;
  updated_at: Timestamp;
}

export interface LedgerTransactionTable {
  id: string;
  kind: LedgerTransactionKind;
  /** What caused it: "claim", "redemption", "expiry", "adjustment", ... */
  source_type: string;
  source_id: string;
  memo: string;
  reason: string | null;
  created_by: string | null;
  approved_by: string | null;
  created_at: Timestamp;
}

export interface LedgerEntryTable {
  id: string;
  transaction_id: string;
  account_id: string;
  /** Signed integer points; the entries of a transaction sum to zero. */
  amount: number;
  /** The account's balance after this entry (rep accounts); null for program accounts. */
  balance_after: number | null;
  created_at: Timestamp;
}

/** Points earned (net of reversals and adjustments) per rep per UTC month. */
export interface LedgerRepMonthTable {
  user_id: string;
  /** YYYY-MM (UTC). */
  month: string;
  partner_id: string;
  /** The partner's region at the rep's first movement of the month. */
  region: string;
  earned: number;
}

/** The same per rep per quarter: the leaderboards read it. */
export interface LedgerRepQuarterTable {
  user_id: string;
  /** YYYY-Qn (UTC). */
  quarter: string;
  partner_id: string;
  region: string;
  earned: number;
}

/** Per partner per UTC month: points earned (net), redeemed (fulfilled) and expired. */
export interface LedgerPartnerMonthTable {
  partner_id: string;
  month: string;
  earned: number;
  redeemed: number;
  expired: number;
}

/** One row: the program's point value and time limits. */
export interface IncentiveSettingsTable {
  id: string;
  /** Money value of 1,000 points, in minor units of `currency` (1000 = one minor unit per point). */
  value_minor_per_1000_points: number;
  currency: string;
  expiry_months: number;
  expiry_warning_days: number;
  claim_window_days: number;
  /** Claims up to this many points are approved without review; 0: every claim is reviewed. */
  auto_approve_up_to_points: number;
  updated_at: Timestamp;
}

/** A request that moved points, per actor and key, with its first response (platform/http/idempotency.ts). */
export interface IdempotencyKeyTable {
  /** "user:<id>" or "token:<id>". */
  actor_key: string;
  key: string;
  /** sha256 of method, URL and canonical JSON body. */
  request_hash: string;
  response_status: number;
  /** JSON. */
  response_body: string;
  created_at: Timestamp;
}
