import { z } from "zod";
import type { CostCategory, CostLineSource } from "../../db/types.js";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

// Cost lines: what the vendor spends on a partner besides support desk time and incentive points
// (docs/relationships.md, "Resources consumed"). The shape checks live here; the rules that tie
// fields together (hours for a channel manager, a label for "other", the currency's decimals) are
// in costs.service.ts, shared by the JSON route and the CSV import so both say the same thing.

export const costCategories = ["marketing_funds", "channel_manager", "training", "other"] as const satisfies readonly CostCategory[];
export const costSources = ["manual", "csv", "api"] as const satisfies readonly CostLineSource[];

const id = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM");
/** A decimal as text ("1250.50") or a JSON number; turned into minor units with the currency's own decimals. */
const decimal = (what: string) =>
  z
    .union([z.string().trim().max(20), z.number().finite()])
    .transform((value) => (typeof value === "number" ? String(value) : value))
    .pipe(z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, `must be a positive decimal ${what}, e.g. 1250.50`));

export const costLineInput = z
  .object({
    spentOn: z.iso.date({ message: "must be a date YYYY-MM-DD" }).describe("The day the money or time was spent; not in the future"),
    category: z.enum(costCategories),
    label: z.string().trim().max(120).optional().describe("Required for category other (what the cost is); optional otherwise"),
    amount: decimal("in the reporting currency")
      .optional()
      .describe(
        "In the reporting currency (relationship settings), as a decimal with at most the currency's minor digits. " +
          "Required except for channel_manager, where it defaults to hours x the channel-manager cost per hour",
      ),
    hours: decimal("of hours")
      .optional()
      .describe("Hours, two decimals at most: required for channel_manager, instructor hours for training, not allowed otherwise"),
    purpose: z.string().trim().min(1, "is required").max(500).describe("Why the money or time was spent"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")
      .optional()
      .describe("Optional; when given it must be the reporting currency"),
  })
  .strict();
export type CostLineInput = z.infer<typeof costLineInput>;

export const voidInput = z.object({ reason: z.string().trim().min(3, "at least 3 characters").max(500) }).strict();

export const costLineQuery = z
  .object({
    category: z.enum(costCategories).optional(),
    month: month.optional().describe("Only lines spent in this month"),
    ...pageQuery,
  })
  .strict();
export type CostLineQuery = z.infer<typeof costLineQuery>;

export const costExportQuery = z
  .object({
    partnerId: id.optional(),
    category: z.enum(costCategories).optional(),
    fromMonth: month.optional(),
    toMonth: month.optional(),
  })
  .strict();
export type CostExportQuery = z.infer<typeof costExportQuery>;

export const costImportQuery = z
  .object({ mode: z.enum(["preview", "apply"]).describe("preview: check the file and change nothing; apply: every line or none") })
  .strict();

const person = z.object({ id, name: z.string() });

export const costLine = z.object({
  id,
  partnerId: id,
  spentOn: z.string(),
  category: z.enum(costCategories),
  label: z.string(),
  amountMinor: z.number().int(),
  /** The amount as people read it, in the currency's own decimals. */
  amount: z.string(),
  currency: z.string(),
  hoursHundredths: z.number().int().nullable(),
  hours: z.number().nullable(),
  purpose: z.string(),
  source: z.enum(costSources),
  createdBy: person.nullable(),
  createdAt: z.string(),
  voided: z
    .object({ at: z.string(), by: person.nullable(), reason: z.string() })
    .nullable()
    .describe("Set when the line was voided: it stays listed and leaves the figures"),
});
export type CostLine = z.infer<typeof costLine>;
export const costLinePage = pageSchema(costLine);

export const importRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const importedLine = z.object({
  row: z.number().int(),
  id: id.nullable().describe("null in a preview"),
  partnerId: id,
  partnerName: z.string(),
  spentOn: z.string(),
  category: z.enum(costCategories),
  label: z.string(),
  amountMinor: z.number().int(),
  hoursHundredths: z.number().int().nullable(),
  purpose: z.string(),
});

export const costImportResult = z.object({
  mode: z.enum(["preview", "apply"]),
  rows: z.number().int(),
  currency: z.string(),
  errors: z.array(importRowError).describe("Empty when every row is good; an apply with errors changes nothing (400 import_failed)"),
  lines: z.array(importedLine).describe("Empty when any row has an error"),
  totalMinor: z.number().int(),
});
export type CostImportResult = z.infer<typeof costImportResult>;
