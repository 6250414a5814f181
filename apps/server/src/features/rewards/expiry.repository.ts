import { type Kysely, sql } from "kysely";
import type { Database, LedgerTransactionKind, RewardExpiryWarningTable } from "../../db/types.js";

// The expiry job's reads of the ledger: read-only, over the ledger's own indexes (accounts by kind,
// entries by account and time). Every write to the ledger goes through postLedgerTransaction.

/** Reps with spendable points, one page by user id. */
export async function findRepsWithPoints(db: Kysely<Database>, afterUserId: string | undefined, limit: number): Promise<string[]> {
  let query = db
    .selectFrom("ledger_accounts")
    .select("user_id")
    .where("kind", "=", "rep_points")
    .where("balance", ">", 0)
    .where("user_id", "is not", null);
  if (afterUserId) query = query.where("user_id", ">", afterUserId);
  const rows = await query.orderBy("user_id").limit(limit).execute();
  return rows.map((row) => row.user_id as string);
}

/**
 * For each rep, the points it EARNED (positive earning movements into rep_points: claims approved,
 * positive adjustments) at or after each cutoff, in the cutoffs' order. Reversals and negative
 * adjustments are not subtracted here: under FIFO they consume the oldest points, like spending.
 */
export async function sumEarningsSince(
  db: Kysely<Database>,
  userIds: readonly string[],
  cutoffs: readonly string[],
  earningKinds: readonly LedgerTransactionKind[],
): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>(userIds.map((userId) => [userId, cutoffs.map(() => 0)]));
  const earliest = [...cutoffs].sort()[0];
  if (userIds.length === 0 || earliest === undefined) return found;
  const rows = await db
    .selectFrom("ledger_accounts as a")
    .innerJoin("ledger_entries as e", "e.account_id", "a.id")
    .innerJoin("ledger_transactions as t", "t.id", "e.transaction_id")
    .select("a.user_id")
    .select(cutoffs.map((cutoff, index) => sql<number>`sum(case when e.created_at >= ${cutoff} then e.amount else 0 end)`.as(`s${index}`)))
    .where("a.kind", "=", "rep_points")
    .where("a.user_id", "in", userIds)
    .where("e.created_at", ">=", earliest)
    .where("e.amount", ">", 0)
    .where("t.kind", "in", earningKinds)
    .groupBy("a.user_id")
    .execute();
  for (const row of rows) {
    const values = row as unknown as Record<string, number | string | null>;
    found.set(
      row.user_id as string,
      cutoffs.map((_, index) => Number(values[`s${index}`] ?? 0)),
    );
  }
  return found;
}

/** Records a warning once per rep and batch; whether this call recorded it (and so should send it). */
export async function recordExpiryWarning(db: Kysely<Database>, row: RewardExpiryWarningTable): Promise<boolean> {
  const result = await db
    .insertInto("reward_expiry_warnings")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "earned_month"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
