import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { apiToken, createApiTokenBody, createdApiToken } from "./api-tokens.schemas.js";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.service.js";

const tags = ["api tokens"];
const manage = { policy: policy.permission("api_tokens:manage") };

export const apiTokenRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/api-tokens",
    {
      config: manage,
      schema: { tags, summary: "API tokens for the vendor's ERP and CRM", response: { 200: z.object({ items: z.array(apiToken) }) } },
    },
    async () => ({ items: await listApiTokens(ctx) }),
  );
  app.post(
    "/api/v1/api-tokens",
    {
      config: manage,
      schema: {
        tags,
        summary: "Create a token bound to a vendor role; the token is shown only in this response",
        body: createApiTokenBody,
        response: { 201: createdApiToken },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(ctx, actorOf(request), request.body, request.id)),
  );
  app.delete(
    "/api/v1/api-tokens/:id",
    { config: manage, schema: { tags, summary: "Revoke a token at once", params: z.object({ id: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      await revokeApiToken(ctx, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );
};
