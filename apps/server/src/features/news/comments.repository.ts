import type { Kysely } from "kysely";
import type { Database, NewsCommentTable } from "../../db/types.js";

/** A post's conversation is short; more than this is cut (oldest kept, as they are read top-down). */
export const commentsPerPost = 1_000;

export function findComments(db: Kysely<Database>, postId: string): Promise<NewsCommentTable[]> {
  return db
    .selectFrom("news_comments")
    .selectAll()
    .where("post_id", "=", postId)
    .orderBy("created_at")
    .orderBy("id")
    .limit(commentsPerPost)
    .execute();
}

export function findComment(db: Kysely<Database>, id: string): Promise<NewsCommentTable | undefined> {
  return db.selectFrom("news_comments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertComment(db: Kysely<Database>, row: NewsCommentTable): Promise<void> {
  await db.insertInto("news_comments").values(row).execute();
}

/** A thread is its question and the replies to it: narrowing it to one organisation moves them all. */
export async function setThreadVisibility(
  db: Kysely<Database>,
  rootId: string,
  visibility: NewsCommentTable["visibility"],
  at: string,
): Promise<void> {
  await db
    .updateTable("news_comments")
    .set({ visibility, updated_at: at })
    .where((eb) => eb.or([eb("id", "=", rootId), eb("parent_id", "=", rootId)]))
    .execute();
}

export async function updateModeration(
  db: Kysely<Database>,
  id: string,
  changes: Pick<NewsCommentTable, "status" | "moderated_by" | "moderation_reason" | "updated_at">,
): Promise<void> {
  await db.updateTable("news_comments").set(changes).where("id", "=", id).execute();
}
