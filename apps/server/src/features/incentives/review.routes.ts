import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { withIdempotency } from "../../platform/http/idempotency.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { approveInput, claimDetail, reasonInput } from "./claims.schemas.js";
import { idempotencyHeaders } from "./ledger.schemas.js";
import { approveClaim, rejectClaim, reverseClaim } from "./review.service.js";

const tags = ["incentives"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const review = { policy: policy.permission("incentives:review") };

export const reviewRoutes: RouteRegistrar = (app, ctx) => {
  app.post(
    "/api/v1/incentives/claims/:id/approve",
    {
      config: review,
      schema: {
        tags,
        summary: "Approve a pending claim: scored again as things stand and paid (needs an Idempotency-Key)",
        headers: idempotencyHeaders,
        params: idParams,
        body: approveInput.optional(),
        response: { 200: claimDetail },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const response = await withIdempotency(ctx.db, request, reply, actor, (trx) =>
        approveClaim(trx, actor, request.params.id, request.body?.note, request.id),
      );
      return reply.status(response.status as 200).send(response.body);
    },
  );

  app.post(
    "/api/v1/incentives/claims/:id/reject",
    {
      config: review,
      schema: {
        tags,
        summary: "Reject a pending claim with a reason; its serials are freed (needs an Idempotency-Key)",
        headers: idempotencyHeaders,
        params: idParams,
        body: reasonInput,
        response: { 200: claimDetail },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const response = await withIdempotency(ctx.db, request, reply, actor, (trx) =>
        rejectClaim(trx, actor, request.params.id, request.body.reason, request.id),
      );
      return reply.status(response.status as 200).send(response.body);
    },
  );

  app.post(
    "/api/v1/incentives/claims/:id/reverse",
    {
      config: review,
      schema: {
        tags,
        summary: "Reverse an approved claim with a reason: its points go back (what the rep spent is owed) (needs an Idempotency-Key)",
        headers: idempotencyHeaders,
        params: idParams,
        body: reasonInput,
        response: { 200: claimDetail },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const response = await withIdempotency(ctx.db, request, reply, actor, (trx) =>
        reverseClaim(trx, actor, request.params.id, request.body.reason, request.id),
      );
      return reply.status(response.status as 200).send(response.body);
    },
  );
};
