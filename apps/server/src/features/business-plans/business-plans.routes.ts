import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  plan,
  planInput,
  planItem,
  planItemInput,
  planItemParams,
  planItemPatch,
  planList,
  planParams,
  planPatch,
  planYearParams,
} from "./business-plans.schemas.js";
import { addPlanItem, createBusinessPlan, getBusinessPlan, listBusinessPlans, updateBusinessPlan, updatePlanItem } from "./business-plans.service.js";

const tags = ["business plans"];
// The plan is joint: a partner admin always reads its own (scorecards:read), never another partner's (404).
const read = { policy: policy.permission("scorecards:read"), partnerParam: "partnerId" };
const write = { policy: policy.permission("relationships:write"), partnerParam: "partnerId" };
const base = "/api/v1/partners/:partnerId/business-plans";

export const businessPlanRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    base,
    {
      config: read,
      schema: { tags, summary: "A partner's joint business plans, newest year first", params: planParams, response: { 200: planList } },
    },
    async (request) => ({ items: await listBusinessPlans(ctx.db, actorOf(request), request.params.partnerId) }),
  );

  app.get(
    `${base}/:year`,
    {
      config: read,
      schema: {
        tags,
        summary: "A year's plan: targets and both sides' commitments, actuals measured from real data where a figure exists, each side's fulfilment",
        params: planYearParams,
        response: { 200: plan },
      },
    },
    async (request) => getBusinessPlan(ctx.db, actorOf(request), request.params.partnerId, request.params.year),
  );

  app.post(
    base,
    {
      config: write,
      schema: {
        tags,
        summary: "Start a partner's plan for a year (one per year), optionally with its items",
        params: planParams,
        body: planInput,
        response: { 201: plan },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBusinessPlan(ctx, actorOf(request), request.params.partnerId, request.body, request.id)),
  );

  app.patch(
    `${base}/:year`,
    {
      config: write,
      schema: {
        tags,
        summary: "Agree, close or reopen a plan, or change its notes",
        params: planYearParams,
        body: planPatch,
        response: { 200: plan },
      },
    },
    async (request) => updateBusinessPlan(ctx, actorOf(request), request.params.partnerId, request.params.year, request.body, request.id),
  );

  app.post(
    `${base}/:year/items`,
    {
      config: write,
      schema: {
        tags,
        summary: "Add a target or a commitment of either side",
        params: planYearParams,
        body: planItemInput,
        response: { 201: planItem },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPlanItem(ctx, actorOf(request), request.params.partnerId, request.params.year, request.body, request.id)),
  );

  app.patch(
    `${base}/:year/items/:itemId`,
    {
      config: write,
      schema: {
        tags,
        summary: "Change an item; its status and actual only when they are not measured from data",
        params: planItemParams,
        body: planItemPatch,
        response: { 200: planItem },
      },
    },
    async (request) =>
      updatePlanItem(ctx, actorOf(request), request.params.partnerId, request.params.year, request.params.itemId, request.body, request.id),
  );
};
