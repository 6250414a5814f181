import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { tier, tierInput, tierPatch } from "./tiers.schemas.js";
import { createTier, deleteTier, listTiersFor, updateTier } from "./tiers.service.js";

const tags = ["tiers"];
const idParams = z.object({ id: z.string().min(1).max(64) });

export const tierRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/tiers",
    {
      config: { policy: policy.permission("partners:read") },
      schema: { tags, summary: "Partner tiers, top first", response: { 200: z.object({ items: z.array(tier) }) } },
    },
    async (request) => ({ items: await listTiersFor(ctx.db, actorOf(request)) }),
  );
  app.post(
    "/api/v1/tiers",
    { config: { policy: policy.permission("tiers:write") }, schema: { tags, summary: "Create a tier", body: tierInput, response: { 201: tier } } },
    async (request, reply) => reply.status(201).send(await createTier(ctx, actorOf(request), request.body, request.id)),
  );
  app.patch(
    "/api/v1/tiers/:id",
    {
      config: { policy: policy.permission("tiers:write") },
      schema: { tags, summary: "Change a tier", params: idParams, body: tierPatch, response: { 200: tier } },
    },
    async (request) => updateTier(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.delete(
    "/api/v1/tiers/:id",
    { config: { policy: policy.permission("tiers:write") }, schema: { tags, summary: "Delete an unused tier", params: idParams } },
    async (request, reply) => {
      await deleteTier(ctx, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );
};
