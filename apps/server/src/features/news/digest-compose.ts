import { isPartnerRole, type Role } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database, NewsDigestTable } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import { uuidv7 } from "../../platform/ids.js";
import { roleMatches, viewerKeys } from "./audience.js";
import {
  advanceSchedules,
  type ClaimedPreference,
  claimDueUsers,
  findReadsInWindow,
  findViewers,
  findWindowPosts,
  insertDigests,
} from "./digest.repository.js";
import { earlierOf, laterOf, maxWindowDays, nextDigestAt, periodStart } from "./digest-schedule.js";
import { scheduleOf } from "./preferences.service.js";

/** Lets the event loop run: on SQLite every query is synchronous and would hold up requests for a whole run. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A digest lists at most this many posts (newest first) and says how many more there are. */
export const maxPostsPerDigest = 50;

export interface ComposeOptions {
  /** The run's clock: what is due, the window's end, the lease's start. */
  now: Date | string;
  /** Who claims (host:pid or a test's name), kept in news_preferences.claimed_by while it works. */
  workerId: string;
  /** Users per claim and per transaction. */
  batchSize?: number;
  /** How long a claim holds before another worker may take the users over (a crashed worker's). */
  leaseMs?: number;
}

export interface ComposeCounts {
  batches: number;
  /** Users claimed. */
  claimed: number;
  /** Digests stored, to be sent. */
  stored: number;
  /** Users with nothing new: schedule advanced, nothing stored. */
  empty: number;
  /** Users another worker (or a preference change) got to first: nothing stored by this one. */
  lost: number;
}

interface WindowPost {
  id: string;
  publishAt: string;
  roles: string;
  keys: string[];
}

interface Composed {
  since: string;
  postIds: string[];
}

/**
 * Composes the digests that are due: claims users in batches with a lease, works out each one's
 * unread posts outside any transaction, then per batch stores the non-empty digests and advances
 * the schedules in one transaction whose compare-and-set on the claimed next_digest_at decides
 * which worker's digest counts. A crash before the commit leaves the users due for the next run.
 */
export async function composeDueDigests(ctx: AppContext, options: ComposeOptions): Promise<ComposeCounts> {
  const batchSize = options.batchSize ?? 500;
  const now = new Date(options.now).toISOString();
  const leaseUntil = new Date(Date.parse(now) + (options.leaseMs ?? 120_000)).toISOString();
  const counts: ComposeCounts = { batches: 0, claimed: 0, stored: 0, empty: 0, lost: 0 };
  for (;;) {
    const claimed = await claimDueUsers(ctx.db, ctx.engine, { now: now, leaseUntil, workerId: options.workerId, limit: batchSize });
    if (claimed.length === 0) return counts;
    counts.batches++;
    counts.claimed += claimed.length;
    const composed = await composeBatch(ctx.db, claimed, now);
    const advances = claimed.map((row) => ({ userId: row.user_id, claimed: row.next_digest_at, next: nextDigestAt(scheduleOf(row), now) }));
    const dueAt = new Map(claimed.map((row) => [row.user_id, row.next_digest_at]));
    const won = await ctx.db.transaction().execute(async (trx) => {
      const winners = await advanceSchedules(trx, ctx.engine, advances, now);
      const rows: NewsDigestTable[] = [];
      for (const userId of winners) {
        const digest = composed.get(userId);
        if (!digest) continue;
        rows.push({
          id: uuidv7(),
          user_id: userId,
          due_at: dueAt.get(userId) as string,
          period_start: digest.since,
          period_end: now,
          post_ids: JSON.stringify(digest.postIds.slice(0, maxPostsPerDigest)),
          post_count: digest.postIds.length,
          status: "pending",
          attempts: 0,
          next_attempt_at: now,
          lease_until: null,
          last_error: null,
          sent_at: null,
          created_at: now,
        });
      }
      await insertDigests(trx, rows);
      return { winners: winners.length, stored: rows.length };
    });
    counts.stored += won.stored;
    counts.empty += won.winners - won.stored;
    counts.lost += claimed.length - won.winners;
    // On SQLite every query blocks the process: let requests in between batches.
    await breathe();
  }
}

/**
 * Each claimed user's unread posts in its audience, published in (its last digest, now]. One query
 * for the window's posts and their audience keys, one for the batch's reads; the audience is then
 * matched once per (partner, role) group, since everyone in a group sees the same posts.
 */
async function composeBatch(db: Kysely<Database>, claimed: ClaimedPreference[], now: string): Promise<Map<string, Composed>> {
  const result = new Map<string, Composed>();
  const found = await findViewers(
    db,
    claimed.map((row) => row.user_id),
  );
  const viewers = found.filter(
    (viewer) => viewer.status === "active" && isPartnerRole(viewer.role as Role) && viewer.partner_id !== null && viewer.partner_archived_at === null,
  );
  if (viewers.length === 0) return result;
  const floor = new Date(Date.parse(now) - maxWindowDays * 86_400_000).toISOString();
  const sinceOf = new Map<string, string>();
  for (const row of claimed) {
    const since = row.last_digest_at ?? periodStart(row.digest_frequency, row.next_digest_at);
    sinceOf.set(row.user_id, laterOf(since, floor));
  }
  const window = { since: viewers.reduce((min, viewer) => earlierOf(min, sinceOf.get(viewer.id) ?? now), now), until: now };
  if (window.since >= window.until) return result;

  await breathe();
  const posts = new Map<string, WindowPost>();
  for (const row of await findWindowPosts(db, window)) {
    const post = posts.get(row.id);
    if (post) post.keys.push(row.key);
    else posts.set(row.id, { id: row.id, publishAt: row.publish_at as string, roles: row.roles, keys: [row.key] });
  }
  if (posts.size === 0) return result;
  const newestFirst = [...posts.values()].sort((a, b) => (a.publishAt === b.publishAt ? (a.id < b.id ? 1 : -1) : a.publishAt < b.publishAt ? 1 : -1));
  await breathe();
  const reads = await findReadsInWindow(
    db,
    viewers.map((viewer) => viewer.id),
    window,
  );
  const read = new Set(reads.map((row) => `${row.user_id}|${row.post_id}`));

  const groups = new Map<string, WindowPost[]>();
  for (const viewer of viewers) {
    const groupKey = `${viewer.partner_id}|${viewer.role}`;
    let audience = groups.get(groupKey);
    if (!audience) {
      const keys = new Set(viewerKeys({ partnerId: viewer.partner_id as string, tierId: viewer.tier_id, region: viewer.region ?? "" }));
      audience = newestFirst.filter((post) => roleMatches(post.roles, viewer.role as Role) && post.keys.some((key) => keys.has(key)));
      groups.set(groupKey, audience);
    }
    const since = sinceOf.get(viewer.id) ?? now;
    const postIds = audience.filter((post) => post.publishAt > since && !read.has(`${viewer.id}|${post.id}`)).map((post) => post.id);
    if (postIds.length > 0) result.set(viewer.id, { since, postIds });
  }
  return result;
}
