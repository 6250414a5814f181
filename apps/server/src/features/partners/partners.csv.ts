import { type PartnerStatus, partnerStatuses } from "@trellis/shared";
import type { Kysely } from "kysely";
import { z } from "zod";
import { nowIso } from "../../db/dialect.js";
import type { Database, PartnerTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { type CsvRowError, parseCsv, throwIfRowErrors, toCsv } from "../../platform/http/csv.js";
import { businessRule, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { capacityHeadroom } from "../settings/settings.service.js";
import { listTiers } from "../tiers/tiers.service.js";
import { activeVendorUserIdsByEmail } from "../users/users.service.js";
import { findAllPartners, findLivePartnersByLowerName, insertPartner, updatePartnerRow } from "./partners.repository.js";
import { countryField, type PartnerExportQuery, websiteField } from "./partners.schemas.js";
import { countsAgainstCapacity, partnerOwnerRoles, scopeOf } from "./partners.service.js";

export const csvColumns = [
  "name",
  "legal_name",
  "address_line1",
  "address_line2",
  "city",
  "postal_code",
  "country",
  "region",
  "territory",
  "website",
  "phone",
  "tier",
  "status",
  "channel_manager_email",
] as const;
type CsvColumn = (typeof csvColumns)[number];

const requiredColumns = ["name", "legal_name", "country", "region"] as const;
export const maxImportRows = 5000;

export async function exportPartnersCsv(ctx: AppContext, actor: AuthenticatedActor, filters: PartnerExportQuery): Promise<string> {
  const scope = scopeOf(actor);
  const rows = scope === undefined ? [] : await findAllPartners(ctx.db, scope, filters);
  const records = rows.map(
    (r): Record<CsvColumn, string> => ({
      name: r.name,
      legal_name: r.legal_name,
      address_line1: r.address_line1,
      address_line2: r.address_line2,
      city: r.city,
      postal_code: r.postal_code,
      country: r.country,
      region: r.region,
      territory: r.territory,
      website: r.website,
      phone: r.phone,
      tier: r.tier_name ?? "",
      status: r.status,
      channel_manager_email: r.channel_manager_email ?? "",
    }),
  );
  // toCsv neutralises formula-like cells (partner names arrive from the public application form).
  return toCsv(csvColumns, records);
}

const cell = (max: number) => z.string().max(max, { message: `at most ${max} characters` });
const required = (max: number) => cell(max).min(1, { message: "is required" });

/** One CSV record; absent optional columns are undefined (left unchanged on update). */
const csvRow = z.object({
  name: required(200),
  legal_name: required(200),
  address_line1: cell(200).optional(),
  address_line2: cell(200).optional(),
  city: cell(120).optional(),
  postal_code: cell(40).optional(),
  country: countryField,
  region: required(80),
  territory: cell(120).optional(),
  website: websiteField.optional(),
  phone: cell(40).optional(),
  tier: cell(80).optional(),
  status: z.union([z.literal(""), z.enum(partnerStatuses)], { message: `must be one of ${partnerStatuses.join(", ")} (or empty)` }).optional(),
  channel_manager_email: cell(254).optional(),
});
type CsvRow = z.infer<typeof csvRow>;

type Plan = { kind: "create"; row: PartnerTable } | { kind: "update"; before: PartnerTable; values: Partial<PartnerTable> };

interface Lookups {
  tiers: Map<string, string>;
  managers: Map<string, string>;
  existing: Map<string, PartnerTable[]>;
}

async function loadLookups(db: Kysely<Database>, rows: CsvRow[]): Promise<Lookups> {
  const tiers = new Map((await listTiers(db)).map((t) => [t.name.toLowerCase(), t.id]));
  const emails = rows.map((r) => r.channel_manager_email ?? "").filter((e) => e !== "");
  const managers = await activeVendorUserIdsByEmail(db, emails, partnerOwnerRoles);
  const existing = new Map<string, PartnerTable[]>();
  for (const p of await findLivePartnersByLowerName(db, [...new Set(rows.map((r) => r.name.toLowerCase()))])) {
    const key = p.name.toLowerCase();
    existing.set(key, [...(existing.get(key) ?? []), p]);
  }
  return { tiers, managers, existing };
}

/** The stored columns a valid row sets; undefined = the column is absent, leave it. */
function columnsOfRow(row: CsvRow, lookups: Lookups): Partial<PartnerTable> {
  const values: Partial<PartnerTable> = { name: row.name, legal_name: row.legal_name, country: row.country.toUpperCase(), region: row.region };
  if (row.address_line1 !== undefined) values.address_line1 = row.address_line1;
  if (row.address_line2 !== undefined) values.address_line2 = row.address_line2;
  if (row.city !== undefined) values.city = row.city;
  if (row.postal_code !== undefined) values.postal_code = row.postal_code;
  if (row.territory !== undefined) values.territory = row.territory;
  if (row.website !== undefined) values.website = row.website;
  if (row.phone !== undefined) values.phone = row.phone;
  if (row.tier !== undefined) values.tier_id = row.tier === "" ? null : (lookups.tiers.get(row.tier.toLowerCase()) ?? null);
  if (row.status) values.status = row.status;
  if (row.channel_manager_email !== undefined) {
    values.channel_manager_id = row.channel_manager_email === "" ? null : (lookups.managers.get(row.channel_manager_email.toLowerCase()) ?? null);
  }
  return values;
}

function changedOnly(before: PartnerTable, values: Partial<PartnerTable>): Partial<PartnerTable> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => before[k as keyof PartnerTable] !== v));
}

function planRows(header: string[], lookups: Lookups, rows: (CsvRow | null)[], names: string[]): { plans: Plan[]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = header
    .filter((h) => !(csvColumns as readonly string[]).includes(h))
    .map((column) => ({ row: 1, column, message: `unknown column; expected ${csvColumns.join(", ")}` }));
  const plans: Plan[] = [];
  const seen = new Map<string, number>();
  const now = nowIso();
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    const fail = (column: string, message: string) => errors.push({ row: rowNumber, column, message });
    // Duplicates are checked on every row, even one that failed its other checks.
    const key = names[index] ?? "";
    const earlier = seen.get(key);
    if (key !== "" && earlier !== undefined) fail("name", `the same name is on row ${earlier}`);
    else if (key !== "") seen.set(key, rowNumber);
    if (!row) return;
    const matches = lookups.existing.get(key) ?? [];
    if (matches.length > 1) fail("name", `matches ${matches.length} partners with this name; rename them first`);
    if (row.tier && !lookups.tiers.has(row.tier.toLowerCase())) fail("tier", `no tier named "${row.tier}"`);
    if (row.channel_manager_email && !lookups.managers.has(row.channel_manager_email.toLowerCase())) {
      fail("channel_manager_email", "is not an active vendor user who is a channel manager or vendor admin");
    }
    const values = columnsOfRow(row, lookups);
    const match = matches[0];
    if (match) {
      plans.push({ kind: "update", before: match, values: changedOnly(match, values) });
      return;
    }
    const created: PartnerTable = {
      id: uuidv7(),
      name: row.name,
      legal_name: row.legal_name,
      address_line1: "",
      address_line2: "",
      city: "",
      postal_code: "",
      country: row.country.toUpperCase(),
      region: row.region,
      territory: "",
      website: "",
      phone: "",
      tier_id: null,
      status: "prospect",
      channel_manager_id: null,
      logo_key: null,
      logo_content_type: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
      ...values,
    };
    plans.push({ kind: "create", row: created });
  });
  return { plans, errors };
}

function validateRows(records: Record<string, string>[]): { rows: (CsvRow | null)[]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const rows = records.map((record, index) => {
    const parsed = csvRow.safeParse(record);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) errors.push({ row: index + 2, column: String(issue.path[0] ?? ""), message: issue.message });
    return null;
  });
  return { rows, errors };
}

const statusOf = (plan: Plan): { before: PartnerStatus | null; after: PartnerStatus } =>
  plan.kind === "create" ? { before: null, after: plan.row.status } : { before: plan.before.status, after: plan.values.status ?? plan.before.status };

/**
 * All or nothing: every row is checked first and any problem fails the whole file (400 with
 * the rows); then capacity (no override through an import); then every row in one
 * transaction with an audit entry each. A name matching a live partner updates it.
 */
export async function importPartnersCsv(
  ctx: AppContext,
  actor: AuthenticatedActor,
  text: string,
  requestId: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const records = parseCsv(text, requiredColumns);
  if (records.length > maxImportRows) {
    throw new ProblemError(400, "import_failed", "Too many rows", `Import at most ${maxImportRows} rows at a time; this file has ${records.length}`);
  }
  const header = Object.keys(records[0] ?? {});
  const { rows, errors: shapeErrors } = validateRows(records);
  return ctx.db.transaction().execute(async (trx) => {
    const lookups = await loadLookups(
      trx,
      rows.filter((r): r is CsvRow => r !== null),
    );
    const { plans, errors } = planRows(
      header,
      lookups,
      rows,
      records.map((r) => (r.name ?? "").toLowerCase()),
    );
    throwIfRowErrors([...shapeErrors, ...errors].sort((a, b) => a.row - b.row));

    const delta = plans.reduce((sum, plan) => {
      const { before, after } = statusOf(plan);
      return sum + Number(countsAgainstCapacity(after, null)) - Number(before !== null && countsAgainstCapacity(before, null));
    }, 0);
    if (delta > 0) {
      const { capacity, active } = await capacityHeadroom(trx);
      if (active + delta > capacity) {
        throw businessRule(
          `The import would make ${active + delta} of ${capacity} active partners (${active} now): the capacity is reached. ` +
            "An import cannot override it; raise the capacity in settings or import these partners as prospects.",
          "capacity_reached",
        );
      }
    }

    const result = { created: 0, updated: 0, unchanged: 0 };
    for (const plan of plans) {
      if (plan.kind === "create") {
        await insertPartner(trx, plan.row);
        await recordAudit(
          trx,
          actor,
          { action: "partner.import_create", entityType: "partner", entityId: plan.row.id, partnerId: plan.row.id, after: plan.row },
          requestId,
        );
        result.created++;
        continue;
      }
      if (Object.keys(plan.values).length === 0) {
        result.unchanged++;
        continue;
      }
      const values = { ...plan.values, updated_at: nowIso() };
      await updatePartnerRow(trx, plan.before.id, values);
      await recordAudit(
        trx,
        actor,
        {
          action: "partner.import_update",
          entityType: "partner",
          entityId: plan.before.id,
          partnerId: plan.before.id,
          before: plan.before,
          after: { ...plan.before, ...values },
        },
        requestId,
      );
      result.updated++;
    }
    return result;
  });
}
