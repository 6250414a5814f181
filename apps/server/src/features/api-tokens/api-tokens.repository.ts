import type { Kysely } from "kysely";
import type { ApiTokenTable, Database } from "../../db/types.js";

export function listTokenRows(db: Kysely<Database>) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.created_by")
    .select([
      "api_tokens.id",
      "api_tokens.name",
      "api_tokens.role",
      "api_tokens.token_prefix",
      "api_tokens.created_at",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
      "users.name as created_by_name",
    ])
    .orderBy("api_tokens.revoked_at", "desc")
    .orderBy("api_tokens.id", "desc")
    .execute();
}

export function findTokenRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertToken(db: Kysely<Database>, row: ApiTokenTable) {
  await db.insertInto("api_tokens").values(row).execute();
}

export async function revokeTokenRow(db: Kysely<Database>, id: string, at: string) {
  await db.updateTable("api_tokens").set({ revoked_at: at }).where("id", "=", id).where("revoked_at", "is", null).execute();
}
