import type { FastifyRequest, RouteOptions } from "fastify";
import type { Db } from "../../db/database.js";
import { resolveApiToken } from "../auth/api-tokens.js";
import { safeEqual } from "../auth/secrets.js";
import { resolveSession, type SessionLifetimes } from "../auth/sessions.js";
import { forbidden, notFound, ProblemError, unauthenticated } from "../http/problem.js";
import type { TypedApp } from "../http/typed-app.js";
import { type Actor, type AuthenticatedActor, can, partnerScope } from "./actor.js";
import { type Policy, policy, type RegisteredRoute } from "./policy.js";

export const sessionCookie = "trellis_session";
export const docsPrefix = "/api/docs";
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
  }
}

export class MissingPolicyError extends Error {}

/**
 * Registers the default-deny access layer. Must be registered before any route: the onRoute
 * hook refuses a route without a policy, so the server cannot start with one.
 */
export function registerAccessControl(app: TypedApp, deps: { db: Db; lifetimes: SessionLifetimes; registry: RegisteredRoute[] }) {
  app.decorateRequest("actor", null, []);

  app.addHook("onRoute", (route: RouteOptions) => {
    // The API docs UI is a third-party plugin's routes: public by design, named here.
    if (route.url === docsPrefix || route.url.startsWith(`${docsPrefix}/`)) route.config = { ...route.config, policy: policy.public };
    const routePolicy = route.config?.policy;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === "HEAD" || m === "OPTIONS")) return;
    if (!routePolicy) throw new MissingPolicyError(`Route ${methods.join(",")} ${route.url} has no access policy`);
    for (const method of methods) {
      if (method !== "HEAD")
        deps.registry.push({
          method,
          url: route.url,
          policy: routePolicy,
          partnerParam: route.config?.partnerParam,
          hasBody: Boolean(route.schema?.body),
        });
    }
    if (routePolicy.kind !== "public" && route.schema) {
      route.schema = { ...route.schema, security: [{ session: [] }, { bearer: [] }] };
    }
  });

  app.addHook("onRequest", async (request) => {
    request.actor = await resolveActor(request, deps);
  });

  app.addHook("preValidation", async (request) => {
    const routePolicy = request.routeOptions.config?.policy;
    if (!routePolicy) return; // 404 handler and static files outside the API
    enforce(routePolicy, request);
    enforcePartnerParam(request);
  });
}

async function resolveActor(request: FastifyRequest, deps: { db: Db; lifetimes: SessionLifetimes }): Promise<Actor> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer ")) {
    const actor = await resolveApiToken(deps.db, authorization.slice("Bearer ".length).trim());
    if (actor.kind === "anonymous") throw new ProblemError(401, "invalid_token", "Invalid token", "The bearer token is not valid or was revoked");
    return actor;
  }
  const raw = request.cookies[sessionCookie];
  if (!raw) return { kind: "anonymous" };
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return { kind: "anonymous" };
  return resolveSession(deps.db, unsigned.value, deps.lifetimes);
}

function enforce(routePolicy: Policy, request: FastifyRequest): void {
  const actor = request.actor;
  const secretInUrl = routePolicy.kind === "public" && request.routeOptions.config?.secretInUrl === true;
  if (unsafeMethods.has(request.method) && !secretInUrl) {
    // Browsers mark cross-site requests; refuse them outright, signed in or not.
    if (request.headers["sec-fetch-site"] === "cross-site") throw new ProblemError(403, "csrf_failed", "Cross-site request refused");
    if (actor.kind === "user" && !safeEqual(String(request.headers["x-csrf-token"] ?? ""), actor.csrfToken)) {
      throw new ProblemError(403, "csrf_failed", "Missing or wrong CSRF token", "Send the X-CSRF-Token header from GET /api/v1/auth/me");
    }
  }
  if (routePolicy.kind === "public") return;
  if (actor.kind === "anonymous") throw unauthenticated();
  if (routePolicy.kind === "permission" && !can(actor, routePolicy.permission)) throw forbidden();
}

function enforcePartnerParam(request: FastifyRequest): void {
  const param = request.routeOptions.config?.partnerParam;
  const actor = request.actor;
  if (!param || actor.kind === "anonymous") return;
  const scope = partnerScope(actor);
  const requested = (request.params as Record<string, string | undefined>)[param];
  if (scope !== null && requested !== scope) throw notFound("Partner");
}

/** For handlers behind a non-public policy: the actor, typed as signed in. */
export function actorOf(request: FastifyRequest): AuthenticatedActor {
  const actor = request.actor;
  if (actor.kind === "anonymous") throw unauthenticated();
  return actor;
}
