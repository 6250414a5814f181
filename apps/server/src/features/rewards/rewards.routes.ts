import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { policy } from "../../platform/access/policy.js";
import { withIdempotency } from "../../platform/http/idempotency.js";
import { forbidden } from "../../platform/http/problem.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { receiveImage, sendImage } from "../../platform/storage/upload.js";
import { idempotencyHeaders } from "../incentives/ledger.schemas.js";
import { liability } from "../incentives/ledger.service.js";
import { createReward, getReward, getRewardImage, listRewards, setRewardImage, updateReward } from "./catalog.service.js";
import { getLeaderboard, getLeaderboardPreference, setLeaderboardPreference } from "./leaderboard.service.js";
import { approveRedemption, cancelRedemption, fulfilRedemption, getRedemption, listRedemptions, requestRedemption } from "./redemptions.service.js";
import {
  cancelInput,
  fulfilInput,
  leaderboard,
  leaderboardPreference,
  leaderboardQuery,
  redemption,
  redemptionInput,
  redemptionPage,
  redemptionQuery,
  reward,
  rewardInput,
  rewardPage,
  rewardPatch,
  rewardQuery,
  statementQuery,
} from "./rewards.schemas.js";
import { statementPdf } from "./statement.service.js";

const tags = ["rewards"];
const idParams = z.object({ id: z.string().min(1).max(64) });
// Every role browses the catalog and leaderboards; the services scope what each sees.
const read = { policy: policy.permission("incentives:read") };
const manage = { policy: policy.permission("rewards:manage") };
const fulfil = { policy: policy.permission("rewards:fulfil") };

const liabilityResponse = z.object({
  points: z.number().int().describe("Available + reserved points of every rep"),
  availablePoints: z.number().int(),
  reservedPoints: z.number().int(),
  valueMinor: z.number().int().describe("points x the point value, in minor units"),
  currency: z.string(),
});

// Checked before the Idempotency-Key, so a role that can never cancel hears 403, not "send a key".
function assertMayCancel(actor: AuthenticatedActor): void {
  if (!can(actor, "rewards:fulfil") && !can(actor, "incentives:claim"))
    throw forbidden("Only the rep who redeemed or finance can cancel a redemption");
}

export const rewardRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/rewards/catalog",
    {
      config: read,
      schema: {
        tags,
        summary: "The rewards catalog (partners: active items they are eligible for)",
        querystring: rewardQuery,
        response: { 200: rewardPage },
      },
    },
    async (request) => listRewards(ctx, actorOf(request), request.query),
  );
  app.post(
    "/api/v1/rewards/catalog",
    { config: manage, schema: { tags, summary: "Add an item to the catalog", body: rewardInput, response: { 201: reward } } },
    async (request, reply) => reply.status(201).send(await createReward(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/rewards/catalog/:id",
    { config: read, schema: { tags, summary: "One item (partners: only one they are eligible for)", params: idParams, response: { 200: reward } } },
    async (request) => getReward(ctx.db, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/rewards/catalog/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change an item: details, cost, stock, eligibility, active",
        params: idParams,
        body: rewardPatch,
        response: { 200: reward },
      },
    },
    async (request) => updateReward(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.put(
    "/api/v1/rewards/catalog/:id/image",
    {
      config: manage,
      schema: {
        tags,
        summary: "Set the item's image (multipart field 'file': PNG, JPEG, WebP or GIF)",
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 200: reward },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await getReward(ctx.db, actor, request.params.id); // 404 before storing anything
      const image = await receiveImage(request, ctx.storage);
      return setRewardImage(ctx, actor, request.params.id, image, request.id);
    },
  );
  app.get(
    "/api/v1/rewards/catalog/:id/image",
    { config: read, schema: { tags, summary: "The item's image", params: idParams } },
    async (request, reply) => {
      const image = await getRewardImage(ctx, actorOf(request), request.params.id);
      return sendImage(reply, ctx.storage, image.key, image.contentType);
    },
  );

  app.post(
    "/api/v1/rewards/redemptions",
    {
      config: { policy: policy.permission("incentives:claim") },
      schema: {
        tags,
        summary: "Redeem an item: takes the stock and reserves the points at once (needs an Idempotency-Key)",
        description:
          "409 out_of_stock when too few units are left; 422 insufficient_points when the rep's available points do not cover quantity x cost. Either refusal changes nothing.",
        headers: idempotencyHeaders,
        body: redemptionInput,
        response: { 201: redemption },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const response = await withIdempotency(ctx.db, request, reply, actor, async (trx) => ({
        status: 201,
        body: await requestRedemption(trx, actor, request.body, request.id),
      }));
      return reply.status(response.status as 201).send(response.body);
    },
  );
  app.get(
    "/api/v1/rewards/redemptions",
    {
      config: read,
      schema: {
        tags,
        summary: "Redemptions, newest first: finance every one (the fulfilment queue), a partner admin its team's, a rep its own",
        querystring: redemptionQuery,
        response: { 200: redemptionPage },
      },
    },
    async (request) => listRedemptions(ctx, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/rewards/redemptions/:id",
    { config: read, schema: { tags, summary: "One redemption", params: idParams, response: { 200: redemption } } },
    async (request) => getRedemption(ctx.db, actorOf(request), request.params.id),
  );
  app.post(
    "/api/v1/rewards/redemptions/:id/approve",
    { config: fulfil, schema: { tags, summary: "Approve a requested redemption (no points move)", params: idParams, response: { 200: redemption } } },
    async (request) => approveRedemption(ctx, actorOf(request), request.params.id, request.id),
  );
  app.post(
    "/api/v1/rewards/redemptions/:id/fulfil",
    {
      config: fulfil,
      schema: {
        tags,
        summary: "Fulfil an approved redemption: shipped (tracking number), delivered, or code sent (needs an Idempotency-Key)",
        description:
          "Moves the reserved points to redeemed. A shipped one can later be marked { method: 'delivered' } (no points move). The voucher code is shown to the rep only.",
        headers: idempotencyHeaders,
        params: idParams,
        body: fulfilInput,
        response: { 200: redemption },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const response = await withIdempotency(ctx.db, request, reply, actor, async (trx) => ({
        status: 200,
        body: await fulfilRedemption(trx, actor, request.params.id, request.body, request.id),
      }));
      return reply.status(response.status as 200).send(response.body);
    },
  );
  app.post(
    "/api/v1/rewards/redemptions/:id/cancel",
    {
      config: read,
      schema: {
        tags,
        summary: "Cancel: the rep while requested, finance before fulfilment (with a reason); points and stock return (needs an Idempotency-Key)",
        headers: idempotencyHeaders,
        params: idParams,
        body: cancelInput,
        response: { 200: redemption },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertMayCancel(actor);
      const response = await withIdempotency(ctx.db, request, reply, actor, async (trx) => ({
        status: 200,
        body: await cancelRedemption(trx, actor, request.params.id, request.body, request.id),
      }));
      return reply.status(response.status as 200).send(response.body);
    },
  );

  app.get(
    "/api/v1/rewards/leaderboard",
    {
      config: read,
      schema: {
        tags,
        summary: "The top 100 reps of a quarter or month by points earned; reps who opted out show as 'A rep of <partner>'",
        querystring: leaderboardQuery,
        response: { 200: leaderboard },
      },
    },
    async (request) => getLeaderboard(ctx, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/rewards/me/leaderboard",
    { config: read, schema: { tags, summary: "Whether you are named on leaderboards", response: { 200: leaderboardPreference } } },
    async (request) => getLeaderboardPreference(ctx, actorOf(request)),
  );
  app.put(
    "/api/v1/rewards/me/leaderboard",
    {
      config: read,
      schema: {
        tags,
        summary: "Opt out of (or back into) being named on leaderboards; you keep your rank",
        body: leaderboardPreference,
        response: { 200: leaderboardPreference },
      },
    },
    async (request) => setLeaderboardPreference(ctx, actorOf(request), request.body, request.id),
  );
  app.get(
    "/api/v1/rewards/statement.pdf",
    {
      config: read,
      schema: {
        tags,
        summary: "A rep's points statement as PDF: every movement with running balances (yours unless userId)",
        querystring: statementQuery,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) => {
      const pdf = await statementPdf(ctx, actorOf(request), request.query.userId);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="${pdf.fileName}"`)
        .header("cache-control", "private, no-store")
        .send(Buffer.from(pdf.bytes));
    },
  );
  app.get(
    "/api/v1/rewards/liability",
    {
      config: { policy: policy.permission("incentives:analytics") },
      schema: {
        tags,
        summary: "What the program owes: unredeemed points (available + reserved) x the point value",
        response: { 200: liabilityResponse },
      },
    },
    async () => liability(ctx.db),
  );
};
