import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, SellThroughLineTable, SellThroughMonthTable, SellThroughSource } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, businessRule, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { getPartner } from "../partners/partners.service.js";
import { getRelationshipSettings } from "../scorecards/settings.service.js";
import {
  addToMonths,
  deleteMargin,
  findFamilyIds,
  findFamilyMargins,
  findLinePage,
  findMarginRows,
  findPartnerMonths,
  insertBatch,
  insertLines,
  type LineRow,
  upsertMargin,
} from "./sell-through.repository.js";
import type { LineQuery, MarginsInput, MarginsView, SellThroughLine, SellThroughLineInput } from "./sell-through.schemas.js";
import { type CheckedLine, checkLines, foldMonths, type LineField } from "./sell-through-lines.js";

// Sell-through a partner reports (docs/sell-through.md): append-only lines, a return being a line
// with negative quantity and amount, and the rollup per partner, month and family kept in the same
// transaction as the lines, so the scorecards read revenue and margin without touching the lines.

export interface PartnerSellThroughMonth {
  partnerId: string;
  /** YYYY-MM. */
  month: string;
  /** Net amounts summed over families (returns subtract), in minor units of the reporting currency. */
  revenueMinor: number;
  /** Sum over families of Math.round(revenue x margin_bps / 10000), with today's family margins (the default for a family without one). */
  marginMinor: number;
  units: number;
  /** Lines reported that month, returns included: above 0 means the partner reported sell-through. */
  lines: number;
}

/**
 * Revenue and margin per partner and month from the rollup, ordered by month then partner: one
 * range read on sell_through_months (its month index) joined to the family margins; a family
 * without a margin takes the relationship settings' default. Months without lines are absent.
 */
export async function sellThroughByPartner(
  db: Kysely<Database>,
  options: { fromMonth: string; toMonth: string; partnerIds?: readonly string[] },
): Promise<PartnerSellThroughMonth[]> {
  if (options.partnerIds?.length === 0) return [];
  const { defaultMarginBps } = await getRelationshipSettings(db);
  const rows = await findPartnerMonths(db, { ...options, partnerIds: options.partnerIds, defaultMarginBps });
  return rows.map((row) => ({
    partnerId: row.partner_id,
    month: row.month,
    revenueMinor: Number(row.revenue_minor),
    marginMinor: Number(row.margin_minor),
    units: Number(row.units),
    lines: Number(row.lines),
  }));
}

/** Every product family with its margin (null: the default applies) and the margin actually used. */
export async function familyMargins(db: Kysely<Database>): Promise<MarginsView> {
  const [rows, settings] = await Promise.all([findFamilyMargins(db), getRelationshipSettings(db)]);
  return {
    currency: settings.currency,
    defaultMarginBps: settings.defaultMarginBps,
    families: rows.map((row) => ({
      familyId: row.family_id,
      familyName: row.family_name,
      marginBps: row.margin_bps === null ? null : Number(row.margin_bps),
      effectiveMarginBps: row.margin_bps === null ? settings.defaultMarginBps : Number(row.margin_bps),
      updatedAt: row.updated_at,
    })),
  };
}

/** Sets (or, with null, clears back to the default) the margin of each family named; the others stay. */
export async function setFamilyMargins(ctx: Pick<AppContext, "db">, actor: AuthenticatedActor, input: MarginsInput, requestId: string | null = null) {
  await ctx.db.transaction().execute(async (trx) => {
    const ids = input.margins.map((m) => m.familyId);
    const known = await findFamilyIds(trx, ids);
    const unknown = input.margins.flatMap((m, i) =>
      known.has(m.familyId) ? [] : [{ path: `body.margins.${i}.familyId`, message: "no such product family" }],
    );
    if (unknown.length > 0) throw badRequest("A familyId does not name a product family", unknown);
    const before = new Map((await findMarginRows(trx, ids)).map((row) => [row.family_id, Number(row.margin_bps)]));
    const now = nowIso();
    for (const { familyId, marginBps } of input.margins) {
      const was = before.get(familyId) ?? null;
      if (was === marginBps) continue;
      if (marginBps === null) await deleteMargin(trx, familyId);
      else
        await upsertMargin(trx, {
          family_id: familyId,
          margin_bps: marginBps,
          updated_by: actor.kind === "user" ? actor.userId : null,
          updated_at: now,
        });
      await recordAudit(
        trx,
        actor,
        {
          action: "product_family_margin.set",
          entityType: "product_family",
          entityId: familyId,
          partnerId: null,
          before: { marginBps: was },
          after: { marginBps },
        },
        requestId,
      );
    }
  });
  return familyMargins(ctx.db);
}

/** One family's margin in basis points (3500 = 35 %); null goes back to the default. */
export function setFamilyMargin(
  ctx: Pick<AppContext, "db">,
  actor: AuthenticatedActor,
  familyId: string,
  marginBps: number | null,
  requestId: string | null = null,
): Promise<MarginsView> {
  return setFamilyMargins(ctx, actor, { margins: [{ familyId, marginBps }] }, requestId);
}

/** The partner as the actor may see it (404 otherwise); writing needs it not archived. */
export async function assertPartner(db: Kysely<Database>, actor: AuthenticatedActor, partnerId: string, write: boolean): Promise<void> {
  const partner = await getPartner(db, actor, partnerId);
  if (write && partner.archivedAt !== null) throw businessRule("The partner is archived: restore it before reporting sell-through for it");
}

export interface RecordedBatch {
  batchId: string;
  lines: number;
  /** The rollup rows the batch added, per month and family. */
  rollup: SellThroughMonthTable[];
}

/** Writes checked lines, their batch, the rollup and the audit entry, inside the caller's transaction. */
export async function writeBatch(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
  lines: readonly CheckedLine[],
  source: SellThroughSource,
  fileName: string | null,
  requestId: string | null,
): Promise<RecordedBatch> {
  const batchId = uuidv7();
  const now = nowIso();
  const rollup = foldMonths(partnerId, lines);
  await insertBatch(trx, {
    id: batchId,
    partner_id: partnerId,
    source,
    file_name: fileName,
    lines: lines.length,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: now,
  });
  await insertLines(
    trx,
    lines.map(
      (line): SellThroughLineTable => ({
        id: uuidv7(),
        partner_id: partnerId,
        batch_id: batchId,
        sale_date: line.saleDate,
        product_id: line.productId,
        family_id: line.familyId,
        quantity: line.quantity,
        net_minor: line.netMinor,
        currency: line.currency,
        serials: line.serials.join(" "),
        end_customer: line.endCustomer,
        created_at: now,
      }),
    ),
  );
  await addToMonths(trx, rollup);
  await recordAudit(
    trx,
    actor,
    {
      action: "sell_through.record",
      entityType: "sell_through_batch",
      entityId: batchId,
      partnerId,
      after: {
        source,
        fileName,
        lines: lines.length,
        revenueMinor: rollup.reduce((sum, row) => sum + row.revenue_minor, 0),
        units: rollup.reduce((sum, row) => sum + row.units, 0),
        months: [...new Set(rollup.map((row) => row.month))],
      },
    },
    requestId,
  );
  return { batchId, lines: lines.length, rollup };
}

const fieldNames: Record<LineField, string> = {
  date: "date",
  sku: "sku",
  quantity: "quantity",
  netAmountMinor: "netAmountMinor",
  currency: "currency",
  serials: "serials",
  endCustomer: "endCustomer",
};
/** A problem names at most this many fields; the detail gives the total. */
const maxFields = 200;

/** Checks API lines and writes them in the caller's transaction, or throws 400 naming every bad field. */
export async function recordLinesIn(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  partnerId: string,
  lines: readonly SellThroughLineInput[],
  source: SellThroughSource,
  fileName: string | null,
  requestId: string | null,
): Promise<RecordedBatch & { currency: string }> {
  await assertPartner(trx, actor, partnerId, true);
  const { currency } = await getRelationshipSettings(trx);
  const { checked, issues } = await checkLines(trx, lines, currency);
  if (issues.length > 0) {
    const fields = issues
      .slice(0, maxFields)
      .map((issue) => ({ path: `body.lines.${issue.index}.${fieldNames[issue.field]}`, message: issue.message }));
    throw badRequest(`${issues.length} problem(s) in the lines; nothing was recorded`, fields);
  }
  return { ...(await writeBatch(trx, actor, partnerId, checked, source, fileName, requestId)), currency };
}

/**
 * For other features, the demo and the bench: checks and records a partner's lines in one
 * transaction, all or none (400 naming the bad lines). Returns the months touched, so the caller
 * can refresh the scorecard figures of those months.
 */
export async function recordSellThrough(
  ctx: Pick<AppContext, "db">,
  actor: AuthenticatedActor,
  partnerId: string,
  lines: readonly SellThroughLineInput[],
  source: SellThroughSource,
  fileName?: string,
  requestId: string | null = null,
): Promise<{ batchId: string; lines: number; months: string[] }> {
  const batch = await ctx.db.transaction().execute((trx) => recordLinesIn(trx, actor, partnerId, lines, source, fileName ?? null, requestId));
  return { batchId: batch.batchId, lines: batch.lines, months: monthsOf(batch.rollup) };
}

export function monthsOf(rollup: readonly SellThroughMonthTable[]): string[] {
  return [...new Set(rollup.map((row) => row.month))].sort();
}

export function toLine(row: LineRow): SellThroughLine {
  return {
    id: row.id,
    batchId: row.batch_id,
    date: row.sale_date,
    productId: row.product_id,
    sku: row.sku,
    productName: row.product_name,
    familyId: row.family_id,
    familyName: row.family_name,
    quantity: Number(row.quantity),
    netAmount: { amountMinor: Number(row.net_minor), currency: row.currency },
    serials: row.serials === "" ? [] : row.serials.split(" "),
    endCustomer: row.end_customer,
    source: row.source,
    createdAt: row.created_at,
  };
}

function decodeLineCursor(cursor: string | undefined): [string, string] | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [date, id] = values;
  if (typeof date !== "string" || typeof id !== "string") {
    throw new ProblemError(400, "validation_failed", "Invalid request", "cursor is not valid", {
      fields: [{ path: "cursor", message: "not a cursor this list issued" }],
    });
  }
  return [date, id];
}

/** A partner's lines, newest sale first. */
export async function listSellThrough(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  query: LineQuery,
): Promise<Page<SellThroughLine>> {
  const after = decodeLineCursor(query.cursor);
  await assertPartner(ctx.db, actor, partnerId, false);
  const rows = await findLinePage(ctx.db, partnerId, query, { after, limit: query.limit + 1, order: "desc" });
  return toPage(rows.map(toLine), query.limit, (line) => [line.date, line.id]);
}
