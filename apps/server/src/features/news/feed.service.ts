import { nowIso } from "../../db/dialect.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.js";
import { badRequest, businessRule, forbidden } from "../../platform/http/problem.js";
import {
  countUnread,
  type FeedFilters,
  type FeedKey,
  type FeedRow,
  findFeedRows,
  findReadsOf,
  recordAcknowledgement,
  recordRead,
} from "./feed.repository.js";
import { excerptOf } from "./news.markdown.js";
import type { NewsViewer } from "./news.repository.js";
import type { FeedPage, FeedPost, FeedQuery } from "./news.schemas.js";
import { requirePost, viewerOf } from "./news-access.js";

/**
 * The unread badge counts unread posts of the last 90 days: bounded by the feed index's publish_at
 * range, so it costs the same after five years of posts as after five weeks. Older unread posts are
 * still in the feed (and under ?unread=true); they just no longer nag.
 */
export const unreadWindowDays = 90;

function feedKeyOf(cursor: string | undefined): FeedKey | undefined {
  const values = decodeCursor(cursor, 3);
  if (!values) return undefined;
  const [pinned, publishAt, id] = values;
  if (typeof pinned !== "number" || typeof publishAt !== "string" || typeof id !== "string") {
    throw badRequest("cursor is not valid", [{ path: "cursor", message: "not a cursor this list issued" }]);
  }
  return [pinned, publishAt, id];
}

function toFeedPost(row: FeedRow): FeedPost {
  return {
    id: row.id,
    title: row.title,
    excerpt: excerptOf(row.body_markdown),
    category: row.category,
    publishAt: row.publish_at,
    pinned: row.pinned === 1,
    mustRead: row.must_read === 1,
    read: row.read_at !== null,
    acknowledged: row.acknowledged_at !== null,
    commentCount: Number(row.comment_count ?? 0),
    attachmentCount: Number(row.attachment_count ?? 0),
  };
}

/**
 * The caller's feed: pinned first, then newest; live posts of its audience (vendor users: every live
 * post). Exported for the bench: one page with read flags and the unread count.
 */
export async function feedPage(ctx: AppContext, actor: AuthenticatedActor, query: FeedQuery): Promise<FeedPage> {
  const viewer = await viewerOf(ctx.db, actor);
  const now = nowIso();
  // Only partner users' reads are recorded: vendor users' feed has no unread state.
  const partner = viewer.kind === "partner";
  const filters: FeedFilters = { category: query.category, q: query.q, unreadOnly: partner && query.unread, after: feedKeyOf(query.cursor) };
  const since = new Date(Date.parse(now) - unreadWindowDays * 86_400_000).toISOString();
  const [rows, unreadCount] = await Promise.all([
    findFeedRows(ctx.db, viewer, filters, now, query.limit),
    partner ? countUnread(ctx.db, viewer, now, since) : Promise.resolve(0),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toFeedPost),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.pinned, last.publish_at ?? "", last.id]) : null,
    unreadCount,
  };
}

/** How many unacknowledged must-read posts the banner lists at most. */
const mustReadLimit = 50;

/** Must-read posts in the caller's feed it has not acknowledged yet, pinned first, then newest. */
export async function mustReadPosts(ctx: AppContext, actor: AuthenticatedActor): Promise<{ items: FeedPost[] }> {
  const viewer = await viewerOf(ctx.db, actor);
  const rows = await findFeedRows(ctx.db, viewer, { mustReadUnacknowledged: true }, nowIso(), mustReadLimit);
  return { items: rows.slice(0, mustReadLimit).map(toFeedPost) };
}

/** Whose reading is recorded: partner users only (news_reads is the partners' reading record). */
function readerOf(actor: AuthenticatedActor, viewer: NewsViewer): { userId: string; partnerId: string } | null {
  if (viewer.kind !== "partner") return null;
  if (actor.kind !== "user" || !viewer.userId) throw forbidden("Only a signed-in user can mark a post as read");
  return { userId: viewer.userId, partnerId: viewer.partnerId };
}

/**
 * The first open of a post by a partner user; opening it again keeps the first time. Vendor users'
 * opens (editors previewing) are not recorded, so every read counted is a partner's: readAt null.
 */
export async function markRead(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<{ readAt: string | null }> {
  const viewer = await viewerOf(ctx.db, actor);
  const now = nowIso();
  await requirePost(ctx.db, viewer, id, now);
  const reader = readerOf(actor, viewer);
  if (!reader) return { readAt: null };
  const read = await recordRead(ctx.db, { postId: id, userId: reader.userId, partnerId: reader.partnerId, at: now });
  return { readAt: read.readAt };
}

/** The one-click acknowledgement of a must-read post; records the read too. The first click's time is kept. */
export async function acknowledgePost(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<{ readAt: string; acknowledgedAt: string }> {
  const viewer = await viewerOf(ctx.db, actor);
  const now = nowIso();
  const post = await requirePost(ctx.db, viewer, id, now);
  if (post.must_read !== 1) throw businessRule("This post is not a must-read post; there is nothing to acknowledge");
  const reader = readerOf(actor, viewer);
  if (!reader) throw businessRule("Must-read posts are acknowledged by the partner users they are meant for");
  const stored = await ctx.db.transaction().execute(async (trx) => {
    await recordRead(trx, { postId: id, userId: reader.userId, partnerId: reader.partnerId, at: now });
    await recordAcknowledgement(trx, id, reader.userId, now);
    return findReadsOf(trx, reader.userId, [id]);
  });
  const read = stored.get(id);
  return { readAt: read?.readAt ?? now, acknowledgedAt: read?.acknowledgedAt ?? now };
}
