import type { ProductLifecycle } from "@trellis/shared";
import type { z } from "zod";
import { isUniqueViolation, nowIso } from "../../db/dialect.js";
import type { ProductFamilyTable, ProductTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { type CsvRowError, parseCsv, throwIfRowErrors, toCsv } from "../../platform/http/csv.js";
import { conflict, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { findProductRowsBySku, insertFamily, insertProducts, listAllFamilyRows, listProductRows, updateProductRow } from "./products.repository.js";
import {
  currencyField,
  descriptionField,
  familyNameField,
  type ImportResult,
  lifecycleField,
  type ProductFilters,
  productNameField,
  serialPatternField,
  skuField,
} from "./products.schemas.js";
import { productVisibility } from "./products.service.js";

export const productCsvColumns = ["sku", "name", "family", "description", "list_price_minor", "currency", "lifecycle", "serial_pattern"] as const;
const requiredColumns = ["sku", "name", "family", "list_price_minor", "currency", "serial_pattern"] as const;
export const maxImportRows = 5000;

/** The catalogue as CSV: the list's filters and visibility, every matching row. */
export async function exportProductsCsv(ctx: AppContext, actor: AuthenticatedActor, filters: ProductFilters): Promise<string> {
  const rows = await listProductRows(ctx.db, filters, productVisibility(actor));
  return toCsv(
    productCsvColumns,
    rows.map((r) => ({
      sku: r.sku,
      name: r.name,
      family: r.family_name,
      description: r.description,
      list_price_minor: Number(r.list_price_minor),
      currency: r.currency,
      lifecycle: r.lifecycle,
      serial_pattern: r.serial_pattern,
    })),
  );
}

interface ImportRow {
  sku: string;
  name: string;
  family: string;
  /** undefined: the file has no description column, so an update keeps the current one. */
  description: string | undefined;
  amountMinor: number;
  currency: string;
  /** undefined: empty cell or no column; an update keeps the current value, a create is active. */
  lifecycle: ProductLifecycle | undefined;
  serialPattern: string;
}

function validateRows(records: Record<string, string>[]): { rows: ImportRow[]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const rows: ImportRow[] = [];
  const firstRowOfSku = new Map<string, number>();
  records.forEach((record, index) => {
    const row = index + 2; // the header is row 1
    let ok = true;
    const check = <T>(column: string, schema: z.ZodType<T>, value: string | undefined, required = true): T | undefined => {
      if (required && (value === undefined || value === "")) {
        ok = false;
        errors.push({ row, column, message: "is required" });
        return undefined;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      ok = false;
      errors.push({ row, column, message: parsed.error.issues[0]?.message ?? "is invalid" });
      return undefined;
    };
    const sku = check("sku", skuField, record.sku);
    const name = check("name", productNameField, record.name);
    const family = check("family", familyNameField, record.family);
    const currency = check("currency", currencyField, record.currency);
    const serialPattern = check("serial_pattern", serialPatternField, record.serial_pattern);
    const description = record.description === undefined ? undefined : check("description", descriptionField, record.description, false);
    const lifecycle = record.lifecycle ? check("lifecycle", lifecycleField, record.lifecycle) : undefined;
    const price = record.list_price_minor ?? "";
    const amountMinor = /^\d+$/.test(price) ? Number(price) : Number.NaN;
    if (!Number.isSafeInteger(amountMinor)) {
      ok = false;
      errors.push({ row, column: "list_price_minor", message: price === "" ? "is required" : "must be a whole number of minor units, 0 or more" });
    }
    if (sku !== undefined) {
      const first = firstRowOfSku.get(sku);
      if (first !== undefined) {
        ok = false;
        errors.push({ row, column: "sku", message: `duplicates the SKU of row ${first}` });
      } else firstRowOfSku.set(sku, row);
    }
    if (!ok || sku === undefined || name === undefined || family === undefined || currency === undefined || serialPattern === undefined) return;
    rows.push({ sku, name, family, description, amountMinor, currency, lifecycle, serialPattern });
  });
  return { rows, errors };
}

/**
 * Creates or updates products by SKU and creates missing families (matched by name, case-
 * insensitively). Every row is checked first; one bad row and nothing is applied.
 */
export async function importProductsCsv(ctx: AppContext, actor: AuthenticatedActor, text: string, requestId: string | null): Promise<ImportResult> {
  const records = parseCsv(text, requiredColumns);
  if (records.length > maxImportRows) {
    throw new ProblemError(413, "payload_too_large", "Too many rows", `An import may hold at most ${maxImportRows} rows; split the file`);
  }
  const { rows, errors } = validateRows(records);
  throwIfRowErrors(errors);

  const result: ImportResult = { created: 0, updated: 0, familiesCreated: [] };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const familyIds = new Map((await listAllFamilyRows(trx)).map((f) => [f.name.toLowerCase(), f.id]));
      for (const { family } of rows) {
        if (familyIds.has(family.toLowerCase())) continue;
        const row: ProductFamilyTable = { id: uuidv7(), name: family, description: "", created_at: now, updated_at: now };
        await insertFamily(trx, row);
        await recordAudit(
          trx,
          actor,
          { action: "product_family.create", entityType: "product_family", entityId: row.id, partnerId: null, after: row },
          requestId,
        );
        familyIds.set(family.toLowerCase(), row.id);
        result.familiesCreated.push(family);
      }

      const existing = new Map(
        (
          await findProductRowsBySku(
            trx,
            rows.map((r) => r.sku),
          )
        ).map((p) => [p.sku, p]),
      );
      const creates: ProductTable[] = [];
      for (const r of rows) {
        const familyId = familyIds.get(r.family.toLowerCase()) as string;
        const before = existing.get(r.sku);
        if (!before) {
          creates.push({
            id: uuidv7(),
            sku: r.sku,
            name: r.name,
            family_id: familyId,
            description: r.description ?? "",
            list_price_minor: r.amountMinor,
            currency: r.currency,
            lifecycle: r.lifecycle ?? "active",
            serial_pattern: r.serialPattern,
            image_key: null,
            image_content_type: null,
            created_at: now,
            updated_at: now,
          });
          continue;
        }
        const values: Partial<ProductTable> = {
          name: r.name,
          family_id: familyId,
          list_price_minor: r.amountMinor,
          currency: r.currency,
          serial_pattern: r.serialPattern,
          updated_at: now,
          ...(r.description === undefined ? {} : { description: r.description }),
          ...(r.lifecycle === undefined ? {} : { lifecycle: r.lifecycle }),
        };
        const { family_name: _familyName, ...beforeRow } = before;
        await updateProductRow(trx, before.id, values);
        await recordAudit(
          trx,
          actor,
          {
            action: "product.update",
            entityType: "product",
            entityId: before.id,
            partnerId: null,
            before: beforeRow,
            after: { ...beforeRow, ...values },
          },
          requestId,
        );
        result.updated += 1;
      }
      await insertProducts(trx, creates);
      for (const row of creates) {
        await recordAudit(trx, actor, { action: "product.create", entityType: "product", entityId: row.id, partnerId: null, after: row }, requestId);
      }
      result.created = creates.length;
    });
  } catch (error) {
    // Only a concurrent import or edit can collide here: every SKU was looked up in this transaction.
    if (isUniqueViolation(error)) throw conflict("A product or family was created by someone else during the import; import again");
    throw error;
  }
  return result;
}
