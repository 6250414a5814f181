import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const day = z.iso.date({ message: "must be a date YYYY-MM-DD" });

/** At most this many lines in one CSV file or one API post; larger sets are sent in several. */
export const maxLinesPerBatch = 10_000;
/** Bounds that keep every sum of a partner's lines a safe integer. */
export const maxQuantity = 1_000_000;
export const maxAmountMinor = 1_000_000_000_000;
export const maxSerialsPerLine = 10_000;

export const serialText = z
  .string()
  .min(1, "is required")
  .max(100, "at most 100 characters")
  .regex(/^[^\s;]+$/, "must not contain spaces or semicolons");

export const sellThroughLineInput = z
  .object({
    date: day.describe("The sale (or return) date; not in the future"),
    sku: z.string().trim().min(1, "is required").max(64, "at most 64 characters"),
    quantity: z
      .number()
      .int()
      .min(-maxQuantity)
      .max(maxQuantity)
      .refine((q) => q !== 0, "must not be 0")
      .describe("Units sold; negative for a return"),
    netAmountMinor: z
      .number()
      .int()
      .min(-maxAmountMinor)
      .max(maxAmountMinor)
      .describe("Net amount of the line in minor units of the reporting currency; negative for a return"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")
      .optional()
      .describe("When given, must be the reporting currency"),
    serials: z.array(serialText).max(maxSerialsPerLine).optional().describe("One per unit when given"),
    endCustomer: z.string().trim().max(200, "at most 200 characters").optional(),
  })
  .strict();
export type SellThroughLineInput = z.infer<typeof sellThroughLineInput>;

export const sellThroughPost = z.object({ lines: z.array(sellThroughLineInput).min(1).max(maxLinesPerBatch) }).strict();

export const partnerParams = z.object({ partnerId: id });

export const importQuery = z.object({
  mode: z.enum(["preview", "apply"]).default("preview").describe("preview checks and changes nothing; apply records every line or none"),
  fileName: z.string().max(200).optional().describe("The uploaded file's name, kept with the batch"),
});

export const monthSummary = z.object({
  month: z.string().describe("YYYY-MM"),
  revenueMinor: z.number().int(),
  units: z.number().int(),
  lines: z.number().int(),
});
export type MonthSummary = z.infer<typeof monthSummary>;

export const rowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const recordResult = z.object({
  mode: z.enum(["preview", "apply"]),
  /** null on a preview. */
  batchId: z.string().nullable(),
  currency: z.string(),
  rows: z.number().int().describe("Rows (CSV) or lines (API) received"),
  lines: z.number().int().describe("Lines recorded, or that would be on a preview"),
  errors: z.array(rowError).describe("Problems by row and column; empty when every line is good"),
  months: z.array(monthSummary).describe("What the lines add per month of sale"),
});
export type RecordResult = z.infer<typeof recordResult>;

export const lineQuery = z.object({
  from: day.optional().describe("First sale date, inclusive"),
  to: day.optional().describe("Last sale date, inclusive"),
  ...pageQuery,
});
export type LineQuery = z.infer<typeof lineQuery>;

export const exportQuery = z.object({ from: day.optional(), to: day.optional() });
export type ExportQuery = z.infer<typeof exportQuery>;

export const sellThroughLine = z.object({
  id,
  batchId: id,
  date: z.string(),
  productId: id,
  sku: z.string(),
  productName: z.string(),
  familyId: id,
  familyName: z.string(),
  quantity: z.number().int(),
  netAmount: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  serials: z.array(z.string()),
  endCustomer: z.string(),
  source: z.enum(["csv", "api"]),
  createdAt: z.string(),
});
export type SellThroughLine = z.infer<typeof sellThroughLine>;
export const sellThroughLinePage = pageSchema(sellThroughLine);

export const familyMargin = z.object({
  familyId: id,
  familyName: z.string(),
  marginBps: z.number().int().nullable().describe("The family's margin in basis points (3500 = 35 %); null: the default applies"),
  effectiveMarginBps: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type FamilyMargin = z.infer<typeof familyMargin>;

export const marginsView = z.object({
  currency: z.string(),
  defaultMarginBps: z.number().int(),
  families: z.array(familyMargin),
});
export type MarginsView = z.infer<typeof marginsView>;

export const marginsInput = z
  .object({
    margins: z
      .array(
        z
          .object({
            familyId: id,
            marginBps: z.number().int().min(-10_000).max(10_000).nullable().describe("null: use the default margin"),
          })
          .strict(),
      )
      .min(1)
      .max(1000)
      .refine((list) => new Set(list.map((m) => m.familyId)).size === list.length, "names a family twice"),
  })
  .strict();
export type MarginsInput = z.infer<typeof marginsInput>;
