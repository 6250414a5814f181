import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import { notify } from "../notifications/notifications.service.js";
import { excerptOf } from "./news.markdown.js";
import { findAudience, liveAt } from "./news.repository.js";
import { audienceUserIds } from "./news-reach.js";

/** Users per notify call: each call stores its rows in chunks and mails after, never in a transaction. */
const recipientsPerCall = 2_000;

/**
 * Claims the post's must-read notice: sets must_read_notified_at where it is still null on a live
 * must-read post. Only one caller (a save, or the job on any process) wins the compare-and-set.
 */
async function claimNotice(db: Kysely<Database>, postId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("news_posts")
    .set({ must_read_notified_at: now })
    .where("id", "=", postId)
    .where("must_read", "=", 1)
    .where("must_read_notified_at", "is", null)
    .where(liveAt(now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Tells the audience about a must-read post once it is visible: after a save that publishes it
 * now, or from the job once a scheduled one's publish time passes. Returns how many users were told.
 * The claim comes first, so a crash midway leaves some users untold rather than told twice.
 */
export async function notifyMustReadIfDue(ctx: AppContext, postId: string, now = nowIso()): Promise<number> {
  if (!(await claimNotice(ctx.db, postId, now))) return 0;
  const post = await ctx.db.selectFrom("news_posts").select(["id", "title", "body_markdown"]).where("id", "=", postId).executeTakeFirstOrThrow();
  const userIds = await audienceUserIds(ctx.db, await findAudience(ctx.db, postId));
  const body = excerptOf(post.body_markdown);
  for (let start = 0; start < userIds.length; start += recipientsPerCall) {
    await notify(ctx, {
      userIds: userIds.slice(start, start + recipientsPerCall),
      kind: "news_must_read",
      title: `Must read: ${post.title}`,
      body,
      link: `/portal/news/${post.id}`,
      sourceType: "news_post",
      sourceId: post.id,
    });
  }
  return userIds.length;
}

/** How far back the job looks: a must-read post that went live longer ago is history, not news. */
const lookBackMs = 7 * 86_400_000;

/** Live must-read posts whose audience has not been told yet (the job's work list). */
export async function findMustReadDue(db: Kysely<Database>, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom("news_posts")
    .select("id")
    .where("status", "=", "published")
    .where("pinned", "in", [0, 1])
    .where("publish_at", ">", new Date(Date.parse(now) - lookBackMs).toISOString())
    .where(liveAt(now))
    .where("must_read", "=", 1)
    .where("must_read_notified_at", "is", null)
    .orderBy("publish_at")
    .execute();
  return rows.map((row) => row.id);
}
