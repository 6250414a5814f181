import type { Kysely } from "kysely";
import { z } from "zod";
import { isUniqueViolation } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { type CsvRowError, parseCsv } from "../../platform/http/csv.js";
import type { IdempotentResponse } from "../../platform/http/idempotency.js";
import { conflict, forbidden, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import type { ProductSerialRef } from "../products/products.service.js";
import type { RepForClaim } from "./claim-scoring.js";
import { type ClaimDraft, type ClaimIssue, checkClaims } from "./claim-validation.js";
import { findPartnerUsersByEmail, findProductsForImport } from "./claims.repository.js";
import type { ImportResult } from "./claims.schemas.js";
import { claimableRep, fileClaimIn, filer, isDeadlock } from "./claims.service.js";
import { getIncentiveSettings } from "./incentive-settings.service.js";

// Bulk claims by CSV for a partner admin: one row per unit sold, the rows of one invoice form one
// claim. A dry run checks and scores the file and changes nothing; an apply files every claim in one
// transaction or, at the first problem anywhere, none (422 import_failed with every problem's row).

export const claimCsvColumns = [
  "rep_email",
  "invoice_number",
  "invoice_date",
  "end_customer",
  "sku",
  "serial",
  "unit_net_minor",
  "currency",
] as const;
const requiredColumns = ["rep_email", "invoice_number", "invoice_date", "end_customer", "sku", "serial"] as const;
export const maxImportRows = 5000;

const cell = (max: number) => z.string().trim().min(1, "is required").max(max, `at most ${max} characters`);
const csvRow = z.object({
  rep_email: z.email({ message: "is not an e-mail address" }).max(254),
  invoice_number: cell(100),
  invoice_date: z.iso.date({ message: "must be a date YYYY-MM-DD" }),
  end_customer: cell(200),
  sku: cell(64),
  serial: cell(100),
  unit_net_minor: z.union([z.literal(""), z.string().regex(/^\d{1,13}$/, "must be a whole number of minor units, 0 or more")]).optional(),
  currency: z.union([z.literal(""), z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")]).optional(),
});
type CsvRow = z.infer<typeof csvRow>;

interface PlannedClaim {
  draft: ClaimDraft;
  rep: RepForClaim & { email: string };
  rows: number[];
  /** Row of each line (its first) and of each serial, for turning problems into rows. */
  lineRows: number[];
  serialRows: number[][];
}

interface Plan {
  rowCount: number;
  errors: CsvRowError[];
  claims: PlannedClaim[];
  products: Map<string, ProductSerialRef>;
}

const failed = (errors: CsvRowError[]) =>
  new ProblemError(422, "import_failed", "Nothing was imported", `${errors.length} problem(s) in the file; fix them and import again`, {
    rows: errors,
  });

/** Every row checked, grouped into claims and checked as claims, inside the caller's transaction. */
async function planImport(db: Kysely<Database>, partnerId: string, text: string): Promise<Plan> {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, requiredColumns);
  } catch (error) {
    if (error instanceof ProblemError) {
      return {
        rowCount: 0,
        errors: error.extra.rows ?? [{ row: 1, column: "", message: error.detail ?? error.title }],
        claims: [],
        products: new Map(),
      };
    }
    throw error;
  }
  if (records.length > maxImportRows) {
    const message = `at most ${maxImportRows} rows at a time; this file has ${records.length}`;
    return { rowCount: records.length, errors: [{ row: 1, column: "", message }], claims: [], products: new Map() };
  }
  const errors: CsvRowError[] = Object.keys(records[0] ?? {})
    .filter((h) => !(claimCsvColumns as readonly string[]).includes(h))
    .map((column) => ({ row: 1, column, message: `unknown column; expected ${claimCsvColumns.join(", ")}` }));
  const rows: (CsvRow | null)[] = records.map((record, index) => {
    const parsed = csvRow.safeParse(record);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) errors.push({ row: index + 2, column: String(issue.path[0] ?? ""), message: issue.message });
    return null;
  });

  const valid = rows.filter((r): r is CsvRow => r !== null);
  const products = await findProductsForImport(
    db,
    valid.map((r) => r.sku),
  );
  const users = await findPartnerUsersByEmail(db, partnerId, [...new Set(valid.map((r) => r.rep_email.toLowerCase()))]);
  const reps = new Map<string, (RepForClaim & { email: string }) | null>();
  for (const user of users) {
    const rep = user.status === "active" ? await claimableRep(db, partnerId, user.id) : undefined;
    reps.set(user.email.toLowerCase(), rep ? { ...rep, email: user.email } : null);
  }

  const byInvoice = new Map<string, PlannedClaim>();
  for (const [index, row] of rows.entries()) {
    const rowNumber = index + 2;
    if (!row) continue;
    const fail = (column: string, message: string) => errors.push({ row: rowNumber, column, message });
    const rep = reps.get(row.rep_email.toLowerCase());
    const product = products.get(row.sku);
    if (!rep) fail("rep_email", "is not an active sales rep or partner admin of your partner");
    if (!product) fail("sku", `no product with SKU ${row.sku}`);
    if ((row.unit_net_minor ?? "") === "" && (row.currency ?? "") !== "") fail("unit_net_minor", "is required when currency is given");
    if (!rep || !product) continue;
    const unitNetMinor = row.unit_net_minor ? Number(row.unit_net_minor) : product.list_price_minor;
    const currency = row.currency || product.currency;
    let claim = byInvoice.get(row.invoice_number);
    if (!claim) {
      claim = {
        draft: { invoiceNumber: row.invoice_number, invoiceDate: row.invoice_date, endCustomer: row.end_customer, lines: [] },
        rep,
        rows: [],
        lineRows: [],
        serialRows: [],
      };
      byInvoice.set(row.invoice_number, claim);
    }
    const mismatch = invoiceMismatch(claim, rep.id, row);
    if (mismatch) {
      fail(mismatch.column, mismatch.message);
      continue;
    }
    claim.rows.push(rowNumber);
    let lineIndex = claim.draft.lines.findIndex((l) => l.productId === product.id && l.unitNetMinor === unitNetMinor && l.currency === currency);
    if (lineIndex < 0) {
      lineIndex = claim.draft.lines.push({ productId: product.id, quantity: 0, unitNetMinor, currency, serials: [] }) - 1;
      claim.lineRows.push(rowNumber);
      claim.serialRows.push([]);
    }
    const line = claim.draft.lines[lineIndex] as ClaimDraft["lines"][number];
    line.serials.push(row.serial);
    line.quantity += 1;
    claim.serialRows[lineIndex]?.push(rowNumber);
  }

  const claims = [...byInvoice.values()];
  const settings = await getIncentiveSettings(db);
  const { issues, products: checked } = await checkClaims(
    db,
    claims.map((c) => c.draft),
    settings.claimWindowDays,
  );
  for (const issue of issues) errors.push(rowErrorOf(claims, issue));
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { rowCount: records.length, errors, claims, products: checked };
}

/** The rows of one invoice must agree on who sold it, when and to whom. */
function invoiceMismatch(claim: PlannedClaim, repId: string, row: CsvRow): { column: string; message: string } | null {
  const first = claim.rows[0];
  const invoice = `invoice ${row.invoice_number}`;
  if (claim.rep.id !== repId) return { column: "rep_email", message: `${invoice} is claimed for ${claim.rep.email} on row ${first}` };
  if (claim.draft.invoiceDate !== row.invoice_date)
    return { column: "invoice_date", message: `${invoice} is dated ${claim.draft.invoiceDate} on row ${first}` };
  if (claim.draft.endCustomer !== row.end_customer)
    return { column: "end_customer", message: `${invoice} is for ${claim.draft.endCustomer} on row ${first}` };
  return null;
}

function rowErrorOf(claims: PlannedClaim[], issue: ClaimIssue): CsvRowError {
  const claim = claims[issue.claim] as PlannedClaim;
  const [field, line, , serial] = issue.path;
  if (field === "lines" && typeof line === "number" && typeof serial === "number") {
    return { row: claim.serialRows[line]?.[serial] ?? 0, column: "serial", message: issue.message };
  }
  if (field === "lines" && typeof line === "number") return { row: claim.lineRows[line] ?? 0, column: "sku", message: issue.message };
  return { row: claim.rows[0] ?? 0, column: field === "invoiceDate" ? "invoice_date" : String(field), message: issue.message };
}

/** Files every planned claim in the caller's transaction; the rows must be free of errors. */
async function applyPlan(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  plan: Plan,
  importId: string,
  requestId: string,
): Promise<ImportResult["claims"]> {
  const who = filer(actor);
  const settings = await getIncentiveSettings(trx);
  const result: ImportResult["claims"] = [];
  // Filed rep by rep (id order), so the reps' account locks are taken in the order every other
  // writer takes them; the answer keeps the file's order.
  const order = [...plan.claims.keys()].sort((a, b) => (plan.claims[a]?.rep.id ?? "").localeCompare(plan.claims[b]?.rep.id ?? "") || a - b);
  for (const index of order) {
    const claim = plan.claims[index] as PlannedClaim;
    const row = await fileClaimIn(trx, actor, who.userId, claim.rep, claim.draft, plan.products, settings, requestId, importId);
    result[index] = {
      id: row.id,
      invoiceNumber: claim.draft.invoiceNumber,
      rep: { id: claim.rep.id, email: claim.rep.email },
      rows: claim.rows,
      units: claim.draft.lines.reduce((sum, line) => sum + line.quantity, 0),
      points: Number(row.points),
      status: row.status,
    };
  }
  return result;
}

function adminOf(actor: AuthenticatedActor) {
  const who = filer(actor);
  if (!who.admin) throw forbidden("Bulk claims are filed by the partner admin");
  return who;
}

class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/** The preview: the file's problems by row, or every claim as it would be filed, then rolled back. */
export async function previewClaimImport(ctx: AppContext, actor: AuthenticatedActor, text: string, requestId: string): Promise<ImportResult> {
  const who = adminOf(actor);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const plan = await planImport(trx, who.partnerId, text);
      if (plan.errors.length > 0) throw new DryRunDone({ dryRun: true, rows: plan.rowCount, errors: plan.errors, claims: [] });
      const claims = await applyPlan(trx, actor, plan, "dry-run", requestId);
      throw new DryRunDone({ dryRun: true, rows: plan.rowCount, errors: [], claims: claims.map((c) => ({ ...c, id: null })) });
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    // PostgreSQL: a simultaneous claim took a serial of the file while the preview ran.
    if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
    const plan = await planImport(ctx.db, who.partnerId, text);
    return { dryRun: true, rows: plan.rowCount, errors: plan.errors, claims: [] };
  }
  throw new Error("a dry run always rolls back");
}

/** The apply, inside the Idempotency-Key's transaction: all claims or none. */
export async function applyClaimImport(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  text: string,
  requestId: string,
): Promise<IdempotentResponse<ImportResult>> {
  const who = adminOf(actor);
  const plan = await planImport(trx, who.partnerId, text);
  if (plan.errors.length > 0) throw failed(plan.errors);
  const importId = uuidv7();
  const claims = await applyPlan(trx, actor, plan, importId, requestId);
  await recordAudit(
    trx,
    actor,
    {
      action: "incentive_claims.import",
      entityType: "incentive_claim_import",
      entityId: importId,
      partnerId: who.partnerId,
      after: { rows: plan.rowCount, claims: claims.length, approved: claims.filter((c) => c.status === "approved").length },
    },
    requestId,
  );
  return { status: 201, body: { dryRun: false, rows: plan.rowCount, errors: [], claims } };
}

/** A simultaneous claim took a serial while the import ran (PostgreSQL): answer with the rows it hit. */
export async function importConflict(ctx: AppContext, actor: AuthenticatedActor, text: string, error: unknown): Promise<unknown> {
  if (!isUniqueViolation(error) && !isDeadlock(error)) return error;
  const plan = await planImport(ctx.db, adminOf(actor).partnerId, text);
  return plan.errors.length > 0
    ? failed(plan.errors)
    : conflict("A serial in the file was claimed at the same moment; import again", "serial_claimed");
}
