import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  articleDetail,
  articleFeedback,
  articleInput,
  articlePage,
  articlePatch,
  articlePreview,
  articlePreviewInput,
  articleQuery,
  feedbackInput,
  suggestionList,
  suggestQuery,
} from "./knowledge.schemas.js";
import { createArticle, getArticle, giveFeedback, listArticles, previewArticle, suggestArticles, updateArticle } from "./knowledge.service.js";

const tags = ["knowledge"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const read = { policy: policy.permission("knowledge:read") };
const write = { policy: policy.permission("knowledge:write") };

export const knowledgeRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/knowledge/articles",
    {
      config: read,
      schema: {
        tags,
        summary: "Browse and search the knowledge base (partners: published articles meant for them), with view and 'solved it' counts",
        querystring: articleQuery,
        response: { 200: articlePage },
      },
    },
    async (request) => listArticles(ctx, actorOf(request), request.query),
  );
  app.post(
    "/api/v1/knowledge/articles",
    {
      config: write,
      schema: { tags, summary: "Write an article (a draft unless status says otherwise)", body: articleInput, response: { 201: articleDetail } },
    },
    async (request, reply) => reply.status(201).send(await createArticle(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/knowledge/suggest",
    {
      config: read,
      schema: {
        tags,
        summary: "Up to five published articles matching the words typed into a new ticket",
        querystring: suggestQuery,
        response: { 200: suggestionList },
      },
    },
    async (request) => ({
      items: await suggestArticles(ctx, actorOf(request), request.query.q, { productIds: request.query.productIds, limit: request.query.limit }),
    }),
  );
  app.post(
    "/api/v1/knowledge/preview",
    {
      config: write,
      schema: {
        tags,
        summary: "Render article markdown as partners will see it (the editor's preview)",
        body: articlePreviewInput,
        response: { 200: articlePreview },
      },
    },
    async (request) => previewArticle(request.body.bodyMarkdown),
  );
  app.get(
    "/api/v1/knowledge/articles/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "One article, its body rendered; a partner user's open counts a view (once per user and day)",
        params: idParams,
        response: { 200: articleDetail },
      },
    },
    async (request) => getArticle(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/knowledge/articles/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Change an article's text, products, audience or status",
        params: idParams,
        body: articlePatch,
        response: { 200: articleDetail },
      },
    },
    async (request) => updateArticle(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/knowledge/articles/:id/feedback",
    {
      config: read,
      schema: {
        tags,
        summary: "'Did this solve it?' from a partner user: one answer per user, answering again changes it",
        params: idParams,
        body: feedbackInput,
        response: { 200: articleFeedback },
      },
    },
    async (request) => giveFeedback(ctx, actorOf(request), request.params.id, request.body.solved),
  );
};
