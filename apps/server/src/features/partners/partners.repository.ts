import type { PartnerStatus } from "@trellis/shared";
import type { ExpressionBuilder, Kysely } from "kysely";
import { containsText } from "../../db/dialect.js";
import type { Database, PartnerTable } from "../../db/types.js";
import type { PartnerFilters, PartnerSort } from "./partners.schemas.js";

/**
 * Partner rows with their tier and channel manager names (one query, joins). `scope` non-null
 * confines every read to that one partner: a partner-side actor passes its own id.
 */
export type PartnerScope = string | null;

/** Statuses that consume the vendor's support capacity (matches the settings count). */
export const countingStatuses: readonly PartnerStatus[] = ["active", "probation"];

const sortColumns = {
  name: "partners.name",
  createdAt: "partners.created_at",
  status: "partners.status",
  region: "partners.region",
} as const;

type SortKey = keyof typeof sortColumns;

export function sortOf(sort: PartnerSort): { key: SortKey; column: (typeof sortColumns)[SortKey]; direction: "asc" | "desc" } {
  const descending = sort.startsWith("-");
  const key = (descending ? sort.slice(1) : sort) as SortKey;
  return { key, column: sortColumns[key], direction: descending ? "desc" : "asc" };
}

function selectPartners(db: Kysely<Database>, scope: PartnerScope) {
  let query = db
    .selectFrom("partners")
    .leftJoin("tiers", "tiers.id", "partners.tier_id")
    .leftJoin("users as cm", "cm.id", "partners.channel_manager_id")
    .selectAll("partners")
    .select(["tiers.name as tier_name", "cm.name as channel_manager_name", "cm.email as channel_manager_email"]);
  if (scope !== null) query = query.where("partners.id", "=", scope);
  return query;
}

export type PartnerRow = NonNullable<Awaited<ReturnType<typeof findPartnerRow>>>;

export function findPartnerRow(db: Kysely<Database>, scope: PartnerScope, id: string) {
  return selectPartners(db, scope).where("partners.id", "=", id).executeTakeFirst();
}

function matchesFilters(filters: PartnerFilters) {
  return (eb: ExpressionBuilder<Database & { cm: Database["users"] }, "partners" | "tiers" | "cm">) => {
    const conditions = [];
    if (filters.q) {
      conditions.push(containsText(["partners.name", "partners.legal_name", "partners.city", "partners.website"], filters.q));
    }
    if (filters.tierId) conditions.push(eb("partners.tier_id", "=", filters.tierId));
    if (filters.status) conditions.push(eb("partners.status", "=", filters.status));
    if (filters.region) conditions.push(eb("partners.region", "=", filters.region));
    if (filters.channelManagerId) conditions.push(eb("partners.channel_manager_id", "=", filters.channelManagerId));
    if (filters.includeArchived !== "true") conditions.push(eb("partners.archived_at", "is", null));
    return eb.and(conditions);
  };
}

/** One page (limit + 1 rows, for toPage) keyset-ordered on (sort column, id). */
export function findPartnerPage(
  db: Kysely<Database>,
  scope: PartnerScope,
  filters: PartnerFilters,
  limit: number,
  after: { value: string; id: string } | undefined,
) {
  const { column, direction } = sortOf(filters.sort);
  let query = selectPartners(db, scope).where(matchesFilters(filters));
  if (after) {
    const op = direction === "asc" ? ">" : "<";
    query = query.where((eb) => eb.or([eb(column, op, after.value), eb.and([eb(column, "=", after.value), eb("partners.id", op, after.id)])]));
  }
  return query
    .orderBy(column, direction)
    .orderBy("partners.id", direction)
    .limit(limit + 1)
    .execute();
}

/** Every row matching the filters, in the sort order (CSV export). */
export function findAllPartners(db: Kysely<Database>, scope: PartnerScope, filters: PartnerFilters) {
  const { column, direction } = sortOf(filters.sort);
  return selectPartners(db, scope).where(matchesFilters(filters)).orderBy(column, direction).orderBy("partners.id", direction).execute();
}

/** Non-archived partners by status. */
export async function countByStatus(db: Kysely<Database>, scope: PartnerScope): Promise<Map<PartnerStatus, number>> {
  let query = db
    .selectFrom("partners")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("archived_at", "is", null);
  if (scope !== null) query = query.where("id", "=", scope);
  const rows = await query.groupBy("status").execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Non-archived partners whose lower-cased name is one of `lowerNames` (import matching). */
export async function findLivePartnersByLowerName(db: Kysely<Database>, lowerNames: string[]) {
  const rows: PartnerTable[] = [];
  for (let i = 0; i < lowerNames.length; i += 500) {
    const chunk = lowerNames.slice(i, i + 500);
    rows.push(
      ...(await db
        .selectFrom("partners")
        .selectAll()
        .where("archived_at", "is", null)
        .where((eb) => eb(eb.fn("lower", ["name"]), "in", chunk))
        .execute()),
    );
  }
  return rows;
}

export async function partnerIdExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom("partners").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

export async function insertPartner(db: Kysely<Database>, row: PartnerTable): Promise<void> {
  await db.insertInto("partners").values(row).execute();
}

export async function updatePartnerRow(db: Kysely<Database>, id: string, values: Partial<PartnerTable>): Promise<void> {
  await db.updateTable("partners").set(values).where("id", "=", id).execute();
}

/** The stored partner columns only (audit before/after), without the joined names. */
export function tableRowOf(row: PartnerRow): PartnerTable {
  const { tier_name: _tier, channel_manager_name: _cmName, channel_manager_email: _cmEmail, ...rest } = row;
  return rest;
}

export async function findPartnerNames(db: Kysely<Database>, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("partners").select(["id", "name"]).where("id", "in", ids).execute();
}
