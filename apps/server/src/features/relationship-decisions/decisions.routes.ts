import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { pageSchema } from "../../platform/http/pagination.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  action,
  actionInput,
  actionPatch,
  closeInput,
  decision,
  decisionInput,
  offboarding,
  reviewDue,
  reviewInput,
  reviewResult,
  reviewsDueQuery,
  timelineEvent,
  timelineQuery,
} from "./decisions.schemas.js";
import { addAction, createDecision, listDecisions, updateAction } from "./decisions.service.js";
import { offboardingStatus } from "./offboarding.service.js";
import { closeDecision, listReviewsDue, recordReview } from "./reviews.service.js";
import { partnerTimeline } from "./timeline.service.js";

// Fix / watch / cut decisions, their actions and reviews, the partner's relationship timeline and
// a cut partner's offboarding (docs/relationship-decisions.md). Vendor-side only: partner roles
// hold neither permission, and partnerParam answers another partner's id with 404 first.

const tags = ["relationships"];
const id = z.string().min(1).max(64);
const partnerParams = z.object({ partnerId: id });
const decisionParams = partnerParams.extend({ id });
const actionParams = decisionParams.extend({ actionId: id });
const read = { policy: policy.permission("relationships:read"), partnerParam: "partnerId" };
const write = { policy: policy.permission("relationships:write"), partnerParam: "partnerId" };

export const decisionRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/partners/:partnerId/decisions",
    {
      config: read,
      schema: {
        tags,
        summary: "The partner's fix / watch / cut decisions, newest first, with actions and reviews",
        params: partnerParams,
        response: { 200: z.object({ items: z.array(decision) }) },
      },
    },
    async (request) => ({ items: await listDecisions(ctx, request.params.partnerId) }),
  );
  app.post(
    "/api/v1/partners/:partnerId/decisions",
    {
      config: write,
      schema: {
        tags,
        summary: "Open a decision (one open per partner: 409 naming the open one)",
        params: partnerParams,
        body: decisionInput,
        response: { 201: decision },
      },
    },
    async (request, reply) => reply.status(201).send(await createDecision(ctx, actorOf(request), request.params.partnerId, request.body, request.id)),
  );
  app.post(
    "/api/v1/partners/:partnerId/decisions/:id/actions",
    {
      config: write,
      schema: { tags, summary: "Add a dated action to an open decision", params: decisionParams, body: actionInput, response: { 201: action } },
    },
    async (request, reply) =>
      reply.status(201).send(await addAction(ctx, actorOf(request), request.params.partnerId, request.params.id, request.body, request.id)),
  );
  app.patch(
    "/api/v1/partners/:partnerId/decisions/:id/actions/:actionId",
    {
      config: write,
      schema: { tags, summary: "Mark an action open, done or missed", params: actionParams, body: actionPatch, response: { 200: action } },
    },
    async (request) =>
      updateAction(ctx, actorOf(request), request.params.partnerId, request.params.id, request.params.actionId, request.body, request.id),
  );
  app.post(
    "/api/v1/partners/:partnerId/decisions/:id/reviews",
    {
      config: write,
      schema: {
        tags,
        summary: "Record a review: continue / improved move the review date, escalate / cut close the decision",
        params: decisionParams,
        body: reviewInput,
        response: { 201: reviewResult },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordReview(ctx, actorOf(request), request.params.partnerId, request.params.id, request.body, request.id)),
  );
  app.post(
    "/api/v1/partners/:partnerId/decisions/:id/close",
    {
      config: write,
      schema: {
        tags,
        summary: "Close a decision as resolved or withdrawn, with the reason",
        params: decisionParams,
        body: closeInput,
        response: { 200: decision },
      },
    },
    async (request) => closeDecision(ctx, actorOf(request), request.params.partnerId, request.params.id, request.body, request.id),
  );
  app.get(
    "/api/v1/partners/:partnerId/timeline",
    {
      config: read,
      schema: {
        tags,
        summary: "The partner's relationship timeline, newest first: flags, decisions, actions, reviews, offboarding",
        params: partnerParams,
        querystring: timelineQuery,
        response: { 200: pageSchema(timelineEvent) },
      },
    },
    async (request) => partnerTimeline(ctx.db, request.params.partnerId, request.query),
  );
  app.get(
    "/api/v1/partners/:partnerId/offboarding",
    {
      config: read,
      schema: {
        tags,
        summary: "A cut partner's offboarding: its cut decision and stage, and what is still open to settle",
        params: partnerParams,
        response: { 200: offboarding },
      },
    },
    async (request) => offboardingStatus(ctx, request.params.partnerId),
  );
  app.get(
    "/api/v1/relationships/reviews-due",
    {
      config: { policy: policy.permission("relationships:read") },
      schema: {
        tags,
        summary: "Open decisions whose review date has come, oldest first: the channel team's to-do list",
        querystring: reviewsDueQuery,
        response: { 200: pageSchema(reviewDue) },
      },
    },
    async (request) => listReviewsDue(ctx, request.query),
  );
};
