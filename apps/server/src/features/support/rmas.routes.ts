import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { rma, rmaInput, rmaPage, rmaPatch, rmaQuery } from "./rmas.schemas.js";
import { createRma, getRma, listRmas, updateRma } from "./rmas.service.js";

const tags = ["support"];
const idParams = z.object({ id: z.string().min(1).max(64) });
// Partners hold support:read for their own organisation: the repository scopes every read.
const read = { policy: policy.permission("support:read") };
const work = { policy: policy.permission("support:work") };

export const rmaRoutes: RouteRegistrar = (app, ctx) => {
  app.post(
    "/api/v1/support/tickets/:id/rmas",
    {
      config: work,
      schema: {
        tags,
        summary: "Authorise the return of a defective unit named on a ticket (emails the requester)",
        params: idParams,
        body: rmaInput,
        response: { 201: rma },
      },
    },
    async (request, reply) => reply.status(201).send(await createRma(ctx, actorOf(request), request.params.id, request.body, request.id)),
  );
  app.get(
    "/api/v1/support/rmas",
    {
      config: read,
      schema: { tags, summary: "RMAs, newest first (partners: their own organisation's)", querystring: rmaQuery, response: { 200: rmaPage } },
    },
    async (request) => listRmas(ctx, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/support/rmas/:id",
    { config: read, schema: { tags, summary: "One RMA", params: idParams, response: { 200: rma } } },
    async (request) => getRma(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/support/rmas/:id",
    {
      config: work,
      schema: {
        tags,
        summary: "Move an RMA on: received, replaced (with the replacement serial), closed, or cancelled (emails the requester)",
        params: idParams,
        body: rmaPatch,
        response: { 200: rma },
      },
    },
    async (request) => updateRma(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
};
