import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { FastifyReply } from "fastify";
import { ProblemError } from "./problem.js";

export interface CsvRowError {
  row: number;
  column: string;
  message: string;
}

/**
 * A cell a spreadsheet would run as a formula (names and notes can come from the public
 * application form) gets a leading apostrophe on export; import takes it off again, so a file
 * round-trips unchanged (a phone number "+1 555" exports as "'+1 555" and imports as "+1 555").
 * toCsv and parseCsv apply them to every cell, so every feature's CSV gets the same defence.
 */
const formulaStart = /^[=+\-@\t\r]/;
export const neutraliseFormula = (value: string): string => (formulaStart.test(value) ? `'${value}` : value);
export const restoreFormula = (value: string): string => (value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value);

/**
 * Parses a CSV with a header row into records keyed by header, each cell trimmed and with the
 * export's formula apostrophe taken off. Row numbers in errors are the line a spreadsheet user
 * sees: the header is row 1, the first record row 2.
 */
export function parseCsv(text: string, requiredColumns: readonly string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: true,
      cast: (value: string) => restoreFormula(value),
    });
  } catch (error) {
    throw new ProblemError(400, "import_failed", "The CSV could not be read", String((error as Error).message));
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (records.length === 0) throw new ProblemError(400, "import_failed", "The CSV has no rows", "Add a header row and at least one row");
  if (missing.length > 0) {
    throw new ProblemError(400, "import_failed", "The CSV is missing columns", `Missing column(s): ${missing.join(", ")}`, {
      rows: missing.map((column) => ({ row: 1, column, message: "column is missing from the header" })),
    });
  }
  return records;
}

/** All-or-nothing: call before applying anything when any row failed. */
export function throwIfRowErrors(errors: CsvRowError[]): void {
  if (errors.length === 0) return;
  throw new ProblemError(400, "import_failed", "Nothing was imported", `${errors.length} problem(s) in the file; fix them and import again`, {
    rows: errors,
  });
}

/** Text cells are neutralised against formulas (numbers are written as they are). */
export function toCsv(columns: readonly string[], rows: Record<string, string | number | null>[]): string {
  return stringify(rows, { header: true, columns: [...columns], cast: { string: neutraliseFormula } });
}

export function sendCsv(reply: FastifyReply, fileName: string, csv: string) {
  return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${fileName}"`).send(csv);
}
