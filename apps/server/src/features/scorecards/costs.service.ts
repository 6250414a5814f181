import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { CostCategory, CostLineSource, Database, PartnerCostLineTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { partnerExists } from "../partners/partners.service.js";
import {
  addToCostMonths,
  type CostLineRow,
  type CostMonthDelta,
  findCostLine,
  findCostLinesByIds,
  findCostMonths,
  insertCostLines,
  listCostLineRows,
  markCostLineVoided,
} from "./costs.repository.js";
import type { CostLine, CostLineInput, CostLineQuery } from "./costs.schemas.js";
import { getRelationshipSettings, type RelationshipSettings } from "./settings.service.js";

// Cost lines (docs/relationships.md, "Resources consumed"): money and hours the vendor spends on a
// partner, each keeping its source. partner_cost_months is kept in the same transaction as every
// write, so the figures refresh reads one small range instead of summing lines.

/** The digits after the decimal point of a currency (EUR 2, JPY 0, KWD 3), from the runtime's ISO 4217 data. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "1250.5" with 2 digits -> 125050; null when it has more decimals than allowed. Exact: no floating point. */
export function decimalToMinor(text: string, digits: number): number | null {
  const [whole = "0", fraction = ""] = text.split(".");
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

export function minorToDecimal(minor: number, digits: number): string {
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A cost line as written: money in minor units of the reporting currency, hours x 100. */
export interface NewCostLine {
  partnerId: string;
  spentOn: string;
  category: CostCategory;
  label: string;
  amountMinor: number;
  hoursHundredths: number | null;
  purpose: string;
}

export interface CostLineIssue {
  field: "spentOn" | "category" | "label" | "amount" | "hours" | "purpose" | "currency";
  message: string;
}

/** Lines may be dated today anywhere on Earth (UTC+14), never later. */
const latestSpentOn = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
const maxHoursHundredths = 100_000_00;

/**
 * The rules that tie a line's fields together, for the JSON route and the CSV import alike: a
 * channel manager's line is hours (its amount defaults to hours x the cost per hour), training may
 * carry instructor hours, other lines are money; "other" says what it is.
 */
export function resolveCostLine(
  partnerId: string,
  input: CostLineInput,
  settings: Pick<RelationshipSettings, "currency" | "channelManagerCostPerHourMinor">,
): { line: NewCostLine; issues: [] } | { line: null; issues: CostLineIssue[] } {
  const issues: CostLineIssue[] = [];
  const digits = currencyDigits(settings.currency);
  if (input.spentOn > latestSpentOn()) issues.push({ field: "spentOn", message: "must not be in the future" });
  if (input.currency !== undefined && input.currency !== settings.currency) {
    issues.push({ field: "currency", message: `must be the reporting currency ${settings.currency}` });
  }
  const label = input.label ?? "";
  if (input.category === "other" && label === "") issues.push({ field: "label", message: "is required for category other" });

  let hoursHundredths: number | null = null;
  if (input.hours !== undefined) {
    hoursHundredths = decimalToMinor(input.hours, 2);
    if (input.category !== "channel_manager" && input.category !== "training") {
      issues.push({ field: "hours", message: "only channel_manager and training lines carry hours" });
    } else if (hoursHundredths === null) issues.push({ field: "hours", message: "at most 2 decimals" });
    else if (hoursHundredths <= 0 || hoursHundredths > maxHoursHundredths)
      issues.push({ field: "hours", message: "must be above 0 and at most 100000" });
  } else if (input.category === "channel_manager") issues.push({ field: "hours", message: "is required for channel_manager lines" });

  let amountMinor: number | null = null;
  if (input.amount !== undefined) {
    amountMinor = decimalToMinor(input.amount, digits);
    if (amountMinor === null) issues.push({ field: "amount", message: `at most ${digits} decimals in ${settings.currency}` });
    else if (amountMinor <= 0) issues.push({ field: "amount", message: "must be above 0" });
    else if (!Number.isSafeInteger(amountMinor)) issues.push({ field: "amount", message: "is too large" });
  } else if (input.category !== "channel_manager") issues.push({ field: "amount", message: `is required for ${input.category} lines` });

  if (issues.length > 0) return { line: null, issues };
  const amount = amountMinor ?? Math.round(((hoursHundredths ?? 0) * settings.channelManagerCostPerHourMinor) / 100);
  return {
    line: { partnerId, spentOn: input.spentOn, category: input.category, label, amountMinor: amount, hoursHundredths, purpose: input.purpose },
    issues: [],
  };
}

/** Sums per (partner, month, category) in key order; `sign` -1 takes lines out (a void). */
function monthDeltas(
  lines: readonly Pick<PartnerCostLineTable, "partner_id" | "spent_on" | "category" | "amount_minor" | "hours_hundredths">[],
  sign: 1 | -1,
) {
  const byKey = new Map<string, CostMonthDelta>();
  for (const line of lines) {
    const month = line.spent_on.slice(0, 7);
    const key = `${line.partner_id}\u0000${month}\u0000${line.category}`;
    const delta = byKey.get(key) ?? { partner_id: line.partner_id, month, category: line.category, amount_minor: 0, hours_hundredths: 0 };
    delta.amount_minor += sign * Number(line.amount_minor);
    delta.hours_hundredths += sign * Number(line.hours_hundredths ?? 0);
    byKey.set(key, delta);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, delta]) => delta);
}

/** Who entered a line: a person's session is manual, an API token is api; imports say csv themselves. */
export const sourceOf = (actor: AuthenticatedActor): CostLineSource => (actor.kind === "token" ? "api" : "manual");

/**
 * Writes lines, their rollup and an audit entry each, inside the caller's transaction (demo and
 * bench loaders call it too). The lines must be resolved already (resolveCostLine). Audit entries
 * carry no partner id: what a partner costs is the vendor's business, and a partner admin reads
 * its own organisation's audit entries.
 */
export async function recordCostLines(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  lines: readonly NewCostLine[],
  source: CostLineSource,
  requestId: string | null,
): Promise<PartnerCostLineTable[]> {
  if (lines.length === 0) return [];
  const settings = await getRelationshipSettings(trx);
  const now = nowIso();
  const rows: PartnerCostLineTable[] = lines.map((line) => ({
    id: uuidv7(),
    partner_id: line.partnerId,
    spent_on: line.spentOn,
    category: line.category,
    label: line.label,
    amount_minor: line.amountMinor,
    currency: settings.currency,
    hours_hundredths: line.hoursHundredths,
    purpose: line.purpose,
    source,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: now,
    voided_at: null,
    voided_by: null,
    void_reason: null,
  }));
  await insertCostLines(trx, rows);
  await addToCostMonths(trx, monthDeltas(rows, 1));
  for (const row of rows) {
    await recordAudit(
      trx,
      actor,
      { action: "cost_line.create", entityType: "partner_cost_line", entityId: row.id, partnerId: null, after: row },
      requestId,
    );
  }
  return rows;
}

export function toCostLine(row: CostLineRow): CostLine {
  const digits = currencyDigits(row.currency);
  return {
    id: row.id,
    partnerId: row.partner_id,
    spentOn: row.spent_on,
    category: row.category,
    label: row.label,
    amountMinor: Number(row.amount_minor),
    amount: minorToDecimal(Number(row.amount_minor), digits),
    currency: row.currency,
    hoursHundredths: row.hours_hundredths === null ? null : Number(row.hours_hundredths),
    hours: row.hours_hundredths === null ? null : Number(row.hours_hundredths) / 100,
    purpose: row.purpose,
    source: row.source,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "" } : null,
    createdAt: row.created_at,
    voided: row.voided_at
      ? { at: row.voided_at, by: row.voided_by ? { id: row.voided_by, name: row.voided_by_name ?? "" } : null, reason: row.void_reason ?? "" }
      : null,
  };
}

async function assertPartner(db: Kysely<Database>, partnerId: string): Promise<void> {
  if (!(await partnerExists(db, partnerId))) throw notFound("Partner");
}

export async function createCostLine(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  input: CostLineInput,
  requestId: string,
): Promise<CostLine> {
  return ctx.db.transaction().execute(async (trx) => {
    await assertPartner(trx, partnerId);
    const resolved = resolveCostLine(partnerId, input, await getRelationshipSettings(trx));
    if (!resolved.line) {
      throw badRequest(
        `Invalid ${resolved.issues.map((i) => `body.${i.field}`).join(", ")}`,
        resolved.issues.map((i) => ({ path: `body.${i.field}`, message: i.message })),
      );
    }
    const [row] = await recordCostLines(trx, actor, [resolved.line], sourceOf(actor), requestId);
    const [stored] = await findCostLinesByIds(trx, [row?.id ?? ""]);
    if (!stored) throw new Error("the cost line just written was not found");
    return toCostLine(stored);
  });
}

/** Voided lines stay (marked) and leave the rollup; a line is voided once (409 after). */
export async function voidCostLine(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  id: string,
  reason: string,
  requestId: string,
): Promise<CostLine> {
  return ctx.db.transaction().execute(async (trx) => {
    const voided = await markCostLineVoided(trx, partnerId, id, {
      voided_at: nowIso(),
      voided_by: actor.kind === "user" ? actor.userId : null,
      void_reason: reason,
    });
    if (!voided) {
      const existing = await findCostLine(trx, partnerId, id);
      if (!existing) throw notFound("Cost line");
      throw conflict(`The cost line was voided on ${existing.voided_at}`);
    }
    await addToCostMonths(trx, monthDeltas([voided], -1));
    await recordAudit(
      trx,
      actor,
      {
        action: "cost_line.void",
        entityType: "partner_cost_line",
        entityId: id,
        partnerId: null,
        before: { ...voided, voided_at: null, voided_by: null, void_reason: null },
        after: voided,
      },
      requestId,
    );
    const stored = await findCostLine(trx, partnerId, id);
    if (!stored) throw notFound("Cost line");
    return toCostLine(stored);
  });
}

export async function listCostLines(ctx: AppContext, partnerId: string, query: CostLineQuery): Promise<Page<CostLine>> {
  await assertPartner(ctx.db, partnerId);
  const cursor = decodeCursor(query.cursor, 2);
  if (cursor && (typeof cursor[0] !== "string" || typeof cursor[1] !== "string")) {
    throw badRequest("cursor is not valid", [{ path: "querystring.cursor", message: "not a cursor this list issued" }]);
  }
  const after = cursor ? ([cursor[0], cursor[1]] as [string, string]) : undefined;
  const rows = await listCostLineRows(ctx.db, partnerId, query, { after, limit: query.limit });
  const page = toPage(rows, query.limit, (r) => [r.spent_on, r.id]);
  return { items: page.items.map(toCostLine), nextCursor: page.nextCursor };
}

export interface PartnerMonthCost {
  partnerId: string;
  month: string;
  category: CostCategory;
  amountMinor: number;
  hoursHundredths: number;
}

/**
 * Live (not voided) cost per partner, month and category, from the rollup: one range read by
 * month. Months and categories with nothing (or only voided lines) are left out.
 */
export async function costsByPartnerMonth(
  db: Kysely<Database>,
  range: { fromMonth: string; toMonth: string; partnerIds?: readonly string[] },
): Promise<PartnerMonthCost[]> {
  if (range.partnerIds?.length === 0) return [];
  const rows = await findCostMonths(db, range.fromMonth, range.toMonth, range.partnerIds);
  return rows
    .map((r) => ({
      partnerId: r.partner_id,
      month: r.month,
      category: r.category,
      amountMinor: Number(r.amount_minor),
      hoursHundredths: Number(r.hours_hundredths),
    }))
    .filter((r) => r.amountMinor !== 0 || r.hoursHundredths !== 0);
}
