import type { Kysely } from "kysely";
import type { CostCategory, Database, PartnerCostLineTable } from "../../db/types.js";

// Cost lines and their monthly rollup. The partner and user names in lists are read-only joins
// of the partners and users tables (ARCHITECTURE.md: a list may show another feature's names).

const chunk = 500;

export interface CostMonthDelta {
  partner_id: string;
  month: string;
  category: CostCategory;
  amount_minor: number;
  hours_hundredths: number;
}

export async function insertCostLines(db: Kysely<Database>, rows: PartnerCostLineTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    await db
      .insertInto("partner_cost_lines")
      .values(rows.slice(start, start + chunk))
      .execute();
  }
}

/**
 * Adds the deltas to the rollup (negative deltas take a voided line out). The caller sums them by
 * key and sorts them, so one statement never touches a row twice (PostgreSQL refuses that) and
 * concurrent writers lock rows in the same order. Rows that fall to zero stay: harmless, and
 * deleting them would race with a writer adding to the same month.
 */
export async function addToCostMonths(db: Kysely<Database>, deltas: CostMonthDelta[]): Promise<void> {
  for (let start = 0; start < deltas.length; start += chunk) {
    await db
      .insertInto("partner_cost_months")
      .values(deltas.slice(start, start + chunk))
      .onConflict((oc) =>
        oc.columns(["partner_id", "month", "category"]).doUpdateSet((eb) => ({
          amount_minor: eb("partner_cost_months.amount_minor", "+", eb.ref("excluded.amount_minor")),
          hours_hundredths: eb("partner_cost_months.hours_hundredths", "+", eb.ref("excluded.hours_hundredths")),
        })),
      )
      .execute();
  }
}

/** Voids the line if it is still live; undefined when it is not (unknown, another partner's, or voided already). */
export function markCostLineVoided(
  db: Kysely<Database>,
  partnerId: string,
  id: string,
  values: { voided_at: string; voided_by: string | null; void_reason: string },
) {
  return db
    .updateTable("partner_cost_lines")
    .set(values)
    .where("id", "=", id)
    .where("partner_id", "=", partnerId)
    .where("voided_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

function selectCostLines(db: Kysely<Database>) {
  return db
    .selectFrom("partner_cost_lines")
    .innerJoin("partners", "partners.id", "partner_cost_lines.partner_id")
    .leftJoin("users as creator", "creator.id", "partner_cost_lines.created_by")
    .leftJoin("users as voider", "voider.id", "partner_cost_lines.voided_by")
    .selectAll("partner_cost_lines")
    .select(["partners.name as partner_name", "creator.name as created_by_name", "voider.name as voided_by_name"]);
}
export type CostLineRow = Awaited<ReturnType<ReturnType<typeof selectCostLines>["executeTakeFirstOrThrow"]>>;

export function findCostLine(db: Kysely<Database>, partnerId: string, id: string) {
  return selectCostLines(db).where("partner_cost_lines.id", "=", id).where("partner_cost_lines.partner_id", "=", partnerId).executeTakeFirst();
}

export function findCostLinesByIds(db: Kysely<Database>, ids: readonly string[]) {
  return ids.length === 0
    ? Promise.resolve([])
    : selectCostLines(db)
        .where("partner_cost_lines.id", "in", [...ids])
        .execute();
}

/** The month filter is a range on (partner_id, spent_on), so it uses the partner index. Newest first. */
export function listCostLineRows(
  db: Kysely<Database>,
  partnerId: string,
  filters: { category?: CostCategory; month?: string },
  page: { after: [string, string] | undefined; limit: number },
) {
  let query = selectCostLines(db).where("partner_cost_lines.partner_id", "=", partnerId);
  if (filters.category) query = query.where("partner_cost_lines.category", "=", filters.category);
  if (filters.month) {
    query = query.where("partner_cost_lines.spent_on", ">=", `${filters.month}-01`).where("partner_cost_lines.spent_on", "<=", `${filters.month}-31`);
  }
  const after = page.after;
  if (after) {
    query = query.where((eb) => eb(eb.refTuple("partner_cost_lines.spent_on", "partner_cost_lines.id"), "<", eb.tuple(after[0], after[1])));
  }
  return query
    .orderBy("partner_cost_lines.spent_on", "desc")
    .orderBy("partner_cost_lines.id", "desc")
    .limit(page.limit + 1)
    .execute();
}

export function exportCostLineRows(
  db: Kysely<Database>,
  filters: { partnerId?: string; category?: CostCategory; fromMonth?: string; toMonth?: string },
) {
  let query = selectCostLines(db);
  if (filters.partnerId) query = query.where("partner_cost_lines.partner_id", "=", filters.partnerId);
  if (filters.category) query = query.where("partner_cost_lines.category", "=", filters.category);
  if (filters.fromMonth) query = query.where("partner_cost_lines.spent_on", ">=", `${filters.fromMonth}-01`);
  if (filters.toMonth) query = query.where("partner_cost_lines.spent_on", "<=", `${filters.toMonth}-31`);
  return query.orderBy("partner_cost_lines.spent_on").orderBy("partner_cost_lines.id").execute();
}

/** One range read of the rollup by month (the month index), for the figures refresh. */
export function findCostMonths(db: Kysely<Database>, fromMonth: string, toMonth: string, partnerIds: readonly string[] | undefined) {
  let query = db.selectFrom("partner_cost_months").selectAll().where("month", ">=", fromMonth).where("month", "<=", toMonth);
  if (partnerIds) query = query.where("partner_id", "in", [...partnerIds]);
  return query.orderBy("month").orderBy("partner_id").orderBy("category").execute();
}

/** For the import: partners named by id (any, archived too) or by exact name (live ones). */
export function findPartnersByIdOrName(db: Kysely<Database>, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("partners")
    .select(["id", "name", "archived_at"])
    .where((eb) => eb.or([eb("id", "in", [...keys]), eb.and([eb("name", "in", [...keys]), eb("archived_at", "is", null)])]))
    .execute();
}
