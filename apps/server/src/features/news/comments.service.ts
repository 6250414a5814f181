import { isPartnerRole } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { NewsCommentTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule, forbidden, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { notify } from "../notifications/notifications.service.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { userNamesByIds } from "../users/users.service.js";
import { findComment, findComments, insertComment, setThreadVisibility, updateModeration } from "./comments.repository.js";
import { type NewsViewer, stateOf } from "./news.repository.js";
import type { Comment, CommentInput } from "./news.schemas.js";
import { mayComment } from "./news.service.js";
import { requirePost, viewerOf } from "./news-access.js";

/**
 * Questions and answers under a post. A thread is a question (a top-level comment) and its replies;
 * every comment of a thread carries the thread's organisation (partner_id: the asker's partner, null
 * when the vendor started it) and its visibility: audience (everyone the post reaches) or partner
 * (that organisation and the vendor). Hidden comments are kept, with who hid them and why.
 */

/** What a partner may see of a comment: visible, in a public thread or its own organisation's. */
function partnerSees(comment: NewsCommentTable, partnerId: string): boolean {
  return comment.status === "visible" && (comment.visibility === "audience" || comment.partner_id === partnerId);
}

function visibleTo(viewer: NewsViewer, moderator: boolean, comments: NewsCommentTable[]): NewsCommentTable[] {
  if (viewer.kind === "vendor") return moderator ? comments : comments.filter((comment) => comment.status === "visible");
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  return comments.filter((comment) => {
    if (!partnerSees(comment, viewer.partnerId)) return false;
    // A reply under a hidden question goes with it.
    const parent = comment.parent_id ? byId.get(comment.parent_id) : undefined;
    return !comment.parent_id || (parent !== undefined && partnerSees(parent, viewer.partnerId));
  });
}

async function toComments(ctx: AppContext, rows: NewsCommentTable[], moderator: boolean): Promise<Comment[]> {
  const [users, partners] = await Promise.all([
    userNamesByIds(
      ctx.db,
      rows.map((row) => row.author_id),
    ),
    partnerNamesByIds(
      ctx.db,
      rows.flatMap((row) => (row.partner_id ? [row.partner_id] : [])),
    ),
  ]);
  return rows.map((row) => {
    const author = users.get(row.author_id);
    return {
      id: row.id,
      postId: row.post_id,
      parentId: row.parent_id,
      author: { id: row.author_id, name: author?.name ?? "", side: author && isPartnerRole(author.role) ? "partner" : "vendor" },
      partnerName: row.partner_id ? (partners.get(row.partner_id) ?? null) : null,
      body: row.body,
      visibility: row.visibility,
      status: row.status,
      moderationReason: moderator ? row.moderation_reason : null,
      createdAt: row.created_at,
    };
  });
}

export async function listComments(ctx: AppContext, actor: AuthenticatedActor, postId: string): Promise<{ items: Comment[] }> {
  const viewer = await viewerOf(ctx.db, actor);
  await requirePost(ctx.db, viewer, postId);
  const moderator = can(actor, "news:moderate");
  return { items: await toComments(ctx, visibleTo(viewer, moderator, await findComments(ctx.db, postId)), moderator) };
}

const notAReply = () => badRequest("parentId is not a comment on this post", [{ path: "body.parentId", message: "is not a comment on this post" }]);

export async function addComment(
  ctx: AppContext,
  actor: AuthenticatedActor,
  postId: string,
  input: CommentInput,
  requestId: string,
): Promise<Comment> {
  if (!mayComment(actor) || actor.kind !== "user") throw forbidden();
  const viewer = await viewerOf(ctx.db, actor);
  const now = nowIso();
  const post = await requirePost(ctx.db, viewer, postId, now);
  if (stateOf(post, now) !== "published") throw businessRule("Comments open once the post is published");
  if (post.comments_enabled !== 1) throw businessRule("Comments are turned off for this post");

  let root: NewsCommentTable | undefined;
  if (input.parentId) {
    const parent = await findComment(ctx.db, input.parentId);
    if (!parent || parent.post_id !== postId) throw notAReply();
    root = parent.parent_id ? await findComment(ctx.db, parent.parent_id) : parent;
    if (!root) throw notAReply();
    if (viewer.kind === "partner" && (!partnerSees(parent, viewer.partnerId) || !partnerSees(root, viewer.partnerId))) throw notAReply();
  }

  let visibility: NewsCommentTable["visibility"];
  let partnerId: string | null;
  let narrowThread = false;
  if (viewer.kind === "partner") {
    // A partner asks its own questions and follows up in its own organisation's threads.
    if (root && root.partner_id !== viewer.partnerId)
      throw businessRule("Ask your own question instead of replying in another organisation's thread");
    visibility = root ? root.visibility : (input.visibility ?? "audience");
    partnerId = viewer.partnerId;
  } else if (!root) {
    if (input.visibility === "partner") throw businessRule("A private answer goes to a partner's question: reply to it");
    visibility = "audience";
    partnerId = null;
  } else {
    visibility = input.visibility ?? root.visibility;
    partnerId = root.partner_id;
    if (root.visibility === "partner" && visibility === "audience") {
      throw businessRule("The question was asked privately: answer it privately, only its organisation sees it");
    }
    if (root.visibility === "audience" && visibility === "partner") {
      if (!root.partner_id) throw businessRule("Only a partner's question can be answered privately");
      narrowThread = true;
    }
  }

  const row: NewsCommentTable = {
    id: uuidv7(),
    post_id: postId,
    parent_id: root?.id ?? null,
    author_id: actor.userId,
    partner_id: partnerId,
    body: input.body,
    visibility,
    status: "visible",
    moderated_by: null,
    moderation_reason: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertComment(trx, row);
    // Answering a public question privately makes the question private too: only its organisation sees both.
    if (narrowThread && root) await setThreadVisibility(trx, root.id, "partner", now);
    await recordAudit(
      trx,
      actor,
      {
        action: "news_comment.create",
        entityType: "news_comment",
        entityId: row.id,
        partnerId,
        after: { postId, parentId: row.parent_id, visibility, length: row.body.length, ...(narrowThread ? { threadMadePrivate: root?.id } : {}) },
      },
      requestId,
    );
  });
  if (viewer.kind === "vendor" && root && root.partner_id && root.author_id !== actor.userId) {
    await notify(ctx, {
      userIds: [root.author_id],
      kind: "news_answer",
      title: `Answer to your question on "${post.title}"`,
      body: row.body,
      link: `/portal/news/${postId}`,
      sourceType: "news_comment",
      sourceId: row.id,
    });
  }
  const [comment] = await toComments(ctx, [row], can(actor, "news:moderate"));
  return comment as Comment;
}

/** Hides or shows a comment again; the reason is kept on the comment and in the audit log. */
export async function moderateComment(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  action: "hide" | "unhide",
  reason: string,
  requestId: string,
): Promise<Comment> {
  const before = await findComment(ctx.db, id);
  if (!before) throw notFound("Comment");
  const now = nowIso();
  const changes = {
    status: action === "hide" ? ("hidden" as const) : ("visible" as const),
    moderated_by: actor.kind === "user" ? actor.userId : null,
    moderation_reason: reason,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await updateModeration(trx, id, changes);
    await recordAudit(
      trx,
      actor,
      {
        action: `news_comment.${action}`,
        entityType: "news_comment",
        entityId: id,
        partnerId: before.partner_id,
        before: { status: before.status, moderationReason: before.moderation_reason },
        after: { status: changes.status, moderationReason: reason },
      },
      requestId,
    );
  });
  const [comment] = await toComments(ctx, [{ ...before, ...changes }], true);
  return comment as Comment;
}
