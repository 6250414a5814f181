import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, encodeCursor, type Page } from "../../platform/http/pagination.js";
import { badRequest, businessRule, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { renderPageMarkdown } from "../library/library.markdown.js";
import { findPartnerForSystem, partnerNamesByIds } from "../partners/partners.service.js";
import { productRefsByIds } from "../products/products.service.js";
import { tierExists } from "../tiers/tiers.service.js";
import { userNamesByIds } from "../users/users.service.js";
import {
  type ArticleRow,
  type ArticleSummaryRow,
  castVote,
  findArticleAudience,
  findArticleProducts,
  findArticleRow,
  findBodies,
  findCounts,
  findVote,
  insertArticle,
  type KnowledgeViewer,
  listArticleRows,
  matchingArticleRows,
  recordView,
  replaceArticleLinks,
  updateArticleRow,
} from "./knowledge.repository.js";
import {
  type ArticleCreateFields,
  type ArticleDetail,
  type ArticleFeedback,
  type ArticlePatch,
  type ArticleQuery,
  type ArticleSuggestion,
  type ArticleSummary,
  articleInput,
} from "./knowledge.schemas.js";
import { queryWords, snippetOf, suggestionTerms, writeArticleSearch } from "./knowledge.search.js";

type Targets = { tierIds: string[]; regions: string[]; partnerIds: string[] };
const noTargets: Targets = { tierIds: [], regions: [], partnerIds: [] };

/** The viewer every read takes: vendor users see all; partner users what is published for their partner. */
export async function knowledgeViewerOf(db: Kysely<Database>, actor: AuthenticatedActor): Promise<KnowledgeViewer> {
  const userId = actor.kind === "user" ? actor.userId : null;
  if (!isPartnerRole(actor.role)) return { kind: "vendor", userId };
  // A partner-side actor without a partner sees nothing rather than everything.
  const partner = actor.partnerId ? await findPartnerForSystem(db, actor.partnerId) : null;
  if (!partner) throw notFound("Partner");
  return { kind: "partner", userId, partnerId: partner.id, tierId: partner.tierId, region: partner.region };
}

async function requireArticle(db: Kysely<Database>, viewer: KnowledgeViewer, id: string): Promise<ArticleRow> {
  const row = await findArticleRow(db, viewer, id);
  if (!row) throw notFound("Article");
  return row;
}

function toSummary(row: ArticleSummaryRow, productIds: string[], viewer: KnowledgeViewer): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status,
    audience: row.audience,
    productIds,
    sourceTicketId: viewer.kind === "vendor" ? row.source_ticket_id : null,
    viewCount: row.view_count,
    solvedCount: row.solved_count,
    notSolvedCount: row.not_solved_count,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listArticles(ctx: AppContext, actor: AuthenticatedActor, query: ArticleQuery): Promise<Page<ArticleSummary>> {
  const viewer = await knowledgeViewerOf(ctx.db, actor);
  const [offsetValue] = decodeCursor(query.cursor, 1) ?? [0];
  const offset = typeof offsetValue === "number" && offsetValue >= 0 ? offsetValue : 0;
  const words = query.q ? queryWords(query.q) : [];
  // Text without a single letter or digit ("--") matches nothing rather than everything.
  if (query.q && words.length === 0) return { items: [], nextCursor: null };
  const rows = await listArticleRows(
    ctx.db,
    viewer,
    {
      words,
      productId: query.productId,
      status: query.status,
      sourceTicketId: query.sourceTicketId,
      sort: query.sort ?? (words.length ? "relevance" : "newest"),
    },
    { offset, limit: query.limit },
  );
  const page = rows.slice(0, query.limit);
  const products = await findArticleProducts(
    ctx.db,
    page.map((row) => row.id),
  );
  return {
    items: page.map((row) => toSummary(row, products.get(row.id) ?? [], viewer)),
    nextCursor: rows.length > query.limit ? encodeCursor([offset + query.limit]) : null,
  };
}

async function detailOf(db: Kysely<Database>, viewer: KnowledgeViewer, row: ArticleRow): Promise<ArticleDetail> {
  const productIds = (await findArticleProducts(db, [row.id])).get(row.id) ?? [];
  const [products, names, myVote, audienceTargets] = await Promise.all([
    productRefsByIds(db, productIds),
    userNamesByIds(
      db,
      [row.created_by, row.updated_by].filter((id): id is string => id !== null),
    ),
    viewer.kind === "partner" ? findVote(db, row.id, viewer.userId) : Promise.resolve(null),
    viewer.kind === "vendor" ? findArticleAudience(db, row.id) : Promise.resolve(noTargets),
  ]);
  // Partners see the products they can buy; retired links stay visible to the vendor for upkeep.
  const shown = viewer.kind === "vendor" ? products : products.filter((product) => product.lifecycle === "active");
  const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
  return {
    ...toSummary(row, productIds, viewer),
    bodyMarkdown: row.body_markdown,
    bodyHtml: renderPageMarkdown(row.body_markdown),
    products: shown.map(({ id, sku, name }) => ({ id, sku, name })),
    audienceTargets,
    myVote,
    createdByName: viewer.kind === "vendor" ? nameOf(row.created_by) : null,
    updatedByName: viewer.kind === "vendor" ? nameOf(row.updated_by) : null,
  };
}

/**
 * One article with its rendered body and counts. A partner user's open counts as a view, once per
 * user, article and UTC day, so reloading or coming back later that day does not inflate the count.
 */
export async function getArticle(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<ArticleDetail> {
  const viewer = await knowledgeViewerOf(ctx.db, actor);
  const row = await requireArticle(ctx.db, viewer, id);
  if (viewer.kind !== "partner" || !viewer.userId) return detailOf(ctx.db, viewer, row);
  const { userId, partnerId } = viewer;
  const at = nowIso();
  const counted = await ctx.db.transaction().execute((trx) => recordView(trx, { articleId: id, userId, partnerId, day: at.slice(0, 10), at }));
  return detailOf(ctx.db, viewer, counted ? { ...row, view_count: row.view_count + 1 } : row);
}

/** "Did this solve it?": one answer per partner user; answering again changes it. Vendor users read the counts only. */
export async function giveFeedback(ctx: AppContext, actor: AuthenticatedActor, id: string, solved: boolean): Promise<ArticleFeedback> {
  const viewer = await knowledgeViewerOf(ctx.db, actor);
  await requireArticle(ctx.db, viewer, id);
  if (viewer.kind !== "partner" || !viewer.userId)
    throw businessRule("Only partner users answer 'Did this solve it?': the counts measure whether articles help partners");
  const { userId, partnerId } = viewer;
  const counts = await ctx.db.transaction().execute(async (trx) => {
    await castVote(trx, { articleId: id, userId, partnerId, solved, at: nowIso() });
    return findCounts(trx, id);
  });
  return { viewCount: counts.view_count, solvedCount: counts.solved_count, notSolvedCount: counts.not_solved_count, myVote: solved };
}

async function assertReferences(db: Kysely<Database>, input: { productIds?: string[]; audienceTargets?: Targets }): Promise<void> {
  if (input.productIds?.length) {
    const found = new Set((await productRefsByIds(db, input.productIds)).map((product) => product.id));
    const missing = input.productIds.filter((productId) => !found.has(productId));
    if (missing.length) throw badRequest("Unknown products", [{ path: "body.productIds", message: `no product with id ${missing.join(", ")}` }]);
  }
  for (const tierId of input.audienceTargets?.tierIds ?? [])
    if (!(await tierExists(db, tierId)))
      throw badRequest("Unknown tier", [{ path: "body.audienceTargets.tierIds", message: `no tier with id ${tierId}` }]);
  const partnerIds = input.audienceTargets?.partnerIds ?? [];
  if (partnerIds.length) {
    const known = await partnerNamesByIds(db, partnerIds);
    const unknown = partnerIds.filter((partnerId) => !known.has(partnerId));
    if (unknown.length)
      throw badRequest("Unknown partner", [{ path: "body.audienceTargets.partnerIds", message: `no partner with id ${unknown.join(", ")}` }]);
  }
}

function assertAudience(audience: ArticleRow["audience"], targets: Targets): void {
  if (audience === "all") return;
  const needed = { tiers: targets.tierIds, regions: targets.regions, partners: targets.partnerIds } as const;
  if (needed[audience].length === 0)
    throw badRequest(`Choose at least one of the ${audience}`, [
      { path: "body.audienceTargets", message: `audience '${audience}' needs at least one target` },
    ]);
}

function assertPublishable(status: ArticleRow["status"], body: string): void {
  if (status === "published" && body.trim() === "") throw businessRule("Write the article before publishing it");
}

function actorUserId(actor: AuthenticatedActor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/**
 * Creates an article (a draft unless the input says otherwise). The support desk calls this to turn
 * a resolved ticket into an article in one step, passing `sourceTicketId`; the desk checks the ticket.
 */
export async function createArticle(
  ctx: AppContext,
  actor: AuthenticatedActor,
  fields: ArticleCreateFields,
  requestId: string | null = null,
): Promise<ArticleDetail> {
  const parsed = articleInput.safeParse(fields);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ path: ["body", ...issue.path.map(String)].join("."), message: issue.message }));
    throw badRequest(`Invalid ${problems.map((problem) => problem.path).join(", ")}`, problems);
  }
  const input = parsed.data;
  assertAudience(input.audience, input.audienceTargets);
  assertPublishable(input.status, input.bodyMarkdown);
  await assertReferences(ctx.db, input);
  const now = nowIso();
  const userId = actorUserId(actor);
  const row: ArticleRow = {
    id: uuidv7(),
    title: input.title,
    summary: input.summary,
    body_markdown: input.bodyMarkdown,
    status: input.status,
    audience: input.audience,
    source_ticket_id: input.sourceTicketId,
    view_count: 0,
    solved_count: 0,
    not_solved_count: 0,
    search_key: null,
    published_at: input.status === "published" ? now : null,
    created_by: userId,
    updated_by: userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertArticle(trx, row);
    await replaceArticleLinks(trx, row.id, { productIds: input.productIds, audience: input.audienceTargets });
    await writeArticleSearch(trx, row.id, { title: row.title, summary: row.summary, bodyMarkdown: row.body_markdown });
    await recordAudit(
      trx,
      actor,
      { action: "article.create", entityType: "knowledge_article", entityId: row.id, partnerId: null, after: { ...row, ...input } },
      requestId,
    );
  });
  return detailOf(ctx.db, await knowledgeViewerOf(ctx.db, actor), row);
}

function actionOf(before: ArticleRow["status"], after: ArticleRow["status"]): string {
  if (before === after) return "article.update";
  return after === "published" ? "article.publish" : after === "archived" ? "article.archive" : "article.unpublish";
}

export async function updateArticle(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: ArticlePatch,
  requestId: string | null = null,
): Promise<ArticleDetail> {
  const viewer = await knowledgeViewerOf(ctx.db, actor);
  await assertReferences(ctx.db, patch);
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await requireArticle(trx, viewer, id);
    const audience = patch.audience ?? before.audience;
    if (patch.audience || patch.audienceTargets) assertAudience(audience, patch.audienceTargets ?? (await findArticleAudience(trx, id)));
    const status = patch.status ?? before.status;
    const body = patch.bodyMarkdown ?? before.body_markdown;
    assertPublishable(status, body);
    const now = nowIso();
    const changes: Partial<ArticleRow> = {
      title: patch.title ?? before.title,
      summary: patch.summary ?? before.summary,
      body_markdown: body,
      status,
      audience,
      published_at: status === "published" && !before.published_at ? now : before.published_at,
      updated_by: actorUserId(actor),
      updated_at: now,
    };
    await updateArticleRow(trx, id, changes);
    await replaceArticleLinks(trx, id, { productIds: patch.productIds, audience: patch.audienceTargets });
    if (patch.title !== undefined || patch.summary !== undefined || patch.bodyMarkdown !== undefined)
      await writeArticleSearch(trx, id, { title: changes.title ?? before.title, summary: changes.summary ?? before.summary, bodyMarkdown: body });
    await recordAudit(
      trx,
      actor,
      {
        action: actionOf(before.status, status),
        entityType: "knowledge_article",
        entityId: id,
        partnerId: null,
        before,
        after: { ...changes, ...patch },
      },
      requestId,
    );
    return { ...before, ...changes };
  });
  return detailOf(ctx.db, viewer, saved);
}

/** The editor's preview: the markdown as partners will see it, rendered by the same code. */
export function previewArticle(bodyMarkdown: string): { bodyHtml: string } {
  return { bodyHtml: renderPageMarkdown(bodyMarkdown) };
}

/** Articles linked to one of the ticket's products count this much more than an equally good match. */
const productBoost = 2;

/**
 * Up to five published articles the actor may see that match the words typed into a new ticket
 * (subject and description): any word may match, more matches rank higher, and articles linked to
 * the ticket's products rank first among equals. Under two characters, or only filler words: none.
 */
export async function suggestArticles(
  ctx: AppContext,
  actor: AuthenticatedActor,
  text: string,
  options: { productIds?: readonly string[]; limit?: number } = {},
): Promise<ArticleSuggestion[]> {
  const limit = Math.min(Math.max(options.limit ?? 5, 1), 5);
  const terms = text.trim().length < 2 ? [] : suggestionTerms(text);
  if (terms.length === 0) return [];
  const viewer = await knowledgeViewerOf(ctx.db, actor);
  const candidates = await matchingArticleRows(ctx.db, viewer, terms, 20);
  if (candidates.length === 0) return [];
  const wanted = new Set(options.productIds ?? []);
  const products = wanted.size
    ? await findArticleProducts(
        ctx.db,
        candidates.map((row) => row.id),
      )
    : new Map<string, string[]>();
  const ranked = candidates
    .map((row, index) => ({
      row,
      index,
      score: Number(row.score) * ((products.get(row.id) ?? []).some((productId) => wanted.has(productId)) ? productBoost : 1),
    }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit);
  const bodies = await findBodies(
    ctx.db,
    ranked.map(({ row }) => row.id),
  );
  return ranked.map(({ row }) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    snippet: snippetOf(bodies.get(row.id) ?? "", terms),
    solvedCount: row.solved_count,
  }));
}
