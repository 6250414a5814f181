import type { FastifyReply } from "fastify";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { capacity, capacityWhatIf } from "./capacity.service.js";
import { evaluateRelationships } from "./evaluation.service.js";
import { flagsList } from "./flags.service.js";
import { portfolioJson } from "./portfolio-cache.js";
import { currentMonthOf, refreshFigures } from "./refresh.service.js";
import { addMonths } from "./scorecard-math.js";
import {
  capacityView,
  evaluationResult,
  flagList,
  flagQuery,
  partnerParams,
  partnerScorecard,
  periodQuery,
  portfolioView,
  refreshInput,
  refreshResult,
  whatIfInput,
  whatIfResult,
} from "./scorecards.schemas.js";
import { partnerScorecard as scorecardFor } from "./scorecards.service.js";
import { relationshipSettings, relationshipSettingsInput } from "./settings.schemas.js";
import { getRelationshipSettings, updateRelationshipSettings } from "./settings.service.js";

const tags = ["relationships"];
const read = { policy: policy.permission("relationships:read") };

export const scorecardRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/relationships/settings",
    {
      config: read,
      schema: { tags, summary: "Health weights, alert thresholds, capacity and margins' defaults", response: { 200: relationshipSettings } },
    },
    async () => getRelationshipSettings(ctx.db),
  );
  app.put(
    "/api/v1/relationships/settings",
    {
      config: { policy: policy.permission("relationships:configure") },
      schema: {
        tags,
        summary: "Change the relationship settings (only the fields sent; audited)",
        body: relationshipSettingsInput,
        response: { 200: relationshipSettings },
      },
    },
    async (request) => {
      const settings = await updateRelationshipSettings(ctx, actorOf(request), request.body, request.id);
      // Weights, margins and rates change every stored card: recompute them now, from the stored figures.
      const month = currentMonthOf();
      await refreshFigures(ctx.db, { months: [month] });
      return settings;
    },
  );
  app.get(
    "/api/v1/relationships/portfolio",
    {
      config: read,
      schema: {
        tags,
        summary: "Every partner's margin against resources, health and quadrant, for a period",
        querystring: periodQuery,
        response: { 200: portfolioView },
      },
    },
    async (request, reply) => {
      // Sent as built and checked once per change (portfolio-cache.ts), not serialised per request.
      const json = await portfolioJson(ctx.db, request.query, (built) => portfolioView.parse(built));
      // The untyped reply: the type provider expects the object the JSON was made from.
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(json);
    },
  );
  app.get(
    "/api/v1/partners/:partnerId/scorecard",
    {
      config: { policy: policy.permission("scorecards:read"), partnerParam: "partnerId" },
      schema: {
        tags,
        summary: "A partner's scorecard for a period, with its 24-month trend and percentile among its tier",
        params: partnerParams,
        querystring: periodQuery,
        response: { 200: partnerScorecard },
      },
    },
    async (request) => scorecardFor(ctx.db, actorOf(request), request.params.partnerId, request.query),
  );
  app.get(
    "/api/v1/relationships/capacity",
    {
      config: read,
      schema: { tags, summary: "How many partners the team's hours support well, against today's count", response: { 200: capacityView } },
    },
    async () => capacity(ctx.db),
  );
  app.post(
    "/api/v1/relationships/what-if",
    {
      config: read,
      schema: {
        tags,
        summary: "Cut or add partners and see the freed hours and projected net contribution (changes nothing)",
        body: whatIfInput,
        response: { 200: whatIfResult },
      },
    },
    async (request) => capacityWhatIf(ctx.db, request.body),
  );
  app.get(
    "/api/v1/relationships/flags",
    { config: read, schema: { tags, summary: "Partners flagged by the daily evaluation", querystring: flagQuery, response: { 200: flagList } } },
    async (request) => flagsList(ctx.db, request.query.status),
  );
  app.post(
    "/api/v1/relationships/refresh",
    {
      config: { policy: policy.permission("relationships:write") },
      schema: {
        tags,
        summary: "Pull the figures from every source again (this month and the last by default)",
        body: refreshInput,
        response: { 200: refreshResult },
      },
    },
    async (request) => {
      const month = currentMonthOf();
      const result = await refreshFigures(ctx.db, { months: request.body.months ?? [addMonths(month, -1), month], engagement: true });
      return { partners: result.partners, months: result.months, ms: result.ms };
    },
  );
  app.post(
    "/api/v1/relationships/evaluate",
    {
      config: { policy: policy.permission("relationships:configure") },
      schema: { tags, summary: "Run the daily evaluation now: refresh, then raise and clear flags", response: { 200: evaluationResult } },
    },
    async () => evaluateRelationships(ctx),
  );
};
