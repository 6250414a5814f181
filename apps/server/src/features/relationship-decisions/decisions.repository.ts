import type { Kysely } from "kysely";
import { engineOf } from "../../db/dialect.js";
import type {
  Database,
  RelationshipActionTable,
  RelationshipDecisionTable,
  RelationshipReviewTable,
  RelationshipTimelineTable,
} from "../../db/types.js";

// relationship_decisions, _actions, _reviews, _timeline. The partners and users tables are
// joined read-only for names (the reviews-due list); they are never written here.

export type DecisionRow = RelationshipDecisionTable;

/**
 * Locks the partner's row for the rest of the transaction on PostgreSQL, so two requests cannot
 * both open a decision for the same partner (SQLite's BEGIN IMMEDIATE already serialises writers).
 * Returns whether the partner exists.
 */
export async function lockPartnerForDecision(db: Kysely<Database>, partnerId: string): Promise<boolean> {
  const query = db.selectFrom("partners").select("id").where("id", "=", partnerId);
  const row = engineOf(db) === "postgres" ? await query.forUpdate().executeTakeFirst() : await query.executeTakeFirst();
  return row !== undefined;
}

export function findOpenDecision(db: Kysely<Database>, partnerId: string): Promise<DecisionRow | undefined> {
  return db.selectFrom("relationship_decisions").selectAll().where("partner_id", "=", partnerId).where("status", "=", "open").executeTakeFirst();
}

/** The decision if it belongs to the partner; another partner's is simply not found. */
export function findDecision(db: Kysely<Database>, partnerId: string, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom("relationship_decisions").selectAll().where("partner_id", "=", partnerId).where("id", "=", id).executeTakeFirst();
}

/** The partner's decisions, newest first (a partner has a handful; bounded all the same). */
export function findDecisions(db: Kysely<Database>, partnerId: string, limit: number): Promise<DecisionRow[]> {
  return db
    .selectFrom("relationship_decisions")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export function findLatestCut(db: Kysely<Database>, partnerId: string): Promise<DecisionRow | undefined> {
  return db
    .selectFrom("relationship_decisions")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("kind", "=", "cut")
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

export async function insertDecision(db: Kysely<Database>, row: DecisionRow): Promise<void> {
  await db.insertInto("relationship_decisions").values(row).execute();
}

export async function updateDecisionRow(db: Kysely<Database>, id: string, values: Partial<Omit<DecisionRow, "id">>): Promise<void> {
  await db.updateTable("relationship_decisions").set(values).where("id", "=", id).execute();
}

export async function insertActions(db: Kysely<Database>, rows: RelationshipActionTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("relationship_actions").values(rows).execute();
}

export function findAction(db: Kysely<Database>, decisionId: string, id: string): Promise<RelationshipActionTable | undefined> {
  return db.selectFrom("relationship_actions").selectAll().where("decision_id", "=", decisionId).where("id", "=", id).executeTakeFirst();
}

export async function updateActionRow(db: Kysely<Database>, id: string, values: Partial<Omit<RelationshipActionTable, "id">>): Promise<void> {
  await db.updateTable("relationship_actions").set(values).where("id", "=", id).execute();
}

export function findActions(db: Kysely<Database>, decisionIds: readonly string[]): Promise<RelationshipActionTable[]> {
  if (decisionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("relationship_actions").selectAll().where("decision_id", "in", decisionIds).orderBy("due_on").orderBy("id").execute();
}

export async function insertReview(db: Kysely<Database>, row: RelationshipReviewTable): Promise<void> {
  await db.insertInto("relationship_reviews").values(row).execute();
}

export function findReviews(db: Kysely<Database>, decisionIds: readonly string[]): Promise<RelationshipReviewTable[]> {
  if (decisionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("relationship_reviews").selectAll().where("decision_id", "in", decisionIds).orderBy("reviewed_at").orderBy("id").execute();
}

export async function insertTimelineRow(db: Kysely<Database>, row: RelationshipTimelineTable): Promise<void> {
  await db.insertInto("relationship_timeline").values(row).execute();
}

/** Newest first; `before` is the (at, id) of the previous page's last event. */
export function findTimelinePage(
  db: Kysely<Database>,
  partnerId: string,
  limit: number,
  before: { at: string; id: string } | undefined,
): Promise<RelationshipTimelineTable[]> {
  let query = db.selectFrom("relationship_timeline").selectAll().where("partner_id", "=", partnerId);
  if (before) {
    query = query.where((eb) => eb.or([eb("at", "<", before.at), eb.and([eb("at", "=", before.at), eb("id", "<", before.id)])]));
  }
  return query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
}

/** Open decisions whose review date has come (on or before `today`), oldest date first. */
export function findReviewsDuePage(
  db: Kysely<Database>,
  today: string,
  filters: { channelManagerId?: string },
  limit: number,
  after: { reviewOn: string; id: string } | undefined,
) {
  let query = db
    .selectFrom("relationship_decisions as d")
    .innerJoin("partners as p", "p.id", "d.partner_id")
    .leftJoin("users as cm", "cm.id", "p.channel_manager_id")
    .select([
      "d.id",
      "d.partner_id",
      "d.kind",
      "d.review_on",
      "d.reason",
      "p.name as partner_name",
      "p.channel_manager_id",
      "cm.name as channel_manager_name",
    ])
    .where("d.status", "=", "open")
    .where("d.review_on", "<=", today);
  if (filters.channelManagerId) query = query.where("p.channel_manager_id", "=", filters.channelManagerId);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("d.review_on", ">", after.reviewOn), eb.and([eb("d.review_on", "=", after.reviewOn), eb("d.id", ">", after.id)])]),
    );
  }
  return query
    .orderBy("d.review_on")
    .orderBy("d.id")
    .limit(limit + 1)
    .execute();
}

/** Open decisions due for a reminder: review date come, and not yet reminded for that date. */
export function findDecisionsToRemind(db: Kysely<Database>, today: string, limit: number): Promise<DecisionRow[]> {
  return db
    .selectFrom("relationship_decisions")
    .selectAll()
    .where("status", "=", "open")
    .where("review_on", "<=", today)
    .where((eb) => eb.or([eb("reminded_for", "is", null), eb("reminded_for", "!=", eb.ref("review_on"))]))
    .orderBy("review_on")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Marks the reminder for this review date sent; false when another run marked it first. */
export async function markReminded(db: Kysely<Database>, id: string, reviewOn: string): Promise<boolean> {
  const result = await db
    .updateTable("relationship_decisions")
    .set({ reminded_for: reviewOn })
    .where("id", "=", id)
    .where("status", "=", "open")
    .where("review_on", "=", reviewOn)
    .where((eb) => eb.or([eb("reminded_for", "is", null), eb("reminded_for", "!=", reviewOn)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open cut decisions with a step due on or before `today` (reduce or end), for the offboarding job. */
export function findCutsDue(db: Kysely<Database>, today: string): Promise<DecisionRow[]> {
  return db
    .selectFrom("relationship_decisions")
    .selectAll()
    .where("status", "=", "open")
    .where("kind", "=", "cut")
    .where((eb) =>
      eb.or([
        eb.and([eb("cut_stage", "=", "notice"), eb("reduce_on", "<=", today)]),
        eb.and([eb("cut_stage", "in", ["notice", "reduced"]), eb("end_on", "<=", today)]),
      ]),
    )
    .orderBy("end_on")
    .orderBy("id")
    .execute();
}
