import { productLifecycles } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

export const maxSerialPatternLength = 200;

/** True when the text is a JavaScript regular expression that compiles. */
export function regexCompiles(pattern: string): boolean {
  try {
    return new RegExp(pattern) instanceof RegExp;
  } catch {
    return false;
  }
}

// Field rules shared by the JSON routes and the CSV import.
export const skuField = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, "may contain only letters, digits, '.', '_' and '-'");
export const productNameField = z.string().trim().min(1).max(200);
export const familyNameField = z.string().trim().min(1).max(80);
export const descriptionField = z.string().max(4000);
export const currencyField = z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code in capitals, such as USD");
export const amountMinorField = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const lifecycleField = z.enum(productLifecycles);
export const serialPatternField = z
  .string()
  .min(1)
  .max(maxSerialPatternLength)
  .refine(regexCompiles, "is not a valid regular expression")
  .describe("Regular expression every serial number of the product matches; matched against the WHOLE serial (anchored)");

export const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const productFamily = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  productCount: z.number().int().describe("Products in the family the caller can see"),
});

export const productFamilyInput = z.object({ name: familyNameField, description: z.string().max(2000).default("") }).strict();
export const productFamilyPatch = z
  .object({ name: familyNameField, description: z.string().max(2000) })
  .partial()
  .strict();

export const product = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  description: z.string(),
  listPrice: money,
  lifecycle: lifecycleField,
  serialPattern: z.string(),
  hasImage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const productFields = {
  sku: skuField,
  name: productNameField,
  familyId: z.string().min(1).max(64),
  description: descriptionField,
  listPrice: z.object({ amountMinor: amountMinorField, currency: currencyField }).strict(),
  lifecycle: lifecycleField,
  serialPattern: serialPatternField,
};

export const productInput = z
  .object({ ...productFields, description: descriptionField.default(""), lifecycle: lifecycleField.default("active") })
  .strict();

// No defaults here: a field left out of a PATCH keeps its value.
export const productPatch = z.object(productFields).partial().strict();

export const productSorts = ["name", "-name", "sku", "-sku", "price", "-price", "updatedAt", "-updatedAt"] as const;
export type ProductSort = (typeof productSorts)[number];

const productFilters = {
  q: z.string().trim().max(200).optional().describe("Case-insensitive text in the SKU, name or description"),
  familyId: z.string().max(64).optional(),
  lifecycle: lifecycleField.optional().describe("Partner roles only ever see active products"),
  sort: z.enum(productSorts).default("name"),
};

export const productQuery = z.object({ ...pageQuery, ...productFilters });
export const productExportQuery = z.object(productFilters);
export const productPage = pageSchema(product);

export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  familiesCreated: z.array(z.string()).describe("Names of the product families the import created"),
});

export type ProductFamily = z.infer<typeof productFamily>;
export type ProductFamilyInput = z.infer<typeof productFamilyInput>;
export type ProductFamilyPatch = z.infer<typeof productFamilyPatch>;
export type Product = z.infer<typeof product>;
export type ProductInput = z.infer<typeof productInput>;
export type ProductPatch = z.infer<typeof productPatch>;
export type ProductQuery = z.infer<typeof productQuery>;
export type ProductFilters = z.infer<typeof productExportQuery>;
export type ImportResult = z.infer<typeof importResult>;
