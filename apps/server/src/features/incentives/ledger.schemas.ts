import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");
const points = z.number().int();

export const transactionKinds = [
  "claim_approved",
  "claim_reversed",
  "redemption_requested",
  "redemption_cancelled",
  "redemption_fulfilled",
  "expiry",
  "adjustment",
] as const;

/** Documents the header; platform/http/idempotency.ts enforces it on every route that moves points. */
export const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .describe("Required. A unique key per intended movement (e.g. a UUID); a retry with the same key and body returns the first answer"),
});

export const incentiveSettings = z.object({
  valueMinorPer1000Points: z.number().int().describe("Money value of 1,000 points in minor units of the currency (1000: one minor unit per point)"),
  currency: z.string(),
  expiryMonths: z.number().int().describe("Points expire this many months after the month they were earned"),
  expiryWarningDays: z.number().int().describe("Reps are warned this many days before points expire"),
  claimWindowDays: z.number().int().describe("A sale can be claimed within this many days"),
  autoApproveUpToPoints: z.number().int().describe("Claims worth up to this many points are approved without review; 0: every claim is reviewed"),
  updatedAt: iso,
});

export const incentiveSettingsInput = z
  .object({
    valueMinorPer1000Points: z.number().int().min(0).max(100_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
    expiryMonths: z.number().int().min(1).max(120),
    expiryWarningDays: z.number().int().min(0).max(365),
    claimWindowDays: z.number().int().min(1).max(3650),
    autoApproveUpToPoints: z.number().int().min(0).max(10_000_000),
  })
  .partial()
  .strict();

export const adjustmentInput = z
  .object({
    userId: id.describe("The rep whose points change (a sales rep or partner admin of any partner)"),
    points: points
      .min(-10_000_000)
      .max(10_000_000)
      .refine((value) => value !== 0, "must not be 0")
      .describe("Points to add (positive) or take away (negative)"),
    reason: z.string().trim().min(3).max(1000).describe("Why: kept with the movement and in the audit log"),
    approverId: id.describe("Another vendor user who may adjust points and approved this one (four eyes)"),
  })
  .strict();

export const repBalance = z.object({
  userId: id,
  available: points.describe("Points the rep can spend"),
  reserved: points.describe("Points held by redemptions awaiting fulfilment"),
  lifetimeEarned: points.describe("Points earned ever, net of reversals and adjustments"),
});

export const adjustmentResult = z.object({
  transactionId: id,
  userId: id,
  points,
  reason: z.string(),
  approverId: id,
  balance: repBalance,
});

export const balanceQuery = z
  .object({ userId: id.optional().describe("Whose balance; yours when left out. Partner admins: their team's; vendor users: anyone's") })
  .strict();

export const statementQuery = z
  .object({
    userId: id.optional().describe("Whose statement; yours when left out. Partner admins: their team's; vendor users: anyone's"),
    ...pageQuery,
  })
  .strict();

export const statementCsvQuery = balanceQuery;

export const statementLine = z.object({
  entryId: id,
  at: iso,
  account: z.enum(["available", "reserved"]).describe("available: spendable points; reserved: held by a redemption"),
  points: points.describe("Signed: + into the account, - out of it"),
  balanceAfter: points.describe("The account's balance after this line"),
  transactionId: id,
  kind: z.enum(transactionKinds),
  sourceType: z.string(),
  sourceId: z.string(),
  memo: z.string(),
  reason: z.string().nullable(),
});
export const statementPage = pageSchema(statementLine);

export type IncentiveSettings = z.infer<typeof incentiveSettings>;
export type IncentiveSettingsInput = z.infer<typeof incentiveSettingsInput>;
export type AdjustmentInput = z.infer<typeof adjustmentInput>;
export type AdjustmentResult = z.infer<typeof adjustmentResult>;
export type StatementLine = z.infer<typeof statementLine>;

const costMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");

export const costQuery = z.object({
  fromMonth: costMonth.describe("First month, YYYY-MM (UTC)"),
  toMonth: costMonth.describe("Last month, YYYY-MM (UTC); at most 36 months after fromMonth"),
  partnerId: z.string().min(1).max(64).optional(),
});

export const partnerCostPage = z.object({
  fromMonth: z.string(),
  toMonth: z.string(),
  currency: z.string(),
  items: z.array(
    z.object({
      partnerId: z.string(),
      partnerName: z.string(),
      month: z.string(),
      earnedPoints: z.number().int().describe("Net of reversals and adjustments posted that month"),
      redeemedPoints: z.number().int(),
      expiredPoints: z.number().int(),
      earnedValueMinor: z.number().int().describe("earnedPoints at today's point value, in minor units"),
    }),
  ),
});
