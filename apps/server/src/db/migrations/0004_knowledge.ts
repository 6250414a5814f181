import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const ts = timestampType(engine);

  // Support knowledge base (docs/knowledge-base.md). source_ticket_id names the ticket an article was
  // written from; deliberately no foreign key, so the knowledge base does not depend on the desk's tables.
  await db.schema
    .createTable("knowledge_articles")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_markdown", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("source_ticket_id", "text")
    .addColumn("view_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("solved_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("not_solved_count", "integer", (c) => c.notNull().defaultTo(0))
    // SQLite: the article's rowid in the FTS5 index (integer keys keep the index small).
    .addColumn("search_key", "integer", (c) => c.unique())
    .addColumn("published_at", ts)
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("knowledge_articles_status_newest_idx").on("knowledge_articles").columns(["status", "updated_at", "id"]).execute();
  await db.schema.createIndex("knowledge_articles_source_ticket_idx").on("knowledge_articles").columns(["source_ticket_id"]).execute();

  await db.schema
    .createTable("knowledge_article_products")
    .addColumn("article_id", "text", (c) => c.notNull().references("knowledge_articles.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addPrimaryKeyConstraint("knowledge_article_products_pk", ["article_id", "product_id"])
    .execute();
  await db.schema
    .createIndex("knowledge_article_products_product_idx")
    .on("knowledge_article_products")
    .columns(["product_id", "article_id"])
    .execute();

  // kind: tier | region | partner; value: the tier id, region name or partner id (as the library's asset_audience).
  await db.schema
    .createTable("knowledge_article_audience")
    .addColumn("article_id", "text", (c) => c.notNull().references("knowledge_articles.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_article_audience_pk", ["article_id", "kind", "value"])
    .execute();
  await db.schema
    .createIndex("knowledge_article_audience_value_idx")
    .on("knowledge_article_audience")
    .columns(["kind", "value", "article_id"])
    .execute();

  // A partner user's view counts once per article per UTC day: reloading a page does not inflate it.
  await db.schema
    .createTable("knowledge_article_views")
    .addColumn("article_id", "text", (c) => c.notNull().references("knowledge_articles.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("viewed_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_article_views_pk", ["article_id", "user_id", "day"])
    .execute();
  await db.schema.createIndex("knowledge_article_views_partner_idx").on("knowledge_article_views").columns(["partner_id", "day"]).execute();

  // "Did this solve it?": one vote per partner user and article; changing it moves the counts.
  await db.schema
    .createTable("knowledge_article_votes")
    .addColumn("article_id", "text", (c) => c.notNull().references("knowledge_articles.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("solved", "integer", (c) => c.notNull())
    .addColumn("voted_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_article_votes_pk", ["article_id", "user_id"])
    .execute();

  // Full-text search as the library's (ADR 0005): text folded by the app, prefix matching. Thousands of
  // articles, so no facet tokens: the index finds the words, SQL applies status and audience.
  if (engine === "sqlite") {
    await sql`create virtual table knowledge_search using fts5(title, summary, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await db.schema.alterTable("knowledge_articles").addColumn("search_vector", sql`tsvector`).execute();
    await sql`create index knowledge_articles_search_idx on knowledge_articles using gin (search_vector)`.execute(db);
  }
}
