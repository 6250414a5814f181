import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { knownProblemDetail, knownProblemInput, knownProblemPage, knownProblemPatch, knownProblemQuery } from "./known-problems.schemas.js";
import { createKnownProblem, getKnownProblem, listKnownProblems, updateKnownProblem } from "./known-problems.service.js";

const tags = ["support"];
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Known problems are the vendor's own view of its products' defects. Partners hold support:read
 * (for their tickets and RMAs), so reads need support:analytics: every vendor role that works
 * with support figures (admin, agents, channel managers, finance); not marketing, never partners.
 * Partners see a linked problem's title, workaround and fix version on their ticket instead.
 */
const read = { policy: policy.permission("support:analytics") };
const work = { policy: policy.permission("support:work") };

export const knownProblemRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/support/known-problems",
    {
      config: read,
      schema: {
        tags,
        summary: "Known problems, most recently changed first, with linked tickets and partners affected",
        querystring: knownProblemQuery,
        response: { 200: knownProblemPage },
      },
    },
    async (request) => listKnownProblems(ctx, request.query),
  );
  app.post(
    "/api/v1/support/known-problems",
    { config: work, schema: { tags, summary: "Record a known problem", body: knownProblemInput, response: { 201: knownProblemDetail } } },
    async (request, reply) => reply.status(201).send(await createKnownProblem(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/support/known-problems/:id",
    {
      config: read,
      schema: { tags, summary: "One known problem with its linked tickets", params: idParams, response: { 200: knownProblemDetail } },
    },
    async (request) => getKnownProblem(ctx, request.params.id),
  );
  app.patch(
    "/api/v1/support/known-problems/:id",
    {
      config: work,
      schema: { tags, summary: "Change a known problem", params: idParams, body: knownProblemPatch, response: { 200: knownProblemDetail } },
    },
    async (request) => updateKnownProblem(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
};
