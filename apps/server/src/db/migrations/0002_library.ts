import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const ts = timestampType(engine);

  // Stale competitive data sheets are hidden from partners unless the vendor turns this off.
  await db.schema
    .alterTable("vendor_settings")
    .addColumn("hide_stale_competitive", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("assets")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.references("users.id"))
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("review_by", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("co_brandable", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cobrand_box", "text")
    .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("current_version_id", "text")
    .addColumn("content_type", "text")
    .addColumn("size", "bigint")
    .addColumn("tags_text", "text", (c) => c.notNull().defaultTo(""))
    // SQLite: the asset's rowid in the FTS5 index (integer keys make the index small and fast).
    .addColumn("search_key", "integer", (c) => c.unique())
    .addColumn("use_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_used_at", ts)
    .addColumn("published_at", ts)
    .addColumn("content_updated_at", ts)
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assets_status_newest_idx").on("assets").columns(["status", "content_updated_at", "id"]).execute();
  await db.schema.createIndex("assets_status_type_idx").on("assets").columns(["status", "type", "content_updated_at"]).execute();
  await db.schema.createIndex("assets_use_idx").on("assets").columns(["status", "use_count", "id"]).execute();
  await db.schema.createIndex("assets_review_idx").on("assets").columns(["type", "review_by"]).execute();

  await db.schema
    .createTable("asset_versions")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text")
    .addColumn("file_name", "text")
    .addColumn("content_type", "text")
    .addColumn("size", "bigint")
    .addColumn("body_markdown", "text")
    .addColumn("extracted_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("page_count", "integer")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("asset_versions_asset_version_uq", ["asset_id", "version"])
    .execute();

  await db.schema
    .createTable("asset_products")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addPrimaryKeyConstraint("asset_products_pk", ["asset_id", "product_id"])
    .execute();
  await db.schema.createIndex("asset_products_product_idx").on("asset_products").columns(["product_id", "asset_id"]).execute();

  await db.schema
    .createTable("asset_markets")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("market", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_markets_pk", ["asset_id", "market"])
    .execute();
  await db.schema.createIndex("asset_markets_market_idx").on("asset_markets").columns(["market", "asset_id"]).execute();

  await db.schema
    .createTable("asset_tags")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_tags_pk", ["asset_id", "tag"])
    .execute();
  await db.schema.createIndex("asset_tags_tag_idx").on("asset_tags").columns(["tag", "asset_id"]).execute();

  // kind: tier | region | partner; value: the tier id, region name or partner id.
  await db.schema
    .createTable("asset_audience")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_audience_pk", ["asset_id", "kind", "value"])
    .execute();
  await db.schema.createIndex("asset_audience_value_idx").on("asset_audience").columns(["kind", "value", "asset_id"]).execute();

  await db.schema
    .createTable("asset_opens")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("opened_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_opens_pk", ["user_id", "asset_id"])
    .execute();

  // One row per partner user's view, download or co-branded download: the usage analytics.
  await db.schema
    .createTable("asset_events")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("occurred_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("asset_events_asset_idx").on("asset_events").columns(["asset_id", "occurred_at"]).execute();
  await db.schema.createIndex("asset_events_partner_idx").on("asset_events").columns(["partner_id", "occurred_at", "user_id"]).execute();
  await db.schema.createIndex("asset_events_time_idx").on("asset_events").columns(["occurred_at"]).execute();

  // A stamped copy per version, partner and user; the fingerprint changes when the stamp's inputs do.
  await db.schema
    .createTable("cobrand_copies")
    .addColumn("version_id", "text", (c) => c.notNull().references("asset_versions.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("cobrand_copies_pk", ["version_id", "partner_id", "user_id", "fingerprint"])
    .execute();

  await db.schema
    .createTable("kits")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("kit_assets")
    .addColumn("kit_id", "text", (c) => c.notNull().references("kits.id"))
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("kit_assets_pk", ["kit_id", "asset_id"])
    .execute();

  // Images placed in page assets' markdown; only registered keys are served.
  await db.schema
    .createTable("library_images")
    .addColumn("storage_key", "text", (c) => c.primaryKey().notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  // Full-text search (ADR 0005): the words of title, summary, tags and the current version's text,
  // folded by the app; and facet tokens (type, markets, audience, status...) so the index narrows a
  // filtered search before any asset row is read.
  if (engine === "sqlite") {
    await sql`create virtual table asset_search using fts5(title, summary, tags, body, facets, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await db.schema.alterTable("assets").addColumn("search_vector", sql`tsvector`).execute();
    await db.schema.alterTable("assets").addColumn("rank_vector", sql`tsvector`).execute();
    await db.schema.alterTable("assets").addColumn("facet_vector", sql`tsvector`).execute();
    await sql`create index assets_search_idx on assets using gin (search_vector)`.execute(db);
    await sql`create index assets_facet_idx on assets using gin (facet_vector)`.execute(db);
    await sql`create index assets_rank_idx on assets using gin (rank_vector)`.execute(db);
  }
}
