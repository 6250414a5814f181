import { vendorRoles } from "@trellis/shared";
import { z } from "zod";

export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(vendorRoles),
  tokenPrefix: z.string().describe("The first characters, to recognise a token without revealing it"),
  createdAt: z.string(),
  createdByName: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createdApiToken = apiToken.extend({ token: z.string().describe("Shown once; only its hash is stored") });

export const createApiTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(vendorRoles, { message: "must be a vendor role: tokens serve the vendor's own systems" }),
  })
  .strict();

export type ApiToken = z.infer<typeof apiToken>;
