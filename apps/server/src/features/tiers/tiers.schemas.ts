import { z } from "zod";

export const tier = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().int().describe("1 is the top tier"),
  description: z.string(),
  partnerCount: z.number().int().nullable().describe("Partners in the tier; null for partner-side users (the network's size is the vendor's)"),
});

export const tierInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    rank: z.number().int().min(1).max(100),
    description: z.string().max(2000).default(""),
  })
  .strict();

// Not tierInput.partial(): Zod 4 would apply description's default and blank it on every PATCH.
export const tierPatch = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    rank: z.number().int().min(1).max(100).optional(),
    description: z.string().max(2000).optional(),
  })
  .strict();

export type Tier = z.infer<typeof tier>;
export type TierInput = z.infer<typeof tierInput>;
export type TierPatch = z.infer<typeof tierPatch>;
