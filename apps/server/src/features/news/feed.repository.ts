import type { NewsCategory } from "@trellis/shared";
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../../db/types.js";
import { inAudienceOf, liveAt, matchesWords, type NewsViewer } from "./news.repository.js";

/** The feed's order: pinned first, then newest; the cursor is the last row's key. */
export type FeedKey = [pinned: number, publishAt: string, id: string];

export interface FeedFilters {
  category?: NewsCategory;
  q?: string;
  unreadOnly?: boolean;
  mustReadUnacknowledged?: boolean;
  after?: FeedKey;
}

/**
 * Not among the user's reads. `NOT IN` on purpose: the user's few reads are read once through
 * news_reads_user_idx into a set (SQLite: a bloom filter; PostgreSQL: a hashed subplan), instead of
 * one probe of the large primary key per post.
 */
function notReadBy(userId: string) {
  return (eb: ExpressionBuilder<Database, "news_posts">) =>
    eb("news_posts.id", "not in", eb.selectFrom("news_reads").select("news_reads.post_id").where("news_reads.user_id", "=", userId));
}

export interface FeedRow {
  id: string;
  title: string;
  body_markdown: string;
  category: NewsCategory;
  publish_at: string | null;
  pinned: number;
  must_read: number;
  read_at: string | null;
  acknowledged_at: string | null;
  /** Counts as subqueries: null stands for none on some drivers' typing; PostgreSQL's bigint arrives as a number. */
  comment_count: number | null;
  attachment_count: number | null;
}

type PostsEb = ExpressionBuilder<Database, "news_posts">;

/** The comments of the post (news_posts row in scope) the viewer may see; see countVisibleComments. */
function visibleCommentCount(eb: PostsEb, viewer: NewsViewer) {
  let count = eb
    .selectFrom("news_comments as c")
    .select((inner) => inner.fn.countAll<number>().as("n"))
    .whereRef("c.post_id", "=", "news_posts.id")
    .where("c.status", "=", "visible")
    .where((inner) =>
      inner.or([
        inner("c.parent_id", "is", null),
        inner.exists(inner.selectFrom("news_comments as q").select("q.id").whereRef("q.id", "=", "c.parent_id").where("q.status", "=", "visible")),
      ]),
    );
  if (viewer.kind === "partner") {
    const partnerId = viewer.partnerId;
    count = count.where((inner) => inner.or([inner("c.visibility", "=", "audience"), inner("c.partner_id", "=", partnerId)]));
  }
  return count.as("comment_count");
}

/** The caller's read of the post (partner users; vendor users' opens are not recorded). */
function readColumn(eb: PostsEb, viewer: NewsViewer, column: "read_at" | "acknowledged_at") {
  if (viewer.kind !== "partner") return sql<string | null>`null`.as(column);
  return eb
    .selectFrom("news_reads")
    .select(`news_reads.${column}`)
    .whereRef("news_reads.post_id", "=", "news_posts.id")
    .where("news_reads.user_id", "=", viewer.userId)
    .as(column);
}

/**
 * One page of the viewer's feed (limit+1 rows), with the caller's read, its comment count and the
 * attachment count of each post in the same statement (subqueries evaluated for the page's rows
 * only). Read in the order of the feed index (status, pinned, publish_at, id), so the first page
 * stops after limit+1 matching rows; partners: live posts of their audience (inAudienceOf),
 * vendor users: every live post.
 */
export function findFeedRows(db: Kysely<Database>, viewer: NewsViewer, filters: FeedFilters, now: string, limit: number): Promise<FeedRow[]> {
  let query = db
    .selectFrom("news_posts")
    .select((eb) => [
      "news_posts.id",
      "news_posts.title",
      "news_posts.body_markdown",
      "news_posts.category",
      "news_posts.publish_at",
      "news_posts.pinned",
      "news_posts.must_read",
      readColumn(eb, viewer, "read_at"),
      readColumn(eb, viewer, "acknowledged_at"),
      visibleCommentCount(eb, viewer),
      eb
        .selectFrom("news_attachments")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("news_attachments.post_id", "=", "news_posts.id")
        .as("attachment_count"),
    ])
    .where(liveAt(now));
  if (viewer.kind === "partner") query = query.where(inAudienceOf(viewer));
  if (filters.category) query = query.where("news_posts.category", "=", filters.category);
  if (filters.q) query = query.where(matchesWords(filters.q));
  const userId = viewer.userId;
  if (filters.unreadOnly && userId) query = query.where(notReadBy(userId));
  if (filters.mustReadUnacknowledged) {
    query = query.where("news_posts.must_read", "=", 1);
    if (userId) {
      query = query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("news_reads")
              .select("news_reads.post_id")
              .whereRef("news_reads.post_id", "=", "news_posts.id")
              .where("news_reads.user_id", "=", userId)
              .where("news_reads.acknowledged_at", "is not", null),
          ),
        ),
      );
    }
  }
  const after = filters.after;
  if (after) {
    const [pinned, publishAt, id] = after;
    query = query.where((eb) =>
      eb.or([
        eb("news_posts.pinned", "<", pinned),
        eb.and([eb("news_posts.pinned", "=", pinned), eb("news_posts.publish_at", "<", publishAt)]),
        eb.and([eb("news_posts.pinned", "=", pinned), eb("news_posts.publish_at", "=", publishAt), eb("news_posts.id", "<", id)]),
      ]),
    );
  }
  return query
    .orderBy("news_posts.status", "desc")
    .orderBy("news_posts.pinned", "desc")
    .orderBy("news_posts.publish_at", "desc")
    .orderBy("news_posts.id", "desc")
    .limit(limit + 1)
    .execute();
}

/**
 * Unread posts in the viewer's feed published since `since` (the badge's window, docs/news.md):
 * the same audience condition over one index range per pinned value, minus the user's reads
 * (news_reads_user_idx). Bounded by the window, so it stays cheap however long the history is.
 */
export async function countUnread(db: Kysely<Database>, viewer: NewsViewer, now: string, since: string): Promise<number> {
  const userId = viewer.userId;
  if (!userId) return 0;
  let query = db
    .selectFrom("news_posts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("news_posts.status", "=", "published")
    // Both pinned values named, so the feed index serves the publish_at range on each.
    .where("news_posts.pinned", "in", [0, 1])
    .where("news_posts.publish_at", ">", since)
    .where(liveAt(now))
    .where(notReadBy(userId));
  if (viewer.kind === "partner") query = query.where(inAudienceOf(viewer));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findReadsOf(
  db: Kysely<Database>,
  userId: string | null,
  postIds: readonly string[],
): Promise<Map<string, { readAt: string; acknowledgedAt: string | null }>> {
  if (!userId || postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("news_reads")
    .select(["post_id", "read_at", "acknowledged_at"])
    .where("user_id", "=", userId)
    .where("post_id", "in", postIds)
    .execute();
  return new Map(rows.map((row) => [row.post_id, { readAt: row.read_at, acknowledgedAt: row.acknowledged_at }]));
}

/**
 * Comments the viewer may see, per post: visible ones (not under a hidden question); partners only
 * public threads and their own organisation's private ones.
 */
export async function countVisibleComments(db: Kysely<Database>, viewer: NewsViewer, postIds: readonly string[]): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  let query = db
    .selectFrom("news_comments as c")
    .select(["c.post_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("c.post_id", "in", postIds)
    .where("c.status", "=", "visible")
    .where((eb) =>
      eb.or([
        eb("c.parent_id", "is", null),
        eb.exists(eb.selectFrom("news_comments as q").select("q.id").whereRef("q.id", "=", "c.parent_id").where("q.status", "=", "visible")),
      ]),
    );
  if (viewer.kind === "partner") {
    const partnerId = viewer.partnerId;
    query = query.where((eb) => eb.or([eb("c.visibility", "=", "audience"), eb("c.partner_id", "=", partnerId)]));
  }
  const rows = await query.groupBy("c.post_id").execute();
  return new Map(rows.map((row) => [row.post_id, Number(row.n)]));
}

export async function countAttachments(db: Kysely<Database>, postIds: readonly string[]): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("news_attachments")
    .select(["post_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("post_id", "in", postIds)
    .groupBy("post_id")
    .execute();
  return new Map(rows.map((row) => [row.post_id, Number(row.n)]));
}

/** The first open; a second one keeps the first time. Returns the stored read. */
export async function recordRead(
  db: Kysely<Database>,
  row: { postId: string; userId: string; partnerId: string | null; at: string },
): Promise<{ readAt: string; acknowledgedAt: string | null }> {
  await db
    .insertInto("news_reads")
    .values({ post_id: row.postId, user_id: row.userId, partner_id: row.partnerId, read_at: row.at, acknowledged_at: null })
    .onConflict((oc) => oc.columns(["post_id", "user_id"]).doNothing())
    .execute();
  const stored = await db
    .selectFrom("news_reads")
    .select(["read_at", "acknowledged_at"])
    .where("post_id", "=", row.postId)
    .where("user_id", "=", row.userId)
    .executeTakeFirstOrThrow();
  return { readAt: stored.read_at, acknowledgedAt: stored.acknowledged_at };
}

/** Sets acknowledged_at once (the first click wins). */
export async function recordAcknowledgement(db: Kysely<Database>, postId: string, userId: string, at: string): Promise<void> {
  await db
    .updateTable("news_reads")
    .set({ acknowledged_at: at })
    .where("post_id", "=", postId)
    .where("user_id", "=", userId)
    .where("acknowledged_at", "is", null)
    .execute();
}
