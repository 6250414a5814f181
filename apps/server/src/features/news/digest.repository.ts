import type { DigestStatus } from "@trellis/shared";
import { type Kysely, sql } from "kysely";
import { type Engine, skipLocked, timestampValue } from "../../db/dialect.js";
import type { Database, NewsDigestTable, NewsPreferenceTable } from "../../db/types.js";

// Reads users and partners read-only (names, tier, region): the digest is about who reads, not who they are.

export type ClaimedPreference = Pick<
  NewsPreferenceTable,
  "user_id" | "digest_frequency" | "digest_hour" | "digest_weekday" | "time_zone" | "last_digest_at" | "next_digest_at"
> & { next_digest_at: string };

/**
 * Claims up to `limit` users whose digest is due and whom no live lease holds, for `leaseUntil`.
 * One statement: on PostgreSQL the inner SELECT skips rows another worker is claiming right now.
 */
export async function claimDueUsers(
  db: Kysely<Database>,
  engine: Engine,
  claim: { now: string; leaseUntil: string; workerId: string; limit: number },
): Promise<ClaimedPreference[]> {
  const due = skipLocked(
    engine,
    db
      .selectFrom("news_preferences")
      .select("user_id")
      .where("next_digest_at", "<=", claim.now)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", claim.now)]))
      .orderBy("next_digest_at")
      .orderBy("user_id")
      .limit(claim.limit),
  );
  const rows = await db
    .updateTable("news_preferences")
    .set({ claimed_until: claim.leaseUntil, claimed_by: claim.workerId })
    .where("user_id", "in", due)
    .returning(["user_id", "digest_frequency", "digest_hour", "digest_weekday", "time_zone", "last_digest_at", "next_digest_at"])
    .execute();
  return rows.filter((row): row is ClaimedPreference => row.next_digest_at !== null);
}

export interface DigestViewer {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  partner_id: string | null;
  tier_id: string | null;
  region: string | null;
  partner_archived_at: string | null;
}

export async function findViewers(db: Kysely<Database>, userIds: readonly string[]): Promise<DigestViewer[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("users")
    .leftJoin("partners", "partners.id", "users.partner_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.status",
      "users.partner_id",
      "partners.tier_id",
      "partners.region",
      "partners.archived_at as partner_archived_at",
    ])
    .where("users.id", "in", userIds)
    .execute();
}

/** Posts visible at `until` and published in (since, until], one row per audience key. */
export async function findWindowPosts(db: Kysely<Database>, window: { since: string; until: string }) {
  return db
    .selectFrom("news_posts as p")
    .innerJoin("news_post_keys as k", "k.post_id", "p.id")
    .select(["p.id", "p.publish_at", "p.roles", "p.must_read", "k.key"])
    .where("p.status", "=", "published")
    .where("p.publish_at", ">", window.since)
    .where("p.publish_at", "<=", window.until)
    .where((eb) => eb.or([eb("p.expires_at", "is", null), eb("p.expires_at", ">", window.until)]))
    .execute();
}

/** The batch's reads of posts published in the window: one query for the whole batch. */
export async function findReadsInWindow(db: Kysely<Database>, userIds: readonly string[], window: { since: string; until: string }) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("news_reads")
    .select(["user_id", "post_id"])
    .where("user_id", "in", userIds)
    .where("post_id", "in", (eb) =>
      eb.selectFrom("news_posts").select("news_posts.id").where("publish_at", ">", window.since).where("publish_at", "<=", window.until),
    )
    .execute();
}

export interface ScheduleAdvance {
  userId: string;
  /** The next_digest_at this worker claimed: the compare-and-set only succeeds if it is unchanged. */
  claimed: string;
  next: string | null;
}

/**
 * Moves each user's schedule on and releases its claim, in one statement, only where next_digest_at
 * is still the value that was claimed. Returns the users this worker won; the others were taken by
 * another worker, or the user changed its preferences meanwhile.
 */
export async function advanceSchedules(db: Kysely<Database>, engine: Engine, advances: readonly ScheduleAdvance[], lastDigestAt: string) {
  if (advances.length === 0) return [];
  // One statement joined to a VALUES list (UPDATE ... FROM works on PostgreSQL and SQLite >= 3.33).
  const values = sql.join(
    advances.map((advance) => sql`(${advance.userId}, ${timestampValue(engine, advance.claimed)}, ${timestampValue(engine, advance.next)})`),
  );
  const result = await sql<{ user_id: string }>`
    with advance(user_id, claimed, next) as (values ${values})
    update news_preferences
    set next_digest_at = advance.next, last_digest_at = ${lastDigestAt}, claimed_until = null, claimed_by = null
    from advance
    where news_preferences.user_id = advance.user_id and news_preferences.next_digest_at = advance.claimed
    returning news_preferences.user_id`.execute(db);
  return result.rows.map((row) => row.user_id);
}

export async function insertDigests(db: Kysely<Database>, rows: NewsDigestTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto("news_digests")
      .values(rows.slice(start, start + 500))
      .onConflict((oc) => oc.columns(["user_id", "due_at"]).doNothing())
      .execute();
  }
}

/**
 * Leases up to `limit` digests to a sender: first any a sender took and never finished (its lease
 * ran out: it died), then pending ones whose time has come, oldest first. Each claim counts as an
 * attempt. Two statements, each walking the (status, next_attempt_at) index, not one OR that sorts
 * every pending row.
 */
export async function claimPendingDigests(db: Kysely<Database>, engine: Engine, claim: { now: string; leaseUntil: string; limit: number }) {
  const readyDigests = (limit: number) => db.selectFrom("news_digests").select("id").limit(limit);
  const take = (ready: ReturnType<typeof readyDigests>) =>
    db
      .updateTable("news_digests")
      .set((eb) => ({ status: "sending", lease_until: claim.leaseUntil, attempts: eb("attempts", "+", 1) }))
      .where("id", "in", skipLocked(engine, ready))
      .returning(["id", "user_id", "post_ids", "post_count", "attempts", "lease_until"])
      .execute();
  const abandoned = await take(readyDigests(claim.limit).where("status", "=", "sending").where("lease_until", "<=", claim.now));
  if (abandoned.length >= claim.limit) return abandoned;
  const due = await take(
    readyDigests(claim.limit - abandoned.length)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", claim.now)
      .orderBy("next_attempt_at"),
  );
  return [...abandoned, ...due];
}

export type ClaimedDigest = Awaited<ReturnType<typeof claimPendingDigests>>[number];

/** How one claimed digest's attempt ended. */
export type DigestOutcome =
  | { id: string; status: "sent" }
  | { id: string; status: "skipped"; reason: string }
  | { id: string; status: "pending"; nextAttemptAt: string; error: string }
  | { id: string; status: "failed"; error: string };

/**
 * Ends a batch of send attempts in one transaction (one commit, not one per digest), each only
 * while this sender's lease is the one on the row: a sender whose lease ran out changes nothing.
 */
export async function finishDigests(db: Kysely<Database>, leaseUntil: string, now: string, outcomes: readonly DigestOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const leased = (ids: string[]) =>
      trx.updateTable("news_digests").where("id", "in", ids).where("status", "=", "sending").where("lease_until", "=", leaseUntil);
    const sent = outcomes.filter((outcome) => outcome.status === "sent").map((outcome) => outcome.id);
    if (sent.length > 0) await leased(sent).set({ status: "sent", lease_until: null, sent_at: now, last_error: null }).execute();
    for (const outcome of outcomes) {
      if (outcome.status === "skipped")
        await leased([outcome.id]).set({ status: "skipped", lease_until: null, last_error: outcome.reason }).execute();
      if (outcome.status === "failed") await leased([outcome.id]).set({ status: "failed", lease_until: null, last_error: outcome.error }).execute();
      if (outcome.status === "pending") {
        await leased([outcome.id])
          .set({ status: "pending", lease_until: null, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error })
          .execute();
      }
    }
  });
}

/** Message-IDs the mailer already handed over (SMTP accepted, or written to the outbox). */
export async function deliveredMessageIds(db: Kysely<Database>, messageIds: readonly string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("mail_messages")
    .select("message_id")
    .where("message_id", "in", messageIds)
    .where("status", "in", ["sent", "written"])
    .execute();
  return new Set(rows.map((row) => row.message_id).filter((id): id is string => id !== null));
}

/** The error the mailer recorded for the latest failed attempt with this Message-ID. */
export async function lastMailError(db: Kysely<Database>, messageId: string): Promise<string | null> {
  const row = await db
    .selectFrom("mail_messages")
    .select("error")
    .where("message_id", "=", messageId)
    .where("status", "=", "failed")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.error ?? null;
}

/** Who the claimed digests go to, with their current choices (an unsubscribe since composing wins). */
export async function findDigestRecipients(db: Kysely<Database>, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("users")
    .leftJoin("partners", "partners.id", "users.partner_id")
    .leftJoin("news_preferences", "news_preferences.user_id", "users.id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.role",
      "users.status",
      "users.partner_id",
      "partners.archived_at as partner_archived_at",
      "news_preferences.digest_frequency",
      "news_preferences.digest_hour",
      "news_preferences.digest_weekday",
      "news_preferences.time_zone",
    ])
    .where("users.id", "in", userIds)
    .execute();
}

/** The posts of the claimed digests as they are now (a post archived or expired since is left out). */
export async function findDigestPosts(db: Kysely<Database>, postIds: readonly string[], now: string) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom("news_posts")
    .select(["id", "title", "category", "body_markdown", "publish_at", "must_read"])
    .where("id", "in", postIds)
    .where("status", "=", "published")
    .where("publish_at", "<=", now)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .execute();
}

export async function findReadsOf(db: Kysely<Database>, userIds: readonly string[], postIds: readonly string[]) {
  if (userIds.length === 0 || postIds.length === 0) return [];
  return db
    .selectFrom("news_reads")
    .select(["user_id", "post_id", "acknowledged_at"])
    .where("user_id", "in", userIds)
    .where("post_id", "in", postIds)
    .execute();
}

export async function findDigestPage(db: Kysely<Database>, query: { status?: DigestStatus; after?: string; limit: number }) {
  let select = db
    .selectFrom("news_digests as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .leftJoin("partners as p", "p.id", "u.partner_id")
    .select([
      "d.id",
      "d.user_id",
      "u.name as user_name",
      "u.email",
      "p.id as partner_id",
      "p.name as partner_name",
      "d.due_at",
      "d.post_count",
      "d.status",
      "d.attempts",
      "d.last_error",
      "d.next_attempt_at",
      "d.sent_at",
      "d.created_at",
    ])
    .orderBy("d.id", "desc")
    .limit(query.limit + 1);
  if (query.status) select = select.where("d.status", "=", query.status);
  if (query.after) select = select.where("d.id", "<", query.after);
  return select.execute();
}
