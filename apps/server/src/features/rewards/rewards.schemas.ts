import { partnerRoles, redemptionFulfilments, redemptionStatuses, regions, rewardKinds } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");

// ---- Catalog ----

export const maxPointCost = 10_000_000;
export const maxStock = 1_000_000;

export const eligibility = z
  .object({
    tierIds: z.array(id).max(50).default([]).describe("Partner tiers that may redeem it; empty: every tier"),
    regions: z.array(z.enum(regions)).max(regions.length).default([]).describe("Partner regions; empty: every region"),
    roles: z.array(z.enum(partnerRoles)).max(partnerRoles.length).default([]).describe("Partner roles; empty: every partner role"),
  })
  .strict()
  .describe("Within a list the choices are alternatives; the lists narrow each other");

export const rewardInput = z
  .object({
    kind: z.enum(rewardKinds),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).default(""),
    pointCost: z.number().int().min(1).max(maxPointCost).describe("Points per unit"),
    stock: z.number().int().min(0).max(maxStock).nullable().default(null).describe("Units available; null: unlimited"),
    eligibility: eligibility.default({ tierIds: [], regions: [], roles: [] }),
    active: z.boolean().default(true),
  })
  .strict();

export const rewardPatch = z
  .object({
    kind: z.enum(rewardKinds),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000),
    pointCost: z.number().int().min(1).max(maxPointCost),
    stock: z
      .number()
      .int()
      .min(0)
      .max(maxStock)
      .nullable()
      .describe("Units available now (replaces the count; requested redemptions already took theirs); null: unlimited"),
    eligibility,
    active: z.boolean(),
  })
  .partial()
  .strict();

export const rewardQuery = z
  .object({
    kind: z.enum(rewardKinds).optional(),
    q: z.string().trim().max(200).optional().describe("Words in the name or description"),
    sort: z.enum(["name", "points"]).default("name").describe("By name, or by point cost (cheapest first)"),
    includeInactive: z
      .enum(["true", "false"])
      .optional()
      .transform((value) => value === "true")
      .describe("Catalog managers only: list inactive items too"),
    ...pageQuery,
  })
  .strict();

export const reward = z.object({
  id,
  kind: z.enum(rewardKinds),
  name: z.string(),
  description: z.string(),
  pointCost: z.number().int(),
  stock: z.number().int().nullable().describe("null: unlimited"),
  inStock: z.boolean(),
  hasImage: z.boolean(),
  eligibility: z.object({ tierIds: z.array(z.string()), regions: z.array(z.string()), roles: z.array(z.string()) }),
  active: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});
export const rewardPage = pageSchema(reward);

// ---- Redemptions ----

export const shippedKinds = ["tools_equipment", "branded_gear"] as const;

export const redemptionInput = z
  .object({
    rewardId: id,
    quantity: z.number().int().min(1).max(100).default(1),
    shippingAddress: z.string().trim().min(5).max(1000).optional().describe("Where to send it; required for tools, test equipment and branded gear"),
  })
  .strict();

export const fulfilInput = z.discriminatedUnion("method", [
  z.object({ method: z.literal("shipped"), trackingNumber: z.string().trim().min(3).max(100) }).strict(),
  z.object({ method: z.literal("delivered") }).strict(),
  z.object({ method: z.literal("code_sent"), voucherCode: z.string().trim().min(3).max(200) }).strict(),
]);

export const cancelInput = z
  .object({ reason: z.string().trim().min(3).max(1000).optional().describe("Why; required when finance cancels") })
  .strict();

export const redemptionQuery = z
  .object({
    status: z.enum(redemptionStatuses).optional(),
    userId: id.optional().describe("One rep's (partner admins: of their team; finance: anyone's)"),
    partnerId: id.optional().describe("Finance only; partners always see their own organisation's"),
    ...pageQuery,
  })
  .strict();

export const redemptionActions = ["approve", "fulfil", "mark_delivered", "cancel"] as const;

export const redemption = z.object({
  id,
  reward: z.object({ id, name: z.string(), kind: z.enum(rewardKinds) }),
  rep: z.object({ id, name: z.string() }),
  partner: z.object({ id, name: z.string() }),
  quantity: z.number().int(),
  unitCost: z.number().int(),
  points: z.number().int(),
  shippingAddress: z.string().nullable(),
  status: z.enum(redemptionStatuses),
  fulfilment: z.enum(redemptionFulfilments).nullable(),
  trackingNumber: z.string().nullable(),
  voucherCode: z.string().nullable().describe("The code, for the rep who redeemed only; null for everyone else"),
  hasVoucherCode: z.boolean(),
  cancelReason: z.string().nullable(),
  requestedAt: iso,
  approvedAt: iso.nullable(),
  fulfilledAt: iso.nullable(),
  cancelledAt: iso.nullable(),
  reserveTransactionId: z.string(),
  settleTransactionId: z.string().nullable(),
  allowedActions: z.array(z.enum(redemptionActions)).describe("What this viewer may do with it now"),
});
export const redemptionPage = pageSchema(redemption);

// ---- Leaderboards, preferences, statements, liability ----

export const periodField = z
  .string()
  .regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, "must be a quarter such as 2026-Q4 or a month such as 2026-11")
  .describe("A quarter (2026-Q4) or a month (2026-11); the current quarter when left out");

export const leaderboardQuery = z
  .object({
    period: periodField.optional(),
    region: z.enum(regions).optional(),
    partnerId: id.optional(),
  })
  .strict();

export const leaderboardEntry = z.object({
  rank: z.number().int(),
  userId: z.string().nullable().describe("null when the rep chose not to be named"),
  name: z.string().describe('The rep\'s name, or "A rep of <partner>" when the rep opted out'),
  named: z.boolean(),
  isYou: z.boolean(),
  partner: z.object({ id, name: z.string() }),
  points: z.number().int(),
});

export const leaderboard = z.object({
  period: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  entries: z.array(leaderboardEntry),
});

export const leaderboardPreference = z.object({ optOut: z.boolean() }).strict();

export const statementQuery = z.object({ userId: id.optional().describe("Whose statement; your own when left out") }).strict();

export type RewardInput = z.infer<typeof rewardInput>;
export type RewardPatch = z.infer<typeof rewardPatch>;
export type RewardQuery = z.infer<typeof rewardQuery>;
export type Reward = z.infer<typeof reward>;
export type Eligibility = z.infer<typeof eligibility>;
export type RedemptionInput = z.infer<typeof redemptionInput>;
export type FulfilInput = z.infer<typeof fulfilInput>;
export type CancelInput = z.infer<typeof cancelInput>;
export type RedemptionQuery = z.infer<typeof redemptionQuery>;
export type Redemption = z.infer<typeof redemption>;
export type RedemptionAction = (typeof redemptionActions)[number];
export type LeaderboardQuery = z.infer<typeof leaderboardQuery>;
export type LeaderboardEntry = z.infer<typeof leaderboardEntry>;
export type Leaderboard = z.infer<typeof leaderboard>;
