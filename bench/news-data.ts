import { type NewsCategory, newsCategories, type PartnerRole, partnerRoles } from "@trellis/shared";
import type { Kysely } from "kysely";
import { foldSearchText } from "../apps/server/src/db/dialect.js";
import type { Database, NewsPostTable, NewsPreferenceTable, NewsReadTable } from "../apps/server/src/db/types.js";
import { postKeys, rolesColumn } from "../apps/server/src/features/news/audience.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";
import { TextMaker } from "./library-data.js";
import { insertRows } from "./support-data.js";
import { DAY, iso } from "./support-life.js";

/** The news feed at bench scale: posts over two years, their audience keys, and a history of reads. */
export interface NewsScale {
  posts: number;
  /** Posts each partner user has opened, on average. */
  readsPerUser: number;
}

export const fullNewsScale: NewsScale = { posts: 5_000, readsPerUser: 25 };

export interface NewsRefs {
  partners: { id: string; tier_id: string | null; region: string }[];
  users: { id: string; partner_id: string | null; role: string }[];
  tierIds: string[];
  authorId: string;
}

export interface NewsData {
  rows: number;
  /** Posts visible now to everyone: what a digest at the end of the history will carry. */
  postIds: string[];
}

type Audience = { tierIds: string[]; regions: string[]; partnerIds: string[]; roles: PartnerRole[] };

/**
 * Writes the posts (most to every partner, the rest to tiers, regions, both, named partners or
 * roles; a few pinned, must-read, scheduled or expired), their audience rows and keys, and reads
 * of recent posts by every partner user. Seeded: the same scale gives the same feed.
 */
export async function generateNews(db: Kysely<Database>, scale: NewsScale, refs: NewsRefs): Promise<NewsData> {
  const text = new TextMaker(20261130);
  const random = text.random;
  const nowMs = Date.now();
  const regions = [...new Set(refs.partners.map((partner) => partner.region))];
  const posts: NewsPostTable[] = [];
  const audienceRows: { post_id: string; kind: "tier" | "region" | "partner" | "role"; value: string }[] = [];
  const keyRows: { key: string; post_id: string }[] = [];
  const visible: { id: string; publishMs: number; audience: Audience }[] = [];

  for (let i = 0; i < scale.posts; i++) {
    const id = uuidv7();
    // Newest last: spread over two years, a few scheduled ahead, a few expired.
    const publishMs = nowMs - Math.floor((1 - i / scale.posts) * 730 * DAY) + (i % 397 === 0 ? 3 * DAY : 0);
    const expired = i % 211 === 0;
    const draw = random();
    const audience: Audience = { tierIds: [], regions: [], partnerIds: [], roles: [] };
    if (draw < 0.45) {
      // every partner
    } else if (draw < 0.65) audience.tierIds = [text.pick(refs.tierIds)];
    else if (draw < 0.8) audience.regions = [text.pick(regions)];
    else if (draw < 0.88) {
      audience.tierIds = [text.pick(refs.tierIds)];
      audience.regions = [text.pick(regions)];
    } else {
      const named = 1 + Math.floor(random() * 20);
      audience.partnerIds = [...new Set(Array.from({ length: named }, () => text.pick(refs.partners).id))];
    }
    if (random() < 0.2) audience.roles = [text.pick(partnerRoles)];
    const title = text.sentence(4, 9).replace(/\.$/, "");
    const body = text.prose(120);
    const category: NewsCategory = text.pick(newsCategories);
    const createdAt = iso(publishMs - DAY);
    posts.push({
      id,
      title,
      body_markdown: body,
      category,
      status: i % 101 === 0 ? "draft" : "published",
      audience_all: audience.tierIds.length + audience.regions.length + audience.partnerIds.length === 0 ? 1 : 0,
      roles: rolesColumn(audience.roles),
      pinned: i >= scale.posts - 40 && i % 10 === 0 ? 1 : 0,
      must_read: i % 53 === 0 ? 1 : 0,
      comments_enabled: 1,
      search_text: foldSearchText(`${title} ${body}`),
      publish_at: iso(publishMs),
      expires_at: expired ? iso(publishMs + 30 * DAY) : null,
      author_id: refs.authorId,
      created_at: createdAt,
      updated_at: createdAt,
    });
    for (const tierId of audience.tierIds) audienceRows.push({ post_id: id, kind: "tier", value: tierId });
    for (const region of audience.regions) audienceRows.push({ post_id: id, kind: "region", value: region });
    for (const partnerId of audience.partnerIds) audienceRows.push({ post_id: id, kind: "partner", value: partnerId });
    for (const role of audience.roles) audienceRows.push({ post_id: id, kind: "role", value: role });
    for (const key of postKeys(audience)) keyRows.push({ key, post_id: id });
    if (i % 101 !== 0 && !expired && publishMs <= nowMs) visible.push({ id, publishMs, audience });
  }
  await insertRows(db, "news_posts", posts, 200);
  await insertRows(db, "news_post_audience", audienceRows, 1_000);
  await insertRows(db, "news_post_keys", keyRows, 1_000);

  // Reads: each partner user opened some of the posts of the last 90 days meant for everyone,
  // so unread flags and counts have something to subtract. Batched per 2,000 users.
  const recent = visible.filter(
    (post) => post.publishMs > nowMs - 90 * DAY && post.audience.partnerIds.length === 0 && post.audience.roles.length === 0,
  );
  const recentAll = recent.filter((post) => post.audience.tierIds.length === 0 && post.audience.regions.length === 0);
  let reads = 0;
  const partnerUsers = refs.users.filter((user) => user.partner_id !== null);
  for (let start = 0; start < partnerUsers.length; start += 2_000) {
    const rows: NewsReadTable[] = [];
    for (const user of partnerUsers.slice(start, start + 2_000)) {
      const count = Math.floor(random() * 2 * scale.readsPerUser);
      const seen = new Set<string>();
      for (let r = 0; r < count && recentAll.length > 0; r++) {
        const post = text.pick(recentAll);
        if (seen.has(post.id)) continue;
        seen.add(post.id);
        const readMs = Math.min(nowMs - 60_000, post.publishMs + Math.floor(random() * 5 * DAY));
        rows.push({ post_id: post.id, user_id: user.id, partner_id: user.partner_id, read_at: iso(readMs), acknowledged_at: null });
      }
    }
    await insertRows(db, "news_reads", rows, 1_000);
    reads += rows.length;
  }
  return { rows: posts.length + audienceRows.length + keyRows.length + reads, postIds: recentAll.map((post) => post.id) };
}

/**
 * Every partner user on a daily digest, due now, last sent a day ago: the run the issue times.
 * Hours and zones vary as users' would; next_digest_at is what makes them due.
 */
export async function prepareDailyDigests(db: Kysely<Database>, users: { id: string; partner_id: string | null }[], dueAt: string) {
  const zones = ["Europe/Berlin", "America/New_York", "Asia/Singapore", "UTC", "Australia/Sydney"];
  const lastMs = Date.parse(dueAt) - DAY;
  await db.deleteFrom("news_preferences").execute();
  const rows: NewsPreferenceTable[] = users
    .filter((user) => user.partner_id !== null)
    .map((user, i) => ({
      user_id: user.id,
      digest_frequency: "daily",
      digest_hour: i % 24,
      digest_weekday: 1,
      time_zone: zones[i % zones.length] ?? "UTC",
      last_digest_at: iso(lastMs),
      next_digest_at: dueAt,
      claimed_until: null,
      claimed_by: null,
      updated_at: dueAt,
    }));
  await insertRows(db, "news_preferences", rows, 1_000);
  return rows.length;
}
