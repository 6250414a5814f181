import type { Kysely } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// The channel news feed (docs/news.md): posts, their audience, reads and acknowledgements, comments.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // Visible to partners when status = published, publish_at <= now and (expires_at is null or > now).
  // roles: "" for every partner role, else a comma list of the partner roles it is meant for.
  await db.schema
    .createTable("news_posts")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_markdown", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("audience_all", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("roles", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("must_read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comments_enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("publish_at", ts)
    .addColumn("expires_at", ts)
    .addColumn("author_id", "text", (c) => c.references("users.id"))
    // Set when the audience was told about a must-read post (on publishing, or by the news.must-read
    // job once a scheduled one goes live): a compare-and-set on null makes it happen once.
    .addColumn("must_read_notified_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("news_posts_feed_idx").on("news_posts").columns(["status", "pinned", "publish_at", "id"]).execute();
  // The editors' list, newest first.
  await db.schema.createIndex("news_posts_created_idx").on("news_posts").columns(["created_at", "id"]).execute();
  // A reader's unacknowledged must-read posts, in feed order, without walking every post.
  await db.schema.createIndex("news_posts_must_read_idx").on("news_posts").columns(["must_read", "status", "pinned", "publish_at", "id"]).execute();
  // Reach (active partner users by partner and role) in one index-only pass over users; read-only
  // use of the users table by the news feature's figures and must-read notices.
  await db.schema.createIndex("news_users_reach_idx").on("users").columns(["status", "partner_id", "role"]).execute();

  // What the editor chose: kind tier | region | partner | role, value the tier id, region, partner id or role.
  await db.schema
    .createTable("news_post_audience")
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("news_post_audience_pk", ["post_id", "kind", "value"])
    .execute();

  // Derived from the audience on every save: the keys a viewer's partner can match
  // ("all", "tier:<id>", "region:<name>", "tier_region:<id>|<name>", "partner:<id>").
  await db.schema
    .createTable("news_post_keys")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addPrimaryKeyConstraint("news_post_keys_pk", ["key", "post_id"])
    .execute();
  await db.schema.createIndex("news_post_keys_post_idx").on("news_post_keys").columns(["post_id"]).execute();

  await db.schema
    .createTable("news_post_products")
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addPrimaryKeyConstraint("news_post_products_pk", ["post_id", "product_id"])
    .execute();
  await db.schema
    .createTable("news_post_assets")
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addPrimaryKeyConstraint("news_post_assets_pk", ["post_id", "asset_id"])
    .execute();

  await db.schema
    .createTable("news_attachments")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("news_attachments_post_idx").on("news_attachments").columns(["post_id"]).execute();

  // Images referenced from post bodies.
  await db.schema
    .createTable("news_images")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  // First open of a post by a user; acknowledged_at set by the must-read button. partner_id copied
  // so the per-partner read share is one indexed range.
  await db.schema
    .createTable("news_reads")
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("partner_id", "text", (c) => c.references("partners.id"))
    .addColumn("read_at", ts, (c) => c.notNull())
    .addColumn("acknowledged_at", ts)
    .addPrimaryKeyConstraint("news_reads_pk", ["post_id", "user_id"])
    .execute();
  await db.schema.createIndex("news_reads_user_idx").on("news_reads").columns(["user_id", "post_id"]).execute();
  await db.schema.createIndex("news_reads_partner_idx").on("news_reads").columns(["partner_id", "read_at", "user_id"]).execute();

  // visibility: audience (everyone the post targets) | partner (the asker's organisation and the vendor).
  // status: visible | hidden (moderated; kept, with who and why).
  await db.schema
    .createTable("news_comments")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("post_id", "text", (c) => c.notNull().references("news_posts.id"))
    .addColumn("parent_id", "text", (c) => c.references("news_comments.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("partner_id", "text", (c) => c.references("partners.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("moderated_by", "text", (c) => c.references("users.id"))
    .addColumn("moderation_reason", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("news_comments_post_idx").on("news_comments").columns(["post_id", "created_at"]).execute();
}
