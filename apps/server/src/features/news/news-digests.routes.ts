import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { atomFeed } from "./atom.service.js";
import { digestListQuery, digestPage, digestRun } from "./digest.schemas.js";
import { listDigests, runDigests } from "./digests.service.js";
import { atomParams, createdFeedToken, feedTokenState } from "./feed-token.schemas.js";
import { createFeedToken, getFeedToken, revokeFeedToken } from "./feed-token.service.js";
import { digestPreferences, digestPreferencesInput } from "./preferences.schemas.js";
import { getDigestPreferences, updateDigestPreferences } from "./preferences.service.js";
import { unsubscribeParams, unsubscribeState } from "./unsubscribe.schemas.js";
import { getUnsubscribeState, unsubscribeByToken } from "./unsubscribe.service.js";

const tags = ["news"];
const read = { policy: policy.permission("news:read") };

/** Digests and their preferences, one-click unsubscribe and the secret Atom feed (docs/news.md). */
export const newsDigestRoutes: RouteRegistrar = (app, ctx) => {
  // RFC 8058 one-click posts arrive as a form (List-Unsubscribe=One-Click); the body carries nothing we need.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4_096 }, (_request, body, done) => done(null, body));

  app.get(
    "/api/v1/news/preferences",
    {
      config: read,
      schema: { tags, summary: "The caller's digest choices (the defaults until it chooses)", response: { 200: digestPreferences } },
    },
    async (request) => getDigestPreferences(ctx, actorOf(request)),
  );
  app.put(
    "/api/v1/news/preferences",
    {
      config: read,
      schema: {
        tags,
        summary: "Choose immediate, daily, weekly or no digest, and its hour, weekday and time zone",
        body: digestPreferencesInput,
        response: { 200: digestPreferences },
      },
    },
    async (request) => updateDigestPreferences(ctx, actorOf(request), request.body, request.id),
  );

  app.get(
    "/api/v1/news/feed-token",
    { config: read, schema: { tags, summary: "Whether the caller has a secret Atom feed URL", response: { 200: feedTokenState } } },
    async (request) => getFeedToken(ctx, actorOf(request)),
  );
  app.post(
    "/api/v1/news/feed-token",
    {
      config: read,
      schema: { tags, summary: "A new secret Atom feed URL (shown once); the previous one stops working", response: { 201: createdFeedToken } },
    },
    async (request, reply) => reply.status(201).send(await createFeedToken(ctx, actorOf(request), request.id)),
  );
  app.delete("/api/v1/news/feed-token", { config: read, schema: { tags, summary: "Revoke the secret Atom feed URL" } }, async (request, reply) => {
    await revokeFeedToken(ctx, actorOf(request), request.id);
    return reply.status(204).send();
  });
  app.get(
    "/api/v1/news/atom/:token",
    {
      config: { policy: policy.public },
      schema: { tags, summary: "Atom 1.0 feed of the token owner's news (the secret URL is the credential)", params: atomParams },
    },
    async (request, reply) =>
      reply
        .type("application/atom+xml; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(await atomFeed(ctx, request.params.token)),
  );

  app.get(
    "/api/v1/news/unsubscribe/:token",
    {
      config: { policy: policy.public },
      schema: {
        tags,
        summary: "Whose digests a one-click link is for (masked) and how often they come; browsers go to the web page",
        params: unsubscribeParams,
        response: { 200: unsubscribeState },
      },
    },
    async (request, reply) => {
      const state = await getUnsubscribeState(ctx, request.params.token);
      // A mail client without one-click support opens the List-Unsubscribe URL in a browser: show the page, which asks first.
      if (String(request.headers.accept ?? "").includes("text/html")) {
        return reply.redirect(`${ctx.config.publicUrl}/unsubscribe/${encodeURIComponent(request.params.token)}`, 303);
      }
      return state;
    },
  );
  app.post(
    "/api/v1/news/unsubscribe/:token",
    {
      config: { policy: policy.public, secretInUrl: true },
      schema: {
        tags,
        summary: "RFC 8058 one-click unsubscribe: digests off, no sign-in needed",
        params: unsubscribeParams,
        response: { 200: unsubscribeState },
      },
    },
    async (request) => unsubscribeByToken(ctx, request.params.token, request.id),
  );

  app.get(
    "/api/v1/news/digests",
    {
      config: { policy: policy.permission("news:analytics") },
      schema: {
        tags,
        summary: "Recent digests with their status, attempts and last error",
        querystring: digestListQuery,
        response: { 200: digestPage },
      },
    },
    async (request) => listDigests(ctx, request.query),
  );
  app.post(
    "/api/v1/news/digests/run-now",
    {
      config: { policy: policy.permission("settings:write") },
      schema: { tags, summary: "Run the digest job now: compose what is due and send what is pending", response: { 200: digestRun } },
    },
    async () => runDigests(ctx),
  );
};
