import type { Kysely } from "kysely";
import type { Database, RewardPreferenceTable } from "../../db/types.js";

export function findPreference(db: Kysely<Database>, userId: string) {
  return db.selectFrom("reward_preferences").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

export async function upsertPreference(db: Kysely<Database>, row: RewardPreferenceTable): Promise<void> {
  await db
    .insertInto("reward_preferences")
    .values(row)
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ leaderboard_opt_out: row.leaderboard_opt_out, updated_at: row.updated_at }))
    .execute();
}

/** Which of these users chose not to be named on leaderboards. */
export async function findOptedOut(db: Kysely<Database>, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("reward_preferences")
    .select("user_id")
    .where("user_id", "in", userIds)
    .where("leaderboard_opt_out", "=", 1)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}
