import type { RedemptionFulfilment, RedemptionStatus, RewardKind } from "@trellis/shared";
import type { Timestamp } from "./timestamp.js";

// The rewards catalog, redemptions, leaderboard preferences and expiry warnings (migration 0012).

export interface RewardTable {
  id: string;
  kind: RewardKind;
  name: string;
  description: string;
  /** Points per unit, > 0. */
  point_cost: number;
  /** Units left; null = unlimited. Never below zero (CHECK). */
  stock: number | null;
  image_key: string | null;
  image_content_type: string | null;
  /** 1: partners may see and redeem it. */
  active: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RewardEligibilityTable {
  reward_id: string;
  kind: "tier" | "region" | "role";
  value: string;
}

export interface RewardRedemptionTable {
  id: string;
  reward_id: string;
  /** The item's name when redeemed, so the record reads the same after the catalog changes. */
  reward_name: string;
  user_id: string;
  partner_id: string;
  quantity: number;
  unit_cost: number;
  /** quantity x unit_cost: what was reserved. */
  points: number;
  shipping_address: string | null;
  status: RedemptionStatus;
  fulfilment: RedemptionFulfilment | null;
  tracking_number: string | null;
  /** Shown to the rep who redeemed only. */
  voucher_code: string | null;
  cancel_reason: string | null;
  /** rep_points -> rep_reserved when requested. */
  reserve_transaction_id: string;
  /** rep_reserved -> redeemed when fulfilled, rep_reserved -> rep_points when cancelled. */
  settle_transaction_id: string | null;
  requested_at: Timestamp;
  approved_at: Timestamp | null;
  approved_by: string | null;
  fulfilled_at: Timestamp | null;
  fulfilled_by: string | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  updated_at: Timestamp;
}

export interface RewardPreferenceTable {
  user_id: string;
  leaderboard_opt_out: number;
  updated_at: Timestamp;
}

export interface RewardExpiryWarningTable {
  user_id: string;
  /** YYYY-MM: the batch of points earned that month. */
  earned_month: string;
  points: number;
  expires_from: Timestamp;
  warned_at: Timestamp;
}
