import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database, KnowledgeArticleTable } from "../../db/types.js";
import type { ArticleSort } from "./knowledge.schemas.js";
import { articleMatches } from "./knowledge.search.js";

/**
 * Who is reading the knowledge base. Vendor users see every article; a partner user sees published
 * articles whose audience includes its partner (all, its tier, its region, or it by name). Every
 * article read takes a viewer, so no route can show a partner an article not meant for it.
 */
export type KnowledgeViewer =
  | { kind: "vendor"; userId: string | null }
  | { kind: "partner"; userId: string | null; partnerId: string; tierId: string | null; region: string };

export type ArticleRow = KnowledgeArticleTable;

type ArticlesEb = ExpressionBuilder<Database, "knowledge_articles">;

/** Every column but PostgreSQL's search_vector, which would send each article's indexed text with every read. */
const articleColumns = [
  "knowledge_articles.id",
  "knowledge_articles.title",
  "knowledge_articles.summary",
  "knowledge_articles.body_markdown",
  "knowledge_articles.status",
  "knowledge_articles.audience",
  "knowledge_articles.source_ticket_id",
  "knowledge_articles.view_count",
  "knowledge_articles.solved_count",
  "knowledge_articles.not_solved_count",
  "knowledge_articles.search_key",
  "knowledge_articles.published_at",
  "knowledge_articles.created_by",
  "knowledge_articles.updated_by",
  "knowledge_articles.created_at",
  "knowledge_articles.updated_at",
] as const satisfies readonly `knowledge_articles.${keyof KnowledgeArticleTable}`[];

/** Listing columns: the body stays in the database (a page of summaries never needs it). */
const summaryColumns = articleColumns.filter((column) => column !== "knowledge_articles.body_markdown");
export type ArticleSummaryRow = Omit<ArticleRow, "body_markdown">;

function visibleTo(viewer: KnowledgeViewer) {
  return (eb: ArticlesEb) => {
    if (viewer.kind === "vendor") return eb.lit(true);
    const targets: [kind: "partner" | "tier" | "region", value: string][] = [["partner", viewer.partnerId]];
    if (viewer.tierId) targets.push(["tier", viewer.tierId]);
    if (viewer.region) targets.push(["region", viewer.region]);
    return eb.and([
      eb("knowledge_articles.status", "=", "published"),
      eb.or([
        eb("knowledge_articles.audience", "=", "all"),
        eb.exists(
          eb
            .selectFrom("knowledge_article_audience")
            .select("knowledge_article_audience.article_id")
            .whereRef("knowledge_article_audience.article_id", "=", "knowledge_articles.id")
            .where((inner) => inner.or(targets.map(([kind, value]) => inner.and([inner("kind", "=", kind), inner("value", "=", value)])))),
        ),
      ]),
    ]);
  };
}

export function findArticleRow(db: Kysely<Database>, viewer: KnowledgeViewer, id: string): Promise<ArticleRow | undefined> {
  return db
    .selectFrom("knowledge_articles")
    .select(articleColumns)
    .where("knowledge_articles.id", "=", id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
}

export interface ArticleListFilters {
  words: string[];
  productId?: string;
  status?: ArticleRow["status"];
  sourceTicketId?: string;
  sort: ArticleSort;
}

/** One page by offset (relevance has no stable keyset); limit+1 rows tell whether more follow. */
export async function listArticleRows(
  db: Kysely<Database>,
  viewer: KnowledgeViewer,
  filters: ArticleListFilters,
  page: { offset: number; limit: number },
): Promise<ArticleSummaryRow[]> {
  const matches = articleMatches(db, filters.words, "all");
  const sort = filters.sort === "relevance" && !matches ? "newest" : filters.sort;
  let query = db.selectFrom("knowledge_articles").select(summaryColumns).where(visibleTo(viewer));
  if (matches) query = query.innerJoin(matches.as("search"), "search.article_id", "knowledge_articles.id");
  if (viewer.kind === "vendor") {
    query = filters.status
      ? query.where("knowledge_articles.status", "=", filters.status)
      : query.where("knowledge_articles.status", "!=", "archived");
    if (filters.sourceTicketId) query = query.where("knowledge_articles.source_ticket_id", "=", filters.sourceTicketId);
  }
  const { productId } = filters;
  if (productId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("knowledge_article_products")
          .select("article_id")
          .whereRef("knowledge_article_products.article_id", "=", "knowledge_articles.id")
          .where("product_id", "=", productId),
      ),
    );
  if (sort === "relevance") query = query.orderBy(sql`search.score`, "desc");
  else if (sort === "most_viewed") query = query.orderBy("knowledge_articles.view_count", "desc");
  else if (sort === "most_solved") query = query.orderBy("knowledge_articles.solved_count", "desc");
  return query
    .orderBy("knowledge_articles.updated_at", "desc")
    .orderBy("knowledge_articles.id", "desc")
    .offset(page.offset)
    .limit(page.limit + 1)
    .execute();
}

/**
 * The best `limit` published articles the viewer may see matching any of the words, best first, with
 * their score. Published only, for vendor users too: suggestions stand in for what a partner would read.
 */
export async function matchingArticleRows(
  db: Kysely<Database>,
  viewer: KnowledgeViewer,
  words: readonly string[],
  limit: number,
): Promise<(Pick<ArticleRow, "id" | "title" | "summary" | "solved_count"> & { score: number })[]> {
  const matches = articleMatches(db, words, "any");
  if (!matches) return [];
  return db
    .selectFrom("knowledge_articles")
    .innerJoin(matches.as("search"), "search.article_id", "knowledge_articles.id")
    .select(["knowledge_articles.id", "knowledge_articles.title", "knowledge_articles.summary", "knowledge_articles.solved_count", "search.score"])
    .where(visibleTo(viewer))
    .where("knowledge_articles.status", "=", "published")
    .orderBy(sql`search.score`, "desc")
    .orderBy("knowledge_articles.solved_count", "desc")
    .orderBy("knowledge_articles.id", "desc")
    .limit(limit)
    .execute();
}

export async function findBodies(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("knowledge_articles").select(["id", "body_markdown"]).where("id", "in", ids).execute();
  return new Map(rows.map((row) => [row.id, row.body_markdown]));
}

/** Product ids of each of the given articles, in one round trip. */
export async function findArticleProducts(db: Kysely<Database>, articleIds: readonly string[]): Promise<Map<string, string[]>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("knowledge_article_products")
    .select(["article_id", "product_id"])
    .where("article_id", "in", articleIds)
    .orderBy("product_id")
    .execute();
  const grouped = new Map<string, string[]>();
  for (const row of rows) grouped.set(row.article_id, [...(grouped.get(row.article_id) ?? []), row.product_id]);
  return grouped;
}

export async function findArticleAudience(db: Kysely<Database>, articleId: string) {
  const rows = await db
    .selectFrom("knowledge_article_audience")
    .select(["kind", "value"])
    .where("article_id", "=", articleId)
    .orderBy("value")
    .execute();
  return {
    tierIds: rows.filter((row) => row.kind === "tier").map((row) => row.value),
    regions: rows.filter((row) => row.kind === "region").map((row) => row.value),
    partnerIds: rows.filter((row) => row.kind === "partner").map((row) => row.value),
  };
}

export function insertArticle(db: Kysely<Database>, row: ArticleRow) {
  return db.insertInto("knowledge_articles").values(row).execute();
}

export function updateArticleRow(db: Kysely<Database>, id: string, changes: Partial<ArticleRow>) {
  return db.updateTable("knowledge_articles").set(changes).where("id", "=", id).execute();
}

/** Replaces the article's products and audience targets with the given ones (each only when given). */
export async function replaceArticleLinks(
  db: Kysely<Database>,
  articleId: string,
  links: { productIds?: readonly string[]; audience?: { tierIds: readonly string[]; regions: readonly string[]; partnerIds: readonly string[] } },
): Promise<void> {
  if (links.productIds) {
    await db.deleteFrom("knowledge_article_products").where("article_id", "=", articleId).execute();
    const rows = [...new Set(links.productIds)].map((product_id) => ({ article_id: articleId, product_id }));
    if (rows.length) await db.insertInto("knowledge_article_products").values(rows).execute();
  }
  if (links.audience) {
    await db.deleteFrom("knowledge_article_audience").where("article_id", "=", articleId).execute();
    const rows = [
      ...[...new Set(links.audience.tierIds)].map((value) => ({ article_id: articleId, kind: "tier" as const, value })),
      ...[...new Set(links.audience.regions)].map((value) => ({ article_id: articleId, kind: "region" as const, value })),
      ...[...new Set(links.audience.partnerIds)].map((value) => ({ article_id: articleId, kind: "partner" as const, value })),
    ];
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto("knowledge_article_audience")
        .values(rows.slice(i, i + 200))
        .execute();
  }
}

/** Counts the view unless this user already viewed the article this UTC day; true when counted. */
export async function recordView(
  db: Kysely<Database>,
  view: { articleId: string; userId: string; partnerId: string; day: string; at: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto("knowledge_article_views")
    .values({ article_id: view.articleId, user_id: view.userId, partner_id: view.partnerId, day: view.day, viewed_at: view.at })
    .onConflict((oc) => oc.columns(["article_id", "user_id", "day"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .updateTable("knowledge_articles")
    .set((eb) => ({ view_count: eb("view_count", "+", 1) }))
    .where("id", "=", view.articleId)
    .execute();
  return true;
}

export async function findVote(db: Kysely<Database>, articleId: string, userId: string | null): Promise<boolean | null> {
  if (!userId) return null;
  const row = await db
    .selectFrom("knowledge_article_votes")
    .select("solved")
    .where("article_id", "=", articleId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? row.solved === 1 : null;
}

/**
 * Records the user's vote and moves the counts by relative increments. Race-free on PostgreSQL too:
 * the vote row's key serialises one user's concurrent votes (the loser's insert does nothing and its
 * update sees the committed vote), and `count + 1` never loses another user's vote.
 */
export async function castVote(
  db: Kysely<Database>,
  vote: { articleId: string; userId: string; partnerId: string; solved: boolean; at: string },
): Promise<void> {
  const value = vote.solved ? 1 : 0;
  const inserted = await db
    .insertInto("knowledge_article_votes")
    .values({ article_id: vote.articleId, user_id: vote.userId, partner_id: vote.partnerId, solved: value, voted_at: vote.at })
    .onConflict((oc) => oc.columns(["article_id", "user_id"]).doNothing())
    .executeTakeFirst();
  const added = vote.solved ? "solved_count" : "not_solved_count";
  const removed = vote.solved ? "not_solved_count" : "solved_count";
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    await db
      .updateTable("knowledge_articles")
      .set((eb) => ({ [added]: eb(added, "+", 1) }))
      .where("id", "=", vote.articleId)
      .execute();
    return;
  }
  const changed = await db
    .updateTable("knowledge_article_votes")
    .set({ solved: value, voted_at: vote.at })
    .where("article_id", "=", vote.articleId)
    .where("user_id", "=", vote.userId)
    .where("solved", "!=", value)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) return;
  await db
    .updateTable("knowledge_articles")
    .set((eb) => ({ [added]: eb(added, "+", 1), [removed]: eb(removed, "-", 1) }))
    .where("id", "=", vote.articleId)
    .execute();
}

export function findCounts(db: Kysely<Database>, articleId: string) {
  return db
    .selectFrom("knowledge_articles")
    .select(["view_count", "solved_count", "not_solved_count"])
    .where("id", "=", articleId)
    .executeTakeFirstOrThrow();
}
