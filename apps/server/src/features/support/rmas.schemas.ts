import { rmaStatuses } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");
const serial = z.string().trim().min(1).max(64);

export const rmaInput = z
  .object({
    productId: id.describe("A product named on the ticket, or any active product"),
    serial: serial.describe("The defective unit's serial; must match the product's serial pattern"),
    reason: z.string().trim().min(3).max(5000).describe("What is wrong with the unit"),
  })
  .strict();

export const rmaPatch = z
  .object({
    status: z.enum(rmaStatuses).describe("authorised → received → replaced → closed; authorised → cancelled"),
    replacementSerial: serial.optional().describe("Required when the status becomes replaced; must match the product's serial pattern"),
  })
  .strict();

export const rmaQuery = z
  .object({
    status: z.enum(rmaStatuses).optional(),
    partnerId: id.optional().describe("Vendor users only; partners always see their own organisation's"),
    ...pageQuery,
  })
  .strict();

export const rma = z.object({
  id,
  number: z.number().int(),
  status: z.enum(rmaStatuses),
  serial: z.string(),
  reason: z.string(),
  replacementSerial: z.string().nullable(),
  product: z.object({ id, sku: z.string(), name: z.string() }),
  partner: z.object({ id, name: z.string() }),
  ticket: z.object({ id, number: z.number().int(), subject: z.string() }),
  authorisedBy: z.object({ id, name: z.string() }),
  receivedAt: iso.nullable(),
  replacedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
  allowedStatuses: z.array(z.enum(rmaStatuses)).describe("The statuses this viewer may move the RMA to"),
});
export const rmaPage = pageSchema(rma);

export type RmaInput = z.infer<typeof rmaInput>;
export type RmaPatch = z.infer<typeof rmaPatch>;
export type RmaQuery = z.infer<typeof rmaQuery>;
export type Rma = z.infer<typeof rma>;
