import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { setSessionCookie } from "../../platform/auth/cookie.js";
import { publicFormLimits } from "../../platform/http/rate-limits.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { clientOf } from "../auth/auth.routes.js";
import { signedInResponse } from "../auth/auth.schemas.js";
import { acceptInvitation, getInvitationInfo } from "./invitations.service.js";
import {
  acceptInvitationBody,
  invitationInfo,
  invitationToken,
  user,
  userList,
  vendorUserInput,
  vendorUserPatch,
  vendorUserQuery,
} from "./users.schemas.js";
import {
  createScopedUser,
  deactivateScopedUser,
  getUser,
  listUsers,
  reactivateScopedUser,
  resendScopedInvitation,
  type UserScope,
  updateScopedUser,
} from "./users.service.js";

const tags = ["users"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const vendor: UserScope = { kind: "vendor" };
const vendorTarget = { scope: vendor, partnerName: null };
const manage = { policy: policy.permission("vendor_users:manage") };

/** The vendor's own users (partner staff live under /partners/:partnerId/staff) and invitations. */
export const userRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/users",
    {
      config: manage,
      schema: { tags, summary: "Vendor users, by name", querystring: vendorUserQuery, response: { 200: userList } },
    },
    async (request) => ({ items: await listUsers(ctx.db, vendor, request.query) }),
  );

  app.get(
    "/api/v1/users/:id",
    { config: manage, schema: { tags, summary: "One vendor user", params: idParams, response: { 200: user } } },
    async (request) => getUser(ctx.db, vendor, request.params.id),
  );

  app.post(
    "/api/v1/users",
    {
      config: manage,
      schema: { tags, summary: "Invite a vendor user (emails an invitation link)", body: vendorUserInput, response: { 201: user } },
    },
    async (request, reply) => reply.status(201).send(await createScopedUser(ctx, actorOf(request), vendorTarget, request.body, request.id)),
  );

  app.patch(
    "/api/v1/users/:id",
    {
      config: manage,
      schema: { tags, summary: "Rename a vendor user or change its role", params: idParams, body: vendorUserPatch, response: { 200: user } },
    },
    async (request) => updateScopedUser(ctx, actorOf(request), vendor, request.params.id, request.body, request.id),
  );

  app.post(
    "/api/v1/users/:id/deactivate",
    {
      config: manage,
      schema: { tags, summary: "Deactivate a vendor user and end its sessions at once", params: idParams, response: { 200: user } },
    },
    async (request) => deactivateScopedUser(ctx, actorOf(request), vendor, request.params.id, request.id),
  );

  app.post(
    "/api/v1/users/:id/reactivate",
    { config: manage, schema: { tags, summary: "Reactivate a vendor user", params: idParams, response: { 200: user } } },
    async (request) => reactivateScopedUser(ctx, actorOf(request), vendor, request.params.id, request.id),
  );

  app.post(
    "/api/v1/users/:id/resend-invitation",
    {
      config: manage,
      schema: { tags, summary: "Email a new invitation link; older links stop working", params: idParams, response: { 200: user } },
    },
    async (request) => resendScopedInvitation(ctx, actorOf(request), vendorTarget, request.params.id, request.id),
  );

  app.get(
    "/api/v1/invitations/:token",
    {
      config: { policy: policy.public, rateLimit: publicFormLimits.invitation },
      schema: {
        tags,
        summary: "What an invitation link is for (404 unknown or used, 410 expired)",
        params: z.object({ token: invitationToken }),
        response: { 200: invitationInfo },
      },
    },
    async (request) => getInvitationInfo(ctx, request.params.token),
  );

  app.post(
    "/api/v1/invitations/accept",
    {
      config: { policy: policy.public, rateLimit: publicFormLimits.invitation },
      schema: {
        tags,
        summary: "Accept an invitation: choose a password and sign in",
        body: acceptInvitationBody,
        response: { 200: signedInResponse },
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(ctx, request.body, clientOf(request), request.id);
      setSessionCookie(reply, ctx.config, result.token);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );
};
