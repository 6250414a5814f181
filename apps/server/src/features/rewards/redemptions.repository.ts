import type { RedemptionStatus } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database, RewardRedemptionTable } from "../../db/types.js";

/**
 * Whose redemptions a viewer reaches: every one (finance, rewards:fulfil), one partner's team
 * (a partner admin), or one rep's own. Every read takes one, so a handler cannot fetch a row
 * outside it.
 */
export type RedemptionScope = { kind: "all" } | { kind: "partner"; partnerId: string } | { kind: "user"; userId: string };

// Names for the list come from users, partners and rewards, joined read-only.
function selectRedemptions(db: Kysely<Database>, scope: RedemptionScope) {
  let query = db
    .selectFrom("reward_redemptions as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .innerJoin("partners as p", "p.id", "r.partner_id")
    .innerJoin("rewards as w", "w.id", "r.reward_id")
    .selectAll("r")
    .select(["u.name as rep_name", "p.name as partner_name", "w.kind as reward_kind"]);
  if (scope.kind === "partner") query = query.where("r.partner_id", "=", scope.partnerId);
  if (scope.kind === "user") query = query.where("r.user_id", "=", scope.userId);
  return query;
}

export type RedemptionRow = NonNullable<Awaited<ReturnType<typeof findRedemptionRow>>>;

export function findRedemptionRow(db: Kysely<Database>, scope: RedemptionScope, id: string) {
  return selectRedemptions(db, scope).where("r.id", "=", id).executeTakeFirst();
}

export interface RedemptionFilters {
  status?: RedemptionStatus;
  userId?: string;
  partnerId?: string;
}

/** Newest first, keyset on (requested_at, id); limit + 1 rows for toPage. */
export function listRedemptionRows(
  db: Kysely<Database>,
  scope: RedemptionScope,
  filters: RedemptionFilters,
  page: { after?: { requestedAt: string; id: string }; limit: number },
) {
  let query = selectRedemptions(db, scope);
  if (filters.status) query = query.where("r.status", "=", filters.status);
  if (filters.userId) query = query.where("r.user_id", "=", filters.userId);
  if (filters.partnerId) query = query.where("r.partner_id", "=", filters.partnerId);
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple("r.requested_at", "r.id"), "<", eb.tuple(after.requestedAt, after.id)));
  return query
    .orderBy("r.requested_at", "desc")
    .orderBy("r.id", "desc")
    .limit(page.limit + 1)
    .execute();
}

export async function insertRedemption(db: Kysely<Database>, row: RewardRedemptionTable): Promise<void> {
  await db.insertInto("reward_redemptions").values(row).execute();
}

/**
 * Changes a redemption only while it still has one of `from` (a compare-and-set: two finance users
 * approving, or a rep cancelling while finance fulfils, cannot both win). On PostgreSQL the row
 * stays locked until the caller's transaction ends. Returns whether it changed.
 */
export async function transitionRedemption(
  db: Kysely<Database>,
  id: string,
  from: readonly RedemptionStatus[],
  values: Partial<RewardRedemptionTable>,
): Promise<boolean> {
  const result = await db.updateTable("reward_redemptions").set(values).where("id", "=", id).where("status", "in", from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Changes how a fulfilled redemption reached the rep (shipped -> delivered): no points move. */
export async function updateFulfilment(db: Kysely<Database>, id: string, from: "shipped", values: Partial<RewardRedemptionTable>): Promise<boolean> {
  const result = await db
    .updateTable("reward_redemptions")
    .set(values)
    .where("id", "=", id)
    .where("status", "=", "fulfilled")
    .where("fulfilment", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Redemptions of the partner's reps requested or approved, not yet fulfilled (a cut partner's settle list). */
export async function countOpenRedemptionsOf(db: Kysely<Database>, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("reward_redemptions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("partner_id", "=", partnerId)
    .where("status", "in", ["requested", "approved"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
