import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { type CsvRowError, parseCsv, throwIfRowErrors, toCsv } from "../../platform/http/csv.js";
import type { IdempotentResponse } from "../../platform/http/idempotency.js";
import { ProblemError } from "../../platform/http/problem.js";
import { getRelationshipSettings } from "../scorecards/settings.service.js";
import { findLinePage } from "./sell-through.repository.js";
import {
  type ExportQuery,
  maxLinesPerBatch,
  maxQuantity,
  maxSerialsPerLine,
  type RecordResult,
  type SellThroughLineInput,
} from "./sell-through.schemas.js";
import { assertPartner, writeBatch } from "./sell-through.service.js";
import {
  amountOf,
  type CheckedLine,
  checkLines,
  foldMonths,
  type LineField,
  minorDigitsOf,
  parseAmount,
  splitSerials,
  summariseMonths,
} from "./sell-through-lines.js";

// A partner's sell-through by CSV: a preview checks every row and changes nothing; an apply
// records every line in one transaction or, at the first problem anywhere, none (400 import_failed
// with every problem's row and column). The export writes the same columns, so a file round-trips.

export const sellThroughCsvColumns = ["date", "sku", "quantity", "net_amount", "currency", "serials", "end_customer"] as const;
type CsvColumn = (typeof sellThroughCsvColumns)[number];
const requiredColumns = ["date", "sku", "quantity", "net_amount"] as const;

const columnOf: Record<LineField, CsvColumn> = {
  date: "date",
  sku: "sku",
  quantity: "quantity",
  netAmountMinor: "net_amount",
  currency: "currency",
  serials: "serials",
  endCustomer: "end_customer",
};

const csvRow = z.object({
  date: z.iso.date({ message: "must be a date YYYY-MM-DD" }),
  sku: z.string().min(1, "is required").max(64, "at most 64 characters"),
  quantity: z
    .string()
    .regex(/^-?\d{1,7}$/, "must be a whole number; negative for a return")
    .refine((q) => Number(q) !== 0, "must not be 0")
    .refine((q) => Math.abs(Number(q)) <= maxQuantity, `at most ${maxQuantity} either way`),
  net_amount: z.string().min(1, "is required"),
  currency: z.union([z.literal(""), z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")]).optional(),
  serials: z.string().max(200_000, "too long").optional(),
  end_customer: z.string().max(200, "at most 200 characters").optional(),
});

interface Plan {
  rowCount: number;
  errors: CsvRowError[];
  checked: CheckedLine[];
  currency: string;
}

/** The row's line, or its problems (a row number as a spreadsheet shows it: the header is row 1). */
function lineOfRow(record: Record<string, string>, rowNumber: number, digits: number, errors: CsvRowError[]): SellThroughLineInput | null {
  const parsed = csvRow.safeParse(record);
  const before = errors.length;
  const fail = (column: string, message: string) => errors.push({ row: rowNumber, column, message });
  if (!parsed.success) for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? ""), issue.message);
  const amount = parseAmount(record.net_amount ?? "", digits);
  if ((record.net_amount ?? "") !== "" && "error" in amount) fail("net_amount", amount.error);
  const serials = splitSerials(record.serials ?? "");
  if (serials.length > maxSerialsPerLine) fail("serials", `at most ${maxSerialsPerLine} serials in a row`);
  const long = serials.find((s) => s.length > 100);
  if (long !== undefined) fail("serials", `serial ${long.slice(0, 20)}... is longer than 100 characters`);
  if (!parsed.success || errors.length > before || "error" in amount) return null;
  const row = parsed.data;
  return {
    date: row.date,
    sku: row.sku,
    quantity: Number(row.quantity),
    netAmountMinor: amount.minor,
    ...(row.currency ? { currency: row.currency } : {}),
    ...(serials.length > 0 ? { serials } : {}),
    endCustomer: row.end_customer ?? "",
  };
}

async function planImport(db: Kysely<Database>, text: string): Promise<Plan> {
  const { currency } = await getRelationshipSettings(db);
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, requiredColumns);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { rowCount: 0, errors: error.extra.rows ?? [{ row: 1, column: "", message: error.detail ?? error.title }], checked: [], currency };
  }
  if (records.length > maxLinesPerBatch) {
    const message = `at most ${maxLinesPerBatch} rows at a time; this file has ${records.length}`;
    return { rowCount: records.length, errors: [{ row: 1, column: "", message }], checked: [], currency };
  }
  const errors: CsvRowError[] = Object.keys(records[0] ?? {})
    .filter((h) => !(sellThroughCsvColumns as readonly string[]).includes(h))
    .map((column) => ({ row: 1, column, message: `unknown column; expected ${sellThroughCsvColumns.join(", ")}` }));
  const digits = minorDigitsOf(currency);
  const lines = records.map((record, index) => lineOfRow(record, index + 2, digits, errors));
  const { checked, issues } = await checkLines(db, lines, currency);
  for (const issue of issues) errors.push({ row: issue.index + 2, column: columnOf[issue.field], message: issue.message });
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { rowCount: records.length, errors, checked, currency };
}

/** Every problem by row, or what the file would add per month; changes nothing. */
export async function previewSellThroughImport(ctx: AppContext, actor: AuthenticatedActor, partnerId: string, text: string): Promise<RecordResult> {
  await assertPartner(ctx.db, actor, partnerId, true);
  const plan = await planImport(ctx.db, text);
  const ok = plan.errors.length === 0;
  return {
    mode: "preview",
    batchId: null,
    currency: plan.currency,
    rows: plan.rowCount,
    lines: ok ? plan.checked.length : 0,
    errors: plan.errors,
    months: ok ? summariseMonths(foldMonths(partnerId, plan.checked)) : [],
  };
}

/** All lines or none, inside the caller's transaction (the Idempotency-Key's when one was sent). */
export async function applySellThroughImport(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
  text: string,
  fileName: string | null,
  requestId: string,
): Promise<IdempotentResponse<RecordResult>> {
  await assertPartner(trx, actor, partnerId, true);
  const plan = await planImport(trx, text);
  throwIfRowErrors(plan.errors);
  const batch = await writeBatch(trx, actor, partnerId, plan.checked, "csv", fileName, requestId);
  return {
    status: 201,
    body: {
      mode: "apply",
      batchId: batch.batchId,
      currency: plan.currency,
      rows: plan.rowCount,
      lines: batch.lines,
      errors: [],
      months: summariseMonths(batch.rollup),
    },
  };
}

/** Rows per read of the export: each read stays short, and other requests run between them. */
const exportChunk = 2000;
const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

/** A partner's lines as CSV, oldest sale first, in the import's columns. */
export async function exportSellThroughCsv(ctx: AppContext, actor: AuthenticatedActor, partnerId: string, query: ExportQuery): Promise<string> {
  await assertPartner(ctx.db, actor, partnerId, false);
  const parts: string[] = [];
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await findLinePage(ctx.db, partnerId, query, { after, limit: exportChunk, order: "asc" });
    const csv = toCsv(
      sellThroughCsvColumns,
      rows.map(
        (row): Record<CsvColumn, string | number> => ({
          date: row.sale_date,
          sku: row.sku,
          quantity: Number(row.quantity),
          net_amount: amountOf(Number(row.net_minor), minorDigitsOf(row.currency)),
          currency: row.currency,
          serials: row.serials,
          end_customer: row.end_customer,
        }),
      ),
    );
    // Every chunk is written with the header; keep it once.
    parts.push(parts.length === 0 ? csv : csv.slice(csv.indexOf("\n") + 1));
    const last = rows[rows.length - 1];
    if (rows.length < exportChunk || !last) break;
    after = [last.sale_date, last.id];
    await yieldToOthers();
  }
  return parts.join("");
}
