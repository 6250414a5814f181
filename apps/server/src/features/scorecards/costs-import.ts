import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { type CsvRowError, parseCsv, throwIfRowErrors, toCsv } from "../../platform/http/csv.js";
import { ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { exportCostLineRows, findPartnersByIdOrName } from "./costs.repository.js";
import { type CostExportQuery, type CostImportResult, costCategories } from "./costs.schemas.js";
import { currencyDigits, minorToDecimal, type NewCostLine, recordCostLines, resolveCostLine } from "./costs.service.js";
import { getRelationshipSettings } from "./settings.service.js";

// Cost lines by CSV (marketing funds spent, channel-manager hours from a timesheet...): a preview
// lists every problem by row and column and changes nothing; an apply writes every line in one
// transaction or, with any problem anywhere, none (400 import_failed with the rows). The same rules
// as the JSON route (resolveCostLine), so a line means the same however it arrived.

export const costCsvColumns = ["partner", "date", "category", "label", "amount", "hours", "purpose", "currency"] as const;
const requiredColumns = ["partner", "date", "category", "purpose"] as const;
export const maxCostImportRows = 5000;

/** An empty cell is an absent value. */
const optionalCell = (pattern: RegExp, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v))
    .pipe(z.string().regex(pattern, message).optional());

const csvRow = z.object({
  partner: z.string().min(1, "is required: the partner's id or exact name").max(200),
  date: z.iso.date({ message: "must be a date YYYY-MM-DD" }),
  // "Marketing funds" and "marketing_funds" are the same category.
  category: z
    .string()
    .transform((v) => v.toLowerCase().replace(/[\s-]+/g, "_"))
    .pipe(z.enum(costCategories, { message: `must be one of ${costCategories.join(", ")}` })),
  label: z.string().max(120, "at most 120 characters").optional(),
  amount: optionalCell(/^\d{1,12}(\.\d{1,4})?$/, "must be a positive decimal, e.g. 1250.50"),
  hours: optionalCell(/^\d{1,6}(\.\d{1,4})?$/, "must be a positive decimal of hours, e.g. 7.5"),
  purpose: z.string().min(1, "is required").max(500, "at most 500 characters"),
  currency: optionalCell(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
});
type CsvRow = z.infer<typeof csvRow>;

/** The JSON field a rule names, as the file's column. */
const columnOf = (field: string) => (field === "spentOn" ? "date" : field);

interface PlannedLine {
  row: number;
  partnerName: string;
  line: NewCostLine;
}

interface Plan {
  rowCount: number;
  currency: string;
  errors: CsvRowError[];
  lines: PlannedLine[];
}

type PartnerMatch = { kind: "one"; id: string; name: string } | { kind: "none" } | { kind: "many"; count: number };

async function partnerResolver(db: Kysely<Database>, keys: string[]): Promise<(key: string) => PartnerMatch> {
  const found = await findPartnersByIdOrName(db, [...new Set(keys)]);
  const byId = new Map(found.map((p) => [p.id, p]));
  const byName = new Map<string, { id: string; name: string }[]>();
  for (const p of found) if (p.archived_at === null) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  return (key) => {
    const exact = byId.get(key);
    if (exact) return { kind: "one", id: exact.id, name: exact.name };
    const named = byName.get(key) ?? [];
    if (named.length > 1) return { kind: "many", count: named.length };
    const [one] = named;
    return one ? { kind: "one", id: one.id, name: one.name } : { kind: "none" };
  };
}

async function planImport(db: Kysely<Database>, text: string): Promise<Plan> {
  const settings = await getRelationshipSettings(db);
  const empty = (errors: CsvRowError[], rowCount = 0): Plan => ({ rowCount, currency: settings.currency, errors, lines: [] });
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, requiredColumns);
  } catch (error) {
    if (error instanceof ProblemError) return empty(error.extra.rows ?? [{ row: 1, column: "", message: error.detail ?? error.title }]);
    throw error;
  }
  if (records.length > maxCostImportRows) {
    return empty([{ row: 1, column: "", message: `at most ${maxCostImportRows} rows at a time; this file has ${records.length}` }], records.length);
  }
  const errors: CsvRowError[] = Object.keys(records[0] ?? {})
    .filter((h) => !(costCsvColumns as readonly string[]).includes(h))
    .map((column) => ({ row: 1, column, message: `unknown column; expected ${costCsvColumns.join(", ")}` }));
  const rows: (CsvRow | null)[] = records.map((record, index) => {
    const parsed = csvRow.safeParse(record);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) errors.push({ row: index + 2, column: String(issue.path[0] ?? ""), message: issue.message });
    return null;
  });

  const partnerOf = await partnerResolver(
    db,
    rows.flatMap((r) => (r ? [r.partner] : [])),
  );
  const lines: PlannedLine[] = [];
  for (const [index, row] of rows.entries()) {
    if (!row) continue;
    const rowNumber = index + 2;
    const partner = partnerOf(row.partner);
    if (partner.kind === "none") errors.push({ row: rowNumber, column: "partner", message: `no partner with the id or exact name "${row.partner}"` });
    if (partner.kind === "many") {
      errors.push({ row: rowNumber, column: "partner", message: `${partner.count} partners are named "${row.partner}"; give the partner's id` });
    }
    const resolved = resolveCostLine(
      partner.kind === "one" ? partner.id : "",
      {
        spentOn: row.date,
        category: row.category,
        label: row.label,
        amount: row.amount,
        hours: row.hours,
        purpose: row.purpose,
        currency: row.currency,
      },
      settings,
    );
    for (const issue of resolved.issues) errors.push({ row: rowNumber, column: columnOf(issue.field), message: issue.message });
    if (resolved.line && partner.kind === "one") lines.push({ row: rowNumber, partnerName: partner.name, line: resolved.line });
  }
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { rowCount: records.length, currency: settings.currency, errors, lines: errors.length > 0 ? [] : lines };
}

function resultOf(mode: "preview" | "apply", plan: Plan, ids: string[]): CostImportResult {
  return {
    mode,
    rows: plan.rowCount,
    currency: plan.currency,
    errors: plan.errors,
    lines: plan.lines.map(({ row, partnerName, line }, index) => ({
      row,
      id: ids[index] ?? null,
      partnerId: line.partnerId,
      partnerName,
      spentOn: line.spentOn,
      category: line.category,
      label: line.label,
      amountMinor: line.amountMinor,
      hoursHundredths: line.hoursHundredths,
      purpose: line.purpose,
    })),
    totalMinor: plan.lines.reduce((sum, { line }) => sum + line.amountMinor, 0),
  };
}

/** Every problem by row and column, or every line as it would be written; changes nothing. */
export async function previewCostImport(ctx: AppContext, text: string): Promise<CostImportResult> {
  return resultOf("preview", await planImport(ctx.db, text), []);
}

/** All lines or none, with an audit entry each and one for the import. */
export async function applyCostImport(ctx: AppContext, actor: AuthenticatedActor, text: string, requestId: string): Promise<CostImportResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, text);
    throwIfRowErrors(plan.errors);
    const rows = await recordCostLines(
      trx,
      actor,
      plan.lines.map((l) => l.line),
      "csv",
      requestId,
    );
    const result = resultOf(
      "apply",
      plan,
      rows.map((r) => r.id),
    );
    await recordAudit(
      trx,
      actor,
      {
        action: "cost_lines.import",
        entityType: "partner_cost_import",
        entityId: uuidv7(),
        partnerId: null,
        after: { rows: plan.rowCount, lines: rows.length, totalMinor: result.totalMinor, currency: plan.currency },
      },
      requestId,
    );
    return result;
  });
}

export const costExportColumns = [
  "id",
  "partner_id",
  "partner",
  "date",
  "category",
  "label",
  "amount",
  "currency",
  "hours",
  "purpose",
  "source",
  "created_at",
  "created_by",
  "voided_at",
  "void_reason",
] as const;

/** Every line (voided ones too, marked), oldest first; the amount in its currency's decimals. */
export async function exportCostLinesCsv(ctx: AppContext, filters: CostExportQuery): Promise<string> {
  const rows = await exportCostLineRows(ctx.db, filters);
  return toCsv(
    costExportColumns,
    rows.map((r) => ({
      id: r.id,
      partner_id: r.partner_id,
      partner: r.partner_name,
      date: r.spent_on,
      category: r.category,
      label: r.label,
      amount: minorToDecimal(Number(r.amount_minor), currencyDigits(r.currency)),
      currency: r.currency,
      hours: r.hours_hundredths === null ? "" : minorToDecimal(Number(r.hours_hundredths), 2),
      purpose: r.purpose,
      source: r.source,
      created_at: r.created_at,
      created_by: r.created_by_name ?? "",
      voided_at: r.voided_at ?? "",
      void_reason: r.void_reason ?? "",
    })),
  );
}
