import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { ruleDetail, ruleInput, ruleList, ruleListQuery, rulePatch } from "./rules.schemas.js";
import { createRule, getRule, listRules, updateRule } from "./rules.service.js";

const tags = ["incentives"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const read = { policy: policy.permission("incentives:read") };
const configure = { policy: policy.permission("incentives:configure") };

export const ruleRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/incentives/rules",
    {
      config: read,
      schema: {
        tags,
        summary: "The earning rules: partner users see those that can earn them points today; rule editors see all, or those in force on a date",
        querystring: ruleListQuery,
        response: { 200: ruleList },
      },
    },
    async (request) => listRules(ctx, actorOf(request), request.query),
  );
  app.post(
    "/api/v1/incentives/rules",
    {
      config: configure,
      schema: {
        tags,
        summary: "Create a rule: points per unit or per revenue, a multiplier promotion or a launch bonus (version 1, effective from now)",
        body: ruleInput,
        response: { 201: ruleDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createRule(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/incentives/rules/:id",
    { config: read, schema: { tags, summary: "One rule, with its versions for rule editors", params: idParams, response: { 200: ruleDetail } } },
    async (request) => getRule(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/incentives/rules/:id",
    {
      config: configure,
      schema: {
        tags,
        summary: "Change a rule: a new version effective from now; sales dated before keep the version then in force",
        params: idParams,
        body: rulePatch,
        response: { 200: ruleDetail },
      },
    },
    async (request) => updateRule(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
};
