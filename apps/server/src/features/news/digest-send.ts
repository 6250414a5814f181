import { isPartnerRole, type NewsCategory, type Role } from "@trellis/shared";
import type { AppContext } from "../../platform/context.js";
import { getVendorSettings } from "../settings/settings.service.js";
import {
  type ClaimedDigest,
  claimPendingDigests,
  type DigestOutcome,
  deliveredMessageIds,
  findDigestPosts,
  findDigestRecipients,
  findReadsOf,
  finishDigests,
  lastMailError,
} from "./digest.repository.js";
import { breathe } from "./digest-compose.js";
import { type DigestPost, renderDigest } from "./digest-render.js";
import type { DigestSchedule } from "./digest-schedule.js";
import { excerptOf } from "./news.markdown.js";
import { unsubscribeToken } from "./unsubscribe-token.js";

/** Minutes to wait after the 1st, 2nd, ... failed attempt; after the last one the digest is failed. */
export const retryDelaysMinutes = [1, 5, 30, 120, 720] as const;

export interface SendOptions {
  now: Date | string;
  /** For the log: which process sent what. */
  workerId: string;
  /** At most this many digests in this call. */
  limit?: number;
  /** Digests per claim. */
  batchSize?: number;
  /** How long a claim holds; it must outlast mailing one batch, or a second sender may mail it too. */
  leaseMs?: number;
}

export interface SendCounts {
  /** Digests claimed (each one attempt). */
  attempted: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Handed to the mailer by a sender that died before marking them: marked sent, not mailed again. */
  recovered: number;
}

/** The digest's id as its Message-ID: a re-send after a crash carries the same one. */
export function digestMessageId(publicUrl: string, digestId: string): string {
  return `<${digestId}.digest@${new URL(publicUrl).hostname || "trellis.local"}>`;
}

export function unsubscribeUrls(publicUrl: string, secret: string, userId: string) {
  const token = unsubscribeToken(secret, userId);
  return { oneClick: `${publicUrl}/api/v1/news/unsubscribe/${token}`, page: `${publicUrl}/unsubscribe/${token}` };
}

type Recipient = Awaited<ReturnType<typeof findDigestRecipients>>[number];
type PostRow = Awaited<ReturnType<typeof findDigestPosts>>[number];
type Mail = { kind: "mail"; to: string; userId: string; rendered: ReturnType<typeof renderDigest> } | { kind: "skip"; reason: string };

/**
 * Mails composed digests: claims a batch with a lease, renders each (HTML and text) from the posts
 * as they are now, sends it with List-Unsubscribe headers and the digest's Message-ID, then marks
 * the batch in one transaction; a failure is recorded and retried after 1, 5, 30, 120 and 720
 * minutes, then failed. A sender that dies mid-batch leaves its digests leased; whoever takes them
 * over marks those the mailer had already recorded as sent instead of mailing them again.
 */
export async function sendPendingDigests(ctx: AppContext, options: SendOptions): Promise<SendCounts> {
  const limit = options.limit ?? 1_000;
  const batchSize = options.batchSize ?? 100;
  const now = new Date(options.now).toISOString();
  const leaseUntil = new Date(Date.parse(now) + (options.leaseMs ?? 10 * 60_000)).toISOString();
  const counts: SendCounts = { attempted: 0, sent: 0, retrying: 0, failed: 0, skipped: 0, recovered: 0 };
  let vendorName: string | undefined;
  for (let done = 0; done < limit; ) {
    const claimed = await claimPendingDigests(ctx.db, ctx.engine, { now, leaseUntil, limit: Math.min(batchSize, limit - done) });
    if (claimed.length === 0) break;
    done += claimed.length;
    counts.attempted += claimed.length;
    vendorName ??= (await getVendorSettings(ctx.db)).vendorName;
    // Tried before and the lease ran out: the sender may have died after the mailer took it.
    const retried = claimed.filter((digest) => digest.attempts > 1).map((digest) => digestMessageId(ctx.config.publicUrl, digest.id));
    const delivered = await deliveredMessageIds(ctx.db, retried);
    const mails = await prepareMails(ctx, claimed, now, vendorName);
    const outcomes: DigestOutcome[] = [];
    for (const digest of claimed) {
      const messageId = digestMessageId(ctx.config.publicUrl, digest.id);
      if (delivered.has(messageId)) {
        outcomes.push({ id: digest.id, status: "sent" });
        counts.recovered++;
        continue;
      }
      const mail = mails.get(digest.id) ?? { kind: "skip", reason: "recipient not found" };
      if (mail.kind === "skip") {
        outcomes.push({ id: digest.id, status: "skipped", reason: mail.reason });
        counts.skipped++;
        continue;
      }
      const outcome = await deliver(ctx, mail, messageId);
      if (outcome.ok) {
        outcomes.push({ id: digest.id, status: "sent" });
        counts.sent++;
        continue;
      }
      const delay = retryDelaysMinutes[digest.attempts - 1];
      const error = outcome.error.slice(0, 1_000);
      if (delay === undefined) {
        outcomes.push({ id: digest.id, status: "failed", error });
        counts.failed++;
        ctx.log.warn({ digest: digest.id, worker: options.workerId, attempts: digest.attempts }, "news digest failed for good");
      } else {
        outcomes.push({ id: digest.id, status: "pending", error, nextAttemptAt: new Date(Date.parse(now) + delay * 60_000).toISOString() });
        counts.retrying++;
      }
    }
    await finishDigests(ctx.db, leaseUntil, now, outcomes);
    // On SQLite every query blocks the process: let requests in between batches.
    await breathe();
  }
  return counts;
}

async function deliver(
  ctx: AppContext,
  mail: Extract<Mail, { kind: "mail" }>,
  messageId: string,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const urls = unsubscribeUrls(ctx.config.publicUrl, ctx.config.sessionSecret, mail.userId);
  try {
    const outcome = await ctx.mailer.send({
      to: mail.to,
      subject: mail.rendered.subject,
      text: mail.rendered.text,
      html: mail.rendered.html,
      messageId,
      headers: { "List-Unsubscribe": `<${urls.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    if (outcome !== "failed") return { ok: true };
    // The mailer keeps the transport's error with the message it recorded.
    return { ok: false, error: (await lastMailError(ctx.db, messageId)) ?? "the mail transport refused the message" };
  } catch (error) {
    // The outbox folder can fail too (disk full): a failed attempt like any other.
    return { ok: false, error: String(error) };
  }
}

/** Renders the batch: its recipients, posts and reads in three queries. */
async function prepareMails(ctx: AppContext, claimed: ClaimedDigest[], now: string, vendorName: string): Promise<Map<string, Mail>> {
  const postIdsOf = new Map(claimed.map((digest) => [digest.id, JSON.parse(digest.post_ids) as string[]]));
  const userIds = [...new Set(claimed.map((digest) => digest.user_id))];
  const postIds = [...new Set([...postIdsOf.values()].flat())];
  const [recipients, posts, reads] = await Promise.all([
    findDigestRecipients(ctx.db, userIds),
    findDigestPosts(ctx.db, postIds, now),
    findReadsOf(ctx.db, userIds, postIds),
  ]);
  const recipientOf = new Map(recipients.map((recipient) => [recipient.id, recipient]));
  const postOf = new Map(posts.map((post) => [post.id, post]));
  const readSet = new Set(reads.map((read) => `${read.user_id}|${read.post_id}`));
  const mails = new Map<string, Mail>();
  for (const digest of claimed) {
    const ids = postIdsOf.get(digest.id) ?? [];
    mails.set(digest.id, mailFor(ctx, digest, recipientOf.get(digest.user_id), ids, postOf, readSet, vendorName));
  }
  return mails;
}

function mailFor(
  ctx: AppContext,
  digest: ClaimedDigest,
  recipient: Recipient | undefined,
  ids: string[],
  postOf: Map<string, PostRow>,
  readSet: Set<string>,
  vendorName: string,
): Mail {
  if (recipient?.status !== "active" || !isPartnerRole(recipient.role as Role) || recipient.partner_archived_at !== null) {
    return { kind: "skip", reason: "the recipient can no longer read the news" };
  }
  if (!recipient.digest_frequency || recipient.digest_frequency === "off") return { kind: "skip", reason: "unsubscribed since it was composed" };
  // Read since it was composed, archived or expired: left out. An unread must-read is marked.
  const posts: DigestPost[] = [];
  for (const id of ids) {
    const post = postOf.get(id);
    if (!post || readSet.has(`${recipient.id}|${id}`)) continue;
    posts.push({
      id,
      title: post.title,
      category: post.category as NewsCategory,
      publishAt: post.publish_at as string,
      excerpt: excerptOf(post.body_markdown),
      mustRead: post.must_read === 1,
    });
  }
  if (posts.length === 0) return { kind: "skip", reason: "everything in it was read or withdrawn before it was sent" };
  const schedule: DigestSchedule = {
    frequency: recipient.digest_frequency,
    hour: recipient.digest_hour ?? 8,
    weekday: recipient.digest_weekday ?? 1,
    timeZone: recipient.time_zone ?? "UTC",
  };
  const rendered = renderDigest({
    recipientName: recipient.name,
    vendorName,
    publicUrl: ctx.config.publicUrl,
    unsubscribeUrl: unsubscribeUrls(ctx.config.publicUrl, ctx.config.sessionSecret, recipient.id).page,
    schedule,
    posts,
    totalCount: digest.post_count - (ids.length - posts.length),
  });
  return { kind: "mail", to: recipient.email, userId: recipient.id, rendered };
}
