import type { PartnerRole } from "@trellis/shared";
import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { containsText } from "../../db/dialect.js";
import type { Database, RewardEligibilityTable, RewardTable } from "../../db/types.js";

/**
 * Who is looking at the catalog: a catalog manager (everything, inactive too when asked), another
 * vendor user (active items), a partner user (active items its partner's tier and region and
 * its own role are eligible for), or nobody (the user of an archived partner).
 */
export type CatalogViewer =
  | { kind: "nobody" }
  | { kind: "manager" }
  | { kind: "vendor" }
  | { kind: "partner"; tierId: string | null; region: string; role: PartnerRole };

export type RewardRow = RewardTable;

/** A partner user's partner tier and region, read-only from partners; undefined for an archived or unknown partner. */
export function findViewerPartner(db: Kysely<Database>, partnerId: string) {
  return db.selectFrom("partners").select(["tier_id", "region"]).where("id", "=", partnerId).where("archived_at", "is", null).executeTakeFirst();
}

type RewardsEb = ExpressionBuilder<Database, "rewards">;

// One dimension of eligibility: no row of this kind (no limit), or a row naming the viewer's value.
function dimensionMatches(eb: RewardsEb, kind: RewardEligibilityTable["kind"], value: string | null) {
  const rowsOfKind = eb
    .selectFrom("reward_eligibility as e")
    .select("e.reward_id")
    .whereRef("e.reward_id", "=", "rewards.id")
    .where("e.kind", "=", kind);
  if (value === null) return eb.not(eb.exists(rowsOfKind));
  return eb.or([eb.not(eb.exists(rowsOfKind)), eb.exists(rowsOfKind.where("e.value", "=", value))]);
}

function visibleTo(eb: RewardsEb, viewer: CatalogViewer, includeInactive: boolean) {
  // Literal SQL, not bound booleans: better-sqlite3 cannot bind true/false.
  if (viewer.kind === "nobody") return sql<SqlBool>`1 = 0`;
  if (viewer.kind === "manager") return includeInactive ? sql<SqlBool>`1 = 1` : eb("rewards.active", "=", 1);
  if (viewer.kind === "vendor") return eb("rewards.active", "=", 1);
  return eb.and([
    eb("rewards.active", "=", 1),
    dimensionMatches(eb, "tier", viewer.tierId),
    dimensionMatches(eb, "region", viewer.region),
    dimensionMatches(eb, "role", viewer.role),
  ]);
}

export function findRewardRow(db: Kysely<Database>, id: string, viewer: CatalogViewer) {
  return db
    .selectFrom("rewards")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => visibleTo(eb, viewer, true))
    .executeTakeFirst();
}

export interface RewardListFilters {
  kind?: RewardRow["kind"];
  q?: string;
  sort: "name" | "points";
  includeInactive: boolean;
}

/** One page in (name, id) or (point_cost, id) order; limit + 1 rows for toPage. */
export function listRewardRows(
  db: Kysely<Database>,
  viewer: CatalogViewer,
  filters: RewardListFilters,
  page: { after?: [string | number, string]; limit: number },
) {
  let query = db
    .selectFrom("rewards")
    .selectAll()
    .where((eb) => visibleTo(eb, viewer, filters.includeInactive));
  if (filters.kind) query = query.where("kind", "=", filters.kind);
  if (filters.q) query = query.where(containsText(["rewards.name", "rewards.description"], filters.q));
  const column = filters.sort === "points" ? "point_cost" : "name";
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple(column, "id"), ">", eb.tuple(after[0], after[1])));
  return query
    .orderBy(column)
    .orderBy("id")
    .limit(page.limit + 1)
    .execute();
}

export async function findEligibility(db: Kysely<Database>, rewardIds: readonly string[]): Promise<RewardEligibilityTable[]> {
  if (rewardIds.length === 0) return [];
  return db.selectFrom("reward_eligibility").selectAll().where("reward_id", "in", rewardIds).orderBy("kind").orderBy("value").execute();
}

export async function insertReward(db: Kysely<Database>, row: RewardTable): Promise<void> {
  await db.insertInto("rewards").values(row).execute();
}

export async function updateRewardRow(db: Kysely<Database>, id: string, values: Partial<RewardTable>): Promise<void> {
  await db.updateTable("rewards").set(values).where("id", "=", id).execute();
}

export async function replaceEligibility(db: Kysely<Database>, rewardId: string, rows: RewardEligibilityTable[]): Promise<void> {
  await db.deleteFrom("reward_eligibility").where("reward_id", "=", rewardId).execute();
  if (rows.length > 0) await db.insertInto("reward_eligibility").values(rows).execute();
}

export async function tierIdsExist(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("tiers").select("id").where("id", "in", ids).execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Takes `quantity` units of an active item, never below zero: one conditional UPDATE, so two
 * requests for the last unit cannot both succeed (PostgreSQL re-checks the WHERE on the locked
 * row; SQLite has one writer). Unlimited stock (null) stays null. Returns whether it took them.
 */
export async function takeStock(db: Kysely<Database>, rewardId: string, quantity: number): Promise<boolean> {
  const result = await db
    .updateTable("rewards")
    .set((eb) => ({ stock: eb("stock", "-", quantity) }))
    .where("id", "=", rewardId)
    .where("active", "=", 1)
    .where((eb) => eb.or([eb("stock", "is", null), eb("stock", ">=", quantity)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives units back (a cancelled redemption); unlimited stays unlimited. */
export async function returnStock(db: Kysely<Database>, rewardId: string, quantity: number): Promise<void> {
  await db
    .updateTable("rewards")
    .set((eb) => ({ stock: eb("stock", "+", quantity) }))
    .where("id", "=", rewardId)
    .where("stock", "is not", null)
    .execute();
}
