import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

export function findMailRows(db: Kysely<Database>, filters: { to?: string; limit: number }, beforeId: string | undefined) {
  let query = db.selectFrom("mail_messages").selectAll();
  if (filters.to) query = query.where("to_address", "=", filters.to.toLowerCase());
  if (beforeId) query = query.where("id", "<", beforeId);
  return query
    .orderBy("id", "desc")
    .limit(filters.limit + 1)
    .execute();
}

export function findMailRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("mail_messages").selectAll().where("id", "=", id).executeTakeFirst();
}
