import { z } from "zod";

const weight = z.number().int().min(0).max(100);

export const healthWeights = z.object({
  return_on_resources: weight,
  growth: weight,
  engagement: weight,
  certification: weight,
  support_within_allowance: weight,
});

export const relationshipSettings = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  defaultMarginBps: z.number().int(),
  channelManagerCostPerHourMinor: z.number().int(),
  healthWeights,
  healthThreshold: z.number().int(),
  netWindowMonths: z.number().int(),
  targetReturnPercent: z.number().int(),
  supportHoursAvailable: z.number().int(),
  channelManagerHoursAvailable: z.number().int(),
  /** null: measured from the best-performing partners. */
  hoursPerPartner: z.number().nullable(),
  partnerScorecardsVisible: z.boolean(),
  updatedAt: z.string(),
});
export type RelationshipSettings = z.infer<typeof relationshipSettings>;

export const relationshipSettingsInput = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code"),
    defaultMarginBps: z.number().int().min(-10_000).max(10_000),
    channelManagerCostPerHourMinor: z.number().int().min(0).max(100_000_000),
    healthWeights: healthWeights.refine((w) => Object.values(w).some((v) => v > 0), "at least one weight must be above 0"),
    healthThreshold: z.number().int().min(0).max(100),
    netWindowMonths: z.number().int().min(1).max(24),
    targetReturnPercent: z.number().int().min(1).max(10_000),
    supportHoursAvailable: z.number().int().min(0).max(1_000_000),
    channelManagerHoursAvailable: z.number().int().min(0).max(1_000_000),
    hoursPerPartner: z.number().min(0.01).max(10_000).nullable(),
    partnerScorecardsVisible: z.boolean(),
  })
  .partial()
  .strict();
export type RelationshipSettingsInput = z.infer<typeof relationshipSettingsInput>;
