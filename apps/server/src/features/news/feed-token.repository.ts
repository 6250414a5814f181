import type { Kysely } from "kysely";
import type { Database, NewsFeedTokenTable } from "../../db/types.js";

export async function findActiveFeedToken(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("news_feed_tokens")
    .select(["id", "token_prefix", "created_at"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

/** Revokes every live token of the user; returns how many. */
export async function revokeFeedTokens(db: Kysely<Database>, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable("news_feed_tokens")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertFeedToken(db: Kysely<Database>, row: NewsFeedTokenTable): Promise<void> {
  await db.insertInto("news_feed_tokens").values(row).execute();
}

/** The live token with this hash and its owner as the owner is now (status, role, partner). */
export async function findFeedTokenOwner(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom("news_feed_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .leftJoin("partners as p", "p.id", "u.partner_id")
    .select([
      "t.id as token_id",
      "t.created_at as token_created_at",
      "t.last_used_at",
      "u.id as user_id",
      "u.role",
      "u.status",
      "u.partner_id",
      "p.tier_id",
      "p.region",
      "p.archived_at as partner_archived_at",
    ])
    .where("t.token_hash", "=", tokenHash)
    .where("t.revoked_at", "is", null)
    .executeTakeFirst();
}

export async function touchFeedToken(db: Kysely<Database>, tokenId: string, at: string): Promise<void> {
  await db.updateTable("news_feed_tokens").set({ last_used_at: at }).where("id", "=", tokenId).execute();
}
