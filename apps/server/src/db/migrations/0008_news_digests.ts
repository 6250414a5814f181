import type { Kysely } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// News digests, unsubscribe and Atom feed tokens (docs/news.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // One row per partner user (created with the defaults when missing). next_digest_at is the
  // exactly-once marker: composing a digest advances it in the same transaction that stores the digest,
  // with a compare-and-set on the old value. claimed_until is a lease that spreads work across processes.
  await db.schema
    .createTable("news_preferences")
    .addColumn("user_id", "text", (c) => c.primaryKey().notNull().references("users.id"))
    .addColumn("digest_frequency", "text", (c) => c.notNull())
    .addColumn("digest_hour", "integer", (c) => c.notNull())
    .addColumn("digest_weekday", "integer", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("last_digest_at", ts)
    .addColumn("next_digest_at", ts)
    .addColumn("claimed_until", ts)
    .addColumn("claimed_by", "text")
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("news_preferences_due_idx").on("news_preferences").columns(["next_digest_at", "user_id"]).execute();

  // A composed digest waiting to be sent, sent, or given up on. (user_id, due_at) is unique: a user's
  // scheduled digest exists once whatever happens to the processes composing it.
  await db.schema
    .createTable("news_digests")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("due_at", ts, (c) => c.notNull())
    .addColumn("period_start", ts)
    .addColumn("period_end", ts, (c) => c.notNull())
    .addColumn("post_ids", "text", (c) => c.notNull())
    .addColumn("post_count", "integer", (c) => c.notNull())
    // pending | sending (leased to a sender) | sent | failed (attempts exhausted) | skipped (nothing left to send)
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", ts, (c) => c.notNull())
    .addColumn("lease_until", ts)
    .addColumn("last_error", "text")
    .addColumn("sent_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("news_digests_user_due_uq", ["user_id", "due_at"])
    .execute();
  await db.schema.createIndex("news_digests_outbox_idx").on("news_digests").columns(["status", "next_attempt_at"]).execute();

  // Secret Atom feed URLs: only the hash is kept; revoking sets revoked_at.
  await db.schema
    .createTable("news_feed_tokens")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("token_prefix", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("last_used_at", ts)
    .addColumn("revoked_at", ts)
    .execute();
  await db.schema.createIndex("news_feed_tokens_user_idx").on("news_feed_tokens").columns(["user_id"]).execute();

  // A digest's window is "published in (last digest, now]": one range on publish_at per batch.
  await db.schema.createIndex("news_posts_publish_idx").on("news_posts").columns(["publish_at"]).execute();

  // The Message-ID a message was sent with (a digest's id), so a digest whose sender died after the
  // hand-off but before marking it sent is recognised as sent instead of mailed twice.
  await db.schema.alterTable("mail_messages").addColumn("message_id", "text").execute();
  await db.schema.createIndex("mail_messages_message_id_idx").on("mail_messages").columns(["message_id"]).execute();
}
