import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");
export const claimStatuses = ["pending", "approved", "rejected", "reversed"] as const;
export const maxSerialsPerClaim = 1000;

const money = z
  .object({
    amountMinor: z.number().int().min(0).max(1_000_000_000_000).describe("In minor units (cents)"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
  })
  .strict();

export const serialField = z.string().trim().min(1, "is required").max(100, "at most 100 characters");

export const claimLineInput = z
  .object({
    productId: id,
    quantity: z.number().int().min(1).max(maxSerialsPerClaim),
    unitNetAmount: money.describe("Net selling price of one unit, after discounts"),
    serials: z.array(serialField).min(1).max(maxSerialsPerClaim).describe("One serial number per unit"),
  })
  .strict();

export const claimInput = z
  .object({
    repId: id.optional().describe("Partner admins: the team member who made the sale (yourself when left out)"),
    invoiceNumber: z.string().trim().min(1).max(100),
    invoiceDate: z.iso.date({ message: "must be a date YYYY-MM-DD" }).describe("The sale date"),
    endCustomer: z.string().trim().min(1).max(200),
    lines: z.array(claimLineInput).min(1).max(100),
  })
  .strict();
export type ClaimInput = z.infer<typeof claimInput>;

const person = z.object({ id, name: z.string() });

export const scoreLine = z.object({
  ruleId: id,
  version: z.number().int(),
  ruleName: z.string(),
  productId: id,
  units: z.number().int(),
  points: z.number().int(),
  why: z.string(),
});

export const claimSummary = z.object({
  id,
  partner: z.object({ id, name: z.string() }),
  rep: person,
  invoiceNumber: z.string(),
  invoiceDate: z.string(),
  endCustomer: z.string(),
  status: z.enum(claimStatuses),
  points: z.number().int().describe("The score; final once approved"),
  autoApproved: z.boolean(),
  createdAt: iso,
});
export type ClaimSummary = z.infer<typeof claimSummary>;

export const claimDetail = claimSummary.extend({
  submittedBy: person,
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      productId: id,
      sku: z.string(),
      productName: z.string(),
      quantity: z.number().int(),
      unitNetAmount: z.object({ amountMinor: z.number().int(), currency: z.string() }),
      serials: z.array(z.string()),
    }),
  ),
  score: z.array(scoreLine).describe("How the points were computed, rule by rule"),
  invoice: z.object({ fileName: z.string(), contentType: z.string(), size: z.number().int(), url: z.string() }).nullable(),
  decidedBy: person.nullable(),
  decidedAt: iso.nullable(),
  decisionReason: z.string().nullable(),
  reversedBy: person.nullable(),
  reversedAt: iso.nullable(),
  reversalReason: z.string().nullable(),
  reversedPoints: z.number().int().nullable().describe("Points taken back from the rep at reversal"),
  shortfallPoints: z.number().int().nullable().describe("Points the rep had already spent: recovered from its next approved claims"),
  ledgerTransactionId: id.nullable(),
  reversalTransactionId: id.nullable(),
  updatedAt: iso,
});
export type ClaimDetail = z.infer<typeof claimDetail>;

export const claimPage = pageSchema(claimSummary);

export const claimQuery = z
  .object({
    status: z.enum(claimStatuses).optional().describe("pending: the review queue, oldest first; otherwise newest first"),
    partnerId: id.optional(),
    repId: id.optional(),
    ...pageQuery,
  })
  .strict();
export type ClaimQuery = z.infer<typeof claimQuery>;

export const reasonInput = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const approveInput = z.object({ note: z.string().trim().max(1000).optional() }).strict();

export const importQuery = z
  .object({ dryRun: z.enum(["true", "false"]).default("false").describe("true: check and score the file, change nothing") })
  .strict();

export const importRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

const importedClaim = z.object({
  id: id.nullable().describe("null in a dry run"),
  invoiceNumber: z.string(),
  rep: z.object({ id, email: z.string() }),
  rows: z.array(z.number().int()),
  units: z.number().int(),
  points: z.number().int(),
  status: z.enum(claimStatuses),
});

export const importResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  errors: z.array(importRowError).describe("Empty when every row is good; an apply with errors changes nothing"),
  claims: z.array(importedClaim),
});
export type ImportResult = z.infer<typeof importResult>;
