import { z } from "zod";

export const vendorSettings = z.object({
  vendorName: z.string(),
  supportedPartnerCapacity: z.number().int().describe("Active partners the vendor can support well"),
  hideStaleCompetitive: z.boolean().describe("Competitive data sheets past their review-by date are hidden from partners"),
  activePartners: z.number().int().describe("Partners counted against the capacity: active and probation"),
  updatedAt: z.string(),
});

export const updateVendorSettings = z
  .object({
    vendorName: z.string().trim().min(1).max(200).optional(),
    supportedPartnerCapacity: z.number().int().min(0).max(100000).optional(),
    hideStaleCompetitive: z.boolean().optional(),
  })
  .strict();

export type VendorSettings = z.infer<typeof vendorSettings>;
export type UpdateVendorSettings = z.infer<typeof updateVendorSettings>;
