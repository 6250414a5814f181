import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { pageSchema } from "../../platform/http/pagination.js";
import { forbidden } from "../../platform/http/problem.js";
import { sendStoredFile } from "../../platform/http/send-file.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { sendImage } from "../../platform/storage/upload.js";
import { attachmentFile, newsImage, removeAttachment, uploadAttachment, uploadNewsImage } from "./attachments.service.js";
import { addComment, listComments, moderateComment } from "./comments.service.js";
import { acknowledgePost, feedPage, markRead, mustReadPosts } from "./feed.service.js";
import { renderPostMarkdown } from "./news.markdown.js";
import {
  acknowledgement,
  attachment,
  comment,
  commentInput,
  editorPost,
  editorQuery,
  feedPage as feedPageSchema,
  feedPost,
  feedQuery,
  moderationInput,
  newsImage as newsImageSchema,
  postAnalytics as postAnalyticsSchema,
  postDetail,
  postInput,
  postPatch,
  readReceipt,
  readShare,
  readShareQuery,
} from "./news.schemas.js";
import { createPost, getPostDetail, listEditorPosts, mayComment, updatePost } from "./news.service.js";
import { postAnalytics, readShareForMonth } from "./news-analytics.service.js";

const tags = ["news"];
const previewInput = z.object({ bodyMarkdown: z.string().max(100_000) });
const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const attachmentParams = z.object({ id, attachmentId: id });
const read = { policy: policy.permission("news:read") };
const write = { policy: policy.permission("news:write") };
const moderate = { policy: policy.permission("news:moderate") };
const analytics = { policy: policy.permission("news:analytics") };
const fileResponse = "The file's bytes; 206 for a Range request, 416 for an unsatisfiable one";

export const newsRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/news/feed",
    {
      config: read,
      schema: {
        tags,
        summary: "The caller's feed: pinned first, then newest, with read flags and the unread count",
        querystring: feedQuery,
        response: { 200: feedPageSchema },
      },
    },
    async (request) => feedPage(ctx, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/news/must-read",
    {
      config: read,
      schema: { tags, summary: "Must-read posts the caller has not acknowledged yet", response: { 200: z.object({ items: z.array(feedPost) }) } },
    },
    async (request) => mustReadPosts(ctx, actorOf(request)),
  );
  app.get(
    "/api/v1/news/posts",
    {
      config: write,
      schema: {
        tags,
        summary: "The editors' list: every post, newest first, with reach and reads",
        querystring: editorQuery,
        response: { 200: pageSchema(editorPost) },
      },
    },
    async (request) => listEditorPosts(ctx, request.query),
  );
  app.post(
    "/api/v1/news/posts",
    { config: write, schema: { tags, summary: "Write a post: a draft, published now or scheduled", body: postInput, response: { 201: postDetail } } },
    async (request, reply) => reply.status(201).send(await createPost(ctx, actorOf(request), request.body, request.id)),
  );
  app.post(
    "/api/v1/news/preview",
    {
      config: write,
      schema: {
        tags,
        summary: "Render a post body as partners will see it (the editor's preview); stores nothing",
        body: previewInput,
        response: { 200: z.object({ bodyHtml: z.string() }) },
      },
    },
    async (request) => ({ bodyHtml: renderPostMarkdown(request.body.bodyMarkdown) }),
  );
  app.get(
    "/api/v1/news/posts/:id",
    { config: read, schema: { tags, summary: "One post (partners: only posts meant for them)", params: idParams, response: { 200: postDetail } } },
    async (request) => getPostDetail(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/news/posts/:id",
    {
      config: write,
      schema: { tags, summary: "Change a post, publish, schedule or archive it", params: idParams, body: postPatch, response: { 200: postDetail } },
    },
    async (request) => updatePost(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/news/posts/:id/read",
    {
      config: read,
      schema: { tags, summary: "The caller opened the post (the first time is kept)", params: idParams, response: { 200: readReceipt } },
    },
    async (request) => markRead(ctx, actorOf(request), request.params.id),
  );
  app.post(
    "/api/v1/news/posts/:id/acknowledge",
    {
      config: read,
      schema: { tags, summary: "Acknowledge a must-read post (422 when it is not one)", params: idParams, response: { 200: acknowledgement } },
    },
    async (request) => acknowledgePost(ctx, actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/news/posts/:id/attachments",
    {
      config: write,
      schema: {
        tags,
        summary: "Attach a file (multipart field 'file')",
        description: "The type is decided from the bytes, as in the sales library. Executables, HTML, SVG and PDFs with script: 415. Too large: 413.",
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 201: attachment },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadAttachment(ctx, actorOf(request), request.params.id, request)),
  );
  app.get(
    "/api/v1/news/posts/:id/attachments/:attachmentId",
    {
      config: read,
      schema: { tags, summary: "A post's attachment (partners: only on posts meant for them)", params: attachmentParams, description: fileResponse },
    },
    async (request, reply) => {
      const file = await attachmentFile(ctx, actorOf(request), request.params.id, request.params.attachmentId);
      return sendStoredFile(request, reply, ctx.storage, file);
    },
  );
  app.delete(
    "/api/v1/news/posts/:id/attachments/:attachmentId",
    { config: write, schema: { tags, summary: "Take a file off a post (the stored bytes are kept)", params: attachmentParams } },
    async (request, reply) => {
      await removeAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId, request.id);
      return reply.status(204).send();
    },
  );
  app.post(
    "/api/v1/news/images",
    {
      config: write,
      schema: {
        tags,
        summary: "Upload an image to place in a post body (multipart field 'file': PNG, JPEG, WebP or GIF)",
        consumes: ["multipart/form-data"],
        response: { 201: newsImageSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadNewsImage(ctx, actorOf(request), request)),
  );
  app.get(
    "/api/v1/news/images/:id",
    { config: read, schema: { tags, summary: "An image placed in a post body", params: idParams } },
    async (request, reply) => {
      const image = await newsImage(ctx, request.params.id);
      return sendImage(reply, ctx.storage, image.key, image.contentType);
    },
  );

  app.get(
    "/api/v1/news/posts/:id/comments",
    {
      config: read,
      schema: {
        tags,
        summary: "The comments the caller may see, oldest first",
        params: idParams,
        response: { 200: z.object({ items: z.array(comment) }) },
      },
    },
    async (request) => listComments(ctx, actorOf(request), request.params.id),
  );
  app.post(
    "/api/v1/news/posts/:id/comments",
    {
      // news:comment (partner staff) or news:moderate (the vendor's answers): the policy names the
      // wider permission and this hook narrows it, before the body is validated.
      config: read,
      preValidation: async (request) => {
        if (!mayComment(actorOf(request))) throw forbidden();
      },
      schema: {
        tags,
        summary: "Ask a question under a post, or answer one (vendor)",
        params: idParams,
        body: commentInput,
        response: { 201: comment },
      },
    },
    async (request, reply) => reply.status(201).send(await addComment(ctx, actorOf(request), request.params.id, request.body, request.id)),
  );
  for (const action of ["hide", "unhide"] as const) {
    app.post(
      `/api/v1/news/comments/:id/${action}`,
      {
        config: moderate,
        schema: {
          tags,
          summary: action === "hide" ? "Hide a comment (kept, with the reason)" : "Show a hidden comment again",
          params: idParams,
          body: moderationInput,
          response: { 200: comment },
        },
      },
      async (request) => moderateComment(ctx, actorOf(request), request.params.id, action, request.body.reason, request.id),
    );
  }

  app.get(
    "/api/v1/news/posts/:id/analytics",
    {
      config: analytics,
      schema: { tags, summary: "Reach, reads and acknowledgements of a post, per partner", params: idParams, response: { 200: postAnalyticsSchema } },
    },
    async (request) => postAnalytics(ctx, actorOf(request), request.params.id),
  );
  app.get(
    "/api/v1/news/read-share",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Per partner, the share of its active users who read any news in the month",
        querystring: readShareQuery,
        response: { 200: readShare },
      },
    },
    async (request) => readShareForMonth(ctx, request.query.month),
  );
};
