import type { Kysely } from "kysely";
import type { Database, RelationshipSettingsTable } from "../../db/types.js";

export const relationshipSettingsId = "relationships";

export async function findRelationshipSettings(db: Kysely<Database>): Promise<RelationshipSettingsTable | undefined> {
  return db.selectFrom("relationship_settings").selectAll().where("id", "=", relationshipSettingsId).executeTakeFirst();
}

export async function upsertRelationshipSettings(db: Kysely<Database>, row: RelationshipSettingsTable): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insertInto("relationship_settings")
    .values(row)
    .onConflict((oc) => oc.column("id").doUpdateSet(changes))
    .execute();
}
