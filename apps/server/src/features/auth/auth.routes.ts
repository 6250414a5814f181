import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { clearSessionCookie, setSessionCookie } from "../../platform/auth/cookie.js";
import { publicFormLimits } from "../../platform/http/rate-limits.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { loginBody, meResponse, resetConfirmBody, resetRequestBody, sessionInfo, signedInResponse } from "./auth.schemas.js";
import { confirmPasswordReset, profileOf, requestPasswordReset, revokeOwnSession, sessionsOf, signIn, signOut } from "./auth.service.js";

const tags = ["auth"];

export function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers["user-agent"] ?? "") };
}

export const authRoutes: RouteRegistrar = (app, ctx) => {
  app.post(
    "/api/v1/auth/login",
    {
      config: { policy: policy.public, rateLimit: publicFormLimits.login },
      schema: { tags, summary: "Sign in with email and password", body: loginBody, response: { 200: signedInResponse } },
    },
    async (request, reply) => {
      const result = await signIn(ctx, request.body, clientOf(request));
      setSessionCookie(reply, ctx.config, result.token);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.get(
    "/api/v1/auth/me",
    {
      config: { policy: policy.public },
      schema: { tags, summary: "The signed-in user and the CSRF token, or nulls", response: { 200: meResponse } },
    },
    async (request) => {
      const actor = request.actor;
      if (actor.kind !== "user") return { user: null, csrfToken: null };
      return { user: await profileOf(ctx.db, actor.userId), csrfToken: actor.csrfToken };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { config: { policy: policy.authenticated }, schema: { tags, summary: "Sign out of this session" } },
    async (request, reply) => {
      await signOut(ctx, actorOf(request), false);
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/v1/auth/logout-all",
    { config: { policy: policy.authenticated }, schema: { tags, summary: "Sign out of every session of this user" } },
    async (request, reply) => {
      await signOut(ctx, actorOf(request), true);
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/auth/sessions",
    {
      config: { policy: policy.authenticated },
      schema: { tags, summary: "This user's open sessions", response: { 200: z.object({ items: z.array(sessionInfo) }) } },
    },
    async (request) => ({ items: await sessionsOf(ctx, actorOf(request)) }),
  );

  app.delete(
    "/api/v1/auth/sessions/:id",
    {
      config: { policy: policy.authenticated },
      schema: { tags, summary: "End one of this user's sessions", params: z.object({ id: z.string().min(1).max(64) }) },
    },
    async (request, reply) => {
      await revokeOwnSession(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/v1/auth/password-reset/request",
    {
      config: { policy: policy.public, rateLimit: publicFormLimits.passwordReset },
      schema: { tags, summary: "Email a password-reset link (answers the same whether or not the email exists)", body: resetRequestBody },
    },
    async (request, reply) => {
      // Answered before any lookup or mail, so the response time does not tell whether the
      // email has an account; the work finishes after the reply (failures are logged and kept
      // in the outbox as failed sends).
      void requestPasswordReset(ctx, request.body.email).catch((error: unknown) =>
        request.log.error({ err: error }, "password reset request failed"),
      );
      return reply.status(202).send();
    },
  );

  app.post(
    "/api/v1/auth/password-reset/confirm",
    {
      config: { policy: policy.public, rateLimit: publicFormLimits.passwordReset },
      schema: { tags, summary: "Set a new password with a reset link's token", body: resetConfirmBody },
    },
    async (request, reply) => {
      await confirmPasswordReset(ctx, request.body);
      return reply.status(204).send();
    },
  );
};
