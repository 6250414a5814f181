import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { notFound } from "../../platform/http/problem.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { staffInput, staffPatch, user, userList } from "./users.schemas.js";
import {
  createScopedUser,
  deactivateScopedUser,
  listUsers,
  mayReachPartner,
  partnerStaffScope,
  reactivateScopedUser,
  resendScopedInvitation,
  updateScopedUser,
} from "./users.service.js";

const tags = ["staff"];
const partnerParams = z.object({ partnerId: z.string().min(1).max(64) });
const staffParams = partnerParams.extend({ userId: z.string().min(1).max(64) });
const read = { policy: policy.permission("staff:read"), partnerParam: "partnerId" };
const manage = { policy: policy.permission("staff:manage"), partnerParam: "partnerId" };

/**
 * A partner's staff. Partner-side actors reach only their own partner (another's is 404);
 * partnerStaffScope checks that and the partner's existence before anything else.
 */
export const staffRoutes: RouteRegistrar = (app, ctx) => {
  // Before the body is validated: another partner's staff answers 404 whatever is sent.
  app.addHook("preValidation", async (request) => {
    if (!mayReachPartner(actorOf(request), (request.params as { partnerId?: string }).partnerId)) throw notFound("Partner");
  });

  app.get(
    "/api/v1/partners/:partnerId/staff",
    { config: read, schema: { tags, summary: "A partner's staff, by name", params: partnerParams, response: { 200: userList } } },
    async (request) => {
      const { scope } = await partnerStaffScope(ctx.db, actorOf(request), request.params.partnerId);
      return { items: await listUsers(ctx.db, scope) };
    },
  );

  app.post(
    "/api/v1/partners/:partnerId/staff",
    {
      config: manage,
      schema: {
        tags,
        summary: "Invite a staff member (emails an invitation link)",
        params: partnerParams,
        body: staffInput,
        response: { 201: user },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const target = await partnerStaffScope(ctx.db, actor, request.params.partnerId);
      return reply.status(201).send(await createScopedUser(ctx, actor, target, request.body, request.id));
    },
  );

  app.patch(
    "/api/v1/partners/:partnerId/staff/:userId",
    {
      config: manage,
      schema: { tags, summary: "Rename a staff member or change its role", params: staffParams, body: staffPatch, response: { 200: user } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { scope } = await partnerStaffScope(ctx.db, actor, request.params.partnerId);
      return updateScopedUser(ctx, actor, scope, request.params.userId, request.body, request.id);
    },
  );

  app.post(
    "/api/v1/partners/:partnerId/staff/:userId/deactivate",
    {
      config: manage,
      schema: { tags, summary: "Deactivate a staff member and end its sessions at once", params: staffParams, response: { 200: user } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { scope } = await partnerStaffScope(ctx.db, actor, request.params.partnerId);
      return deactivateScopedUser(ctx, actor, scope, request.params.userId, request.id);
    },
  );

  app.post(
    "/api/v1/partners/:partnerId/staff/:userId/reactivate",
    { config: manage, schema: { tags, summary: "Reactivate a staff member", params: staffParams, response: { 200: user } } },
    async (request) => {
      const actor = actorOf(request);
      const { scope } = await partnerStaffScope(ctx.db, actor, request.params.partnerId);
      return reactivateScopedUser(ctx, actor, scope, request.params.userId, request.id);
    },
  );

  app.post(
    "/api/v1/partners/:partnerId/staff/:userId/resend-invitation",
    {
      config: manage,
      schema: { tags, summary: "Email a new invitation link; older links stop working", params: staffParams, response: { 200: user } },
    },
    async (request) => {
      const actor = actorOf(request);
      const target = await partnerStaffScope(ctx.db, actor, request.params.partnerId);
      return resendScopedInvitation(ctx, actor, target, request.params.userId, request.id);
    },
  );
};
