import type { ProblemField } from "@trellis/shared";
import type { Kysely } from "kysely";
import { foldSearchText, nowIso } from "../../db/dialect.js";
import type { Database, NewsPostTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, encodeCursor, type Page } from "../../platform/http/pagination.js";
import { badRequest } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { productRefsByIds } from "../products/products.service.js";
import { tierExists } from "../tiers/tiers.service.js";
import { userNamesByIds } from "../users/users.service.js";
import type { PostAudience } from "./audience.js";
import { countVisibleComments, findReadsOf } from "./feed.repository.js";
import { notifyMustReadIfDue } from "./must-read.service.js";
import { excerptOf, postText, renderPostMarkdown } from "./news.markdown.js";
import {
  audienceColumns,
  existingAssetIds,
  findAssetRefs,
  findAttachments,
  findAudience,
  findAudiences,
  findLinks,
  insertPost,
  listEditorRows,
  type NewsViewer,
  type PostRow,
  replaceAudience,
  replaceLinks,
  stateOf,
  updatePostRow,
} from "./news.repository.js";
import type { Attachment, EditorPost, EditorQuery, PostDetail, PostInput, PostPatch } from "./news.schemas.js";
import { requirePost, viewerOf } from "./news-access.js";
import { countCommentsByPost, countReadsByPost } from "./news-analytics.repository.js";
import { reachSnapshot, reachTotal } from "./news-reach.js";

const vendorViewer = (actor: AuthenticatedActor): NewsViewer => ({ kind: "vendor", userId: actor.kind === "user" ? actor.userId : null });

export const attachmentUrl = (postId: string, id: string) => `/api/v1/news/posts/${postId}/attachments/${id}`;

/** Tiers, partners, products and assets named in a post must exist: 400 naming each field otherwise. */
async function checkReferences(db: Kysely<Database>, input: { audience?: PostAudience; productIds?: string[]; assetIds?: string[] }): Promise<void> {
  const fields: ProblemField[] = [];
  const missing = (path: string, ids: string[]) => {
    if (ids.length > 0) fields.push({ path, message: `not found: ${ids.join(", ")}` });
  };
  if (input.audience) {
    const tierIds = [...new Set(input.audience.tierIds)];
    const known = await Promise.all(tierIds.map((id) => tierExists(db, id)));
    missing(
      "body.audience.tierIds",
      tierIds.filter((_, index) => !known[index]),
    );
    const partners = await partnerNamesByIds(db, input.audience.partnerIds);
    missing(
      "body.audience.partnerIds",
      input.audience.partnerIds.filter((id) => !partners.has(id)),
    );
  }
  if (input.productIds) {
    const products = new Set((await productRefsByIds(db, input.productIds)).map((product) => product.id));
    missing(
      "body.productIds",
      input.productIds.filter((id) => !products.has(id)),
    );
  }
  if (input.assetIds) {
    const assets = await existingAssetIds(db, input.assetIds);
    missing(
      "body.assetIds",
      input.assetIds.filter((id) => !assets.has(id)),
    );
  }
  if (fields.length > 0) throw badRequest(`Invalid ${fields.map((field) => field.path).join(", ")}`, fields);
}

function checkExpiry(publishAt: string, expiresAt: string | null): void {
  if (expiresAt !== null && expiresAt <= publishAt) {
    throw badRequest("expiresAt must be after the publish time", [{ path: "body.expiresAt", message: "must be after the publish time" }]);
  }
}

const searchTextOf = (title: string, body: string) => foldSearchText(`${title}\n${postText(body)}`);

/** What the audit log keeps of a post: its fields without the folded search copy. */
function auditView(row: Partial<NewsPostTable>, extra: object = {}): object {
  const { search_text: _omitted, body_markdown, ...rest } = row;
  return { ...rest, ...(body_markdown === undefined ? {} : { body_length: body_markdown.length }), ...extra };
}

/** After the save commits: the must-read notice, if this save made one due. Its failure never undoes the save. */
async function announceIfDue(ctx: AppContext, id: string): Promise<void> {
  try {
    await notifyMustReadIfDue(ctx, id);
  } catch (error) {
    ctx.log.error({ err: error, postId: id }, "must-read notice failed");
  }
}

export async function createPost(ctx: AppContext, actor: AuthenticatedActor, input: PostInput, requestId: string): Promise<PostDetail> {
  await checkReferences(ctx.db, input);
  const now = nowIso();
  // Published without a time: now. A draft keeps the time it is meant for, or none yet.
  const publishAt = input.status === "published" ? (input.publishAt ?? now) : input.publishAt;
  checkExpiry(publishAt ?? now, input.expiresAt);
  const id = uuidv7();
  const row: NewsPostTable = {
    id,
    title: input.title,
    body_markdown: input.bodyMarkdown,
    category: input.category,
    status: input.status,
    ...audienceColumns(input.audience),
    pinned: input.pinned ? 1 : 0,
    must_read: input.mustRead ? 1 : 0,
    comments_enabled: input.commentsEnabled ? 1 : 0,
    search_text: searchTextOf(input.title, input.bodyMarkdown),
    publish_at: publishAt,
    expires_at: input.expiresAt,
    author_id: actor.kind === "user" ? actor.userId : null,
    must_read_notified_at: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertPost(trx, row);
    await replaceAudience(trx, id, input.audience);
    await replaceLinks(trx, id, { productIds: input.productIds, assetIds: input.assetIds });
    await recordAudit(
      trx,
      actor,
      {
        action: "news_post.create",
        entityType: "news_post",
        entityId: id,
        partnerId: null,
        after: auditView(row, { audience: input.audience, productIds: input.productIds, assetIds: input.assetIds }),
      },
      requestId,
    );
  });
  await announceIfDue(ctx, id);
  return getPostDetail(ctx, actor, id);
}

export async function updatePost(ctx: AppContext, actor: AuthenticatedActor, id: string, patch: PostPatch, requestId: string): Promise<PostDetail> {
  const before = await requirePost(ctx.db, vendorViewer(actor), id);
  await checkReferences(ctx.db, patch);
  const now = nowIso();
  const status = patch.status ?? before.status;
  let publishAt = patch.publishAt !== undefined ? patch.publishAt : before.publish_at;
  if (status === "published") {
    // Publishing a draft whose planned time has passed (or was never set) publishes it now.
    if (publishAt === null || (before.status !== "published" && patch.publishAt === undefined && publishAt < now)) publishAt = now;
  }
  const expiresAt = patch.expiresAt !== undefined ? patch.expiresAt : before.expires_at;
  if (patch.expiresAt !== undefined || patch.publishAt !== undefined || patch.status !== undefined) checkExpiry(publishAt ?? now, expiresAt);

  const changes: Partial<NewsPostTable> = { status, publish_at: publishAt, expires_at: expiresAt, updated_at: now };
  if (patch.title !== undefined) changes.title = patch.title;
  if (patch.bodyMarkdown !== undefined) changes.body_markdown = patch.bodyMarkdown;
  if (patch.title !== undefined || patch.bodyMarkdown !== undefined) {
    changes.search_text = searchTextOf(patch.title ?? before.title, patch.bodyMarkdown ?? before.body_markdown);
  }
  if (patch.category !== undefined) changes.category = patch.category;
  if (patch.pinned !== undefined) changes.pinned = patch.pinned ? 1 : 0;
  if (patch.mustRead !== undefined) changes.must_read = patch.mustRead ? 1 : 0;
  if (patch.commentsEnabled !== undefined) changes.comments_enabled = patch.commentsEnabled ? 1 : 0;
  if (patch.audience) Object.assign(changes, audienceColumns(patch.audience));

  await ctx.db.transaction().execute(async (trx) => {
    const current = await requirePost(trx, vendorViewer(actor), id);
    const audienceBefore = patch.audience ? await findAudience(trx, id) : undefined;
    await updatePostRow(trx, id, changes);
    if (patch.audience) await replaceAudience(trx, id, patch.audience);
    await replaceLinks(trx, id, { productIds: patch.productIds, assetIds: patch.assetIds });
    const changed = Object.keys(changes) as (keyof NewsPostTable)[];
    const beforeFields = Object.fromEntries(changed.map((key) => [key, current[key as keyof PostRow]]));
    await recordAudit(
      trx,
      actor,
      {
        action: patch.status === "archived" && current.status !== "archived" ? "news_post.archive" : "news_post.update",
        entityType: "news_post",
        entityId: id,
        partnerId: null,
        before: auditView(beforeFields, audienceBefore ? { audience: audienceBefore } : {}),
        after: auditView(changes, {
          ...(patch.audience ? { audience: patch.audience } : {}),
          productIds: patch.productIds,
          assetIds: patch.assetIds,
        }),
      },
      requestId,
    );
  });
  await announceIfDue(ctx, id);
  return getPostDetail(ctx, actor, id);
}

export function toAttachment(row: {
  id: string;
  post_id: string;
  file_name: string;
  content_type: string;
  size: number;
  created_at: string;
}): Attachment {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    url: attachmentUrl(row.post_id, row.id),
    createdAt: row.created_at,
  };
}

export function mayComment(actor: AuthenticatedActor): boolean {
  return can(actor, "news:comment") || can(actor, "news:moderate");
}

export async function getPostDetail(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<PostDetail> {
  const viewer = await viewerOf(ctx.db, actor);
  const now = nowIso();
  const row = await requirePost(ctx.db, viewer, id, now);
  const [audience, links, attachments, reads, comments, authors] = await Promise.all([
    findAudience(ctx.db, id),
    findLinks(ctx.db, id),
    findAttachments(ctx.db, id),
    findReadsOf(ctx.db, viewer.userId, [id]),
    countVisibleComments(ctx.db, viewer, [id]),
    userNamesByIds(ctx.db, row.author_id ? [row.author_id] : []),
  ]);
  const [products, assets] = await Promise.all([
    productRefsByIds(ctx.db, links.productIds),
    findAssetRefs(ctx.db, links.assetIds, viewer.kind === "partner" ? viewer : null),
  ]);
  const editor = can(actor, "news:write");
  const read = reads.get(id);
  const state = stateOf(row, now);
  const author = row.author_id ? authors.get(row.author_id) : undefined;
  return {
    id,
    title: row.title,
    excerpt: excerptOf(row.body_markdown),
    category: row.category,
    publishAt: row.publish_at,
    pinned: row.pinned === 1,
    mustRead: row.must_read === 1,
    read: read !== undefined,
    acknowledged: Boolean(read?.acknowledgedAt),
    commentCount: comments.get(id) ?? 0,
    attachmentCount: attachments.length,
    bodyHtml: renderPostMarkdown(row.body_markdown),
    bodyMarkdown: editor ? row.body_markdown : null,
    // Readers do not learn which other partners a post names.
    audience: viewer.kind === "vendor" ? audience : { tierIds: [], regions: [], partnerIds: [], roles: [] },
    products: products
      .filter((product) => viewer.kind === "vendor" || product.lifecycle === "active")
      .map((product) => ({ id: product.id, sku: product.sku, name: product.name })),
    assets,
    attachments: attachments.map(toAttachment),
    expiresAt: row.expires_at,
    status: row.status,
    state,
    author: row.author_id && author ? { id: row.author_id, name: author.name } : null,
    readAt: read?.readAt ?? null,
    acknowledgedAt: read?.acknowledgedAt ?? null,
    canComment: row.comments_enabled === 1 && state === "published" && mayComment(actor),
    commentsEnabled: row.comments_enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The editors' list: every post (archived only when asked), newest first, with reach and reads. */
export async function listEditorPosts(ctx: AppContext, query: EditorQuery): Promise<Page<EditorPost>> {
  const now = nowIso();
  const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
  const rows = await listEditorRows(ctx.db, { state: query.status, category: query.category, q: query.q, after }, now, query.limit);
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.id);
  const [snapshot, audiences, reads, comments, authors] = await Promise.all([
    reachSnapshot(ctx.db),
    findAudiences(ctx.db, ids),
    countReadsByPost(
      ctx.db,
      ids,
      page.filter((row) => row.must_read === 1).map((row) => row.id),
    ),
    countCommentsByPost(ctx.db, ids),
    userNamesByIds(
      ctx.db,
      page.flatMap((row) => (row.author_id ? [row.author_id] : [])),
    ),
  ]);
  const items = page.map((row): EditorPost => {
    const audience = audiences.get(row.id) ?? { tierIds: [], regions: [], partnerIds: [], roles: [] };
    const author = row.author_id ? authors.get(row.author_id) : undefined;
    return {
      id: row.id,
      title: row.title,
      category: row.category,
      status: row.status,
      state: stateOf(row, now),
      publishAt: row.publish_at,
      expiresAt: row.expires_at,
      pinned: row.pinned === 1,
      mustRead: row.must_read === 1,
      reach: reachTotal(snapshot, audience),
      reads: reads.get(row.id)?.reads ?? 0,
      acknowledgements: reads.get(row.id)?.acknowledgements ?? 0,
      commentCount: comments.get(row.id) ?? 0,
      author: row.author_id && author ? { id: row.author_id, name: author.name } : null,
      updatedAt: row.updated_at,
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null };
}
