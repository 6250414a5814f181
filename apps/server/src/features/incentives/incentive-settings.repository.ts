import type { Kysely } from "kysely";
import type { Database, IncentiveSettingsTable } from "../../db/types.js";

export const incentiveSettingsId = "incentives";

export async function findIncentiveSettings(db: Kysely<Database>): Promise<IncentiveSettingsTable | undefined> {
  return db.selectFrom("incentive_settings").selectAll().where("id", "=", incentiveSettingsId).executeTakeFirst();
}

export async function upsertIncentiveSettings(db: Kysely<Database>, row: IncentiveSettingsTable): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insertInto("incentive_settings")
    .values(row)
    .onConflict((oc) => oc.column("id").doUpdateSet(changes))
    .execute();
}
