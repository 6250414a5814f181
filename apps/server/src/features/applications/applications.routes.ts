import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { publicFormLimits } from "../../platform/http/rate-limits.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  application,
  applicationInput,
  applicationPage,
  applicationQuery,
  approveBody,
  approved,
  declineBody,
  submitted,
} from "./applications.schemas.js";
import { approveApplication, declineApplication, getApplication, listApplications, submitApplication } from "./applications.service.js";

const tags = ["applications"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const review = { policy: policy.permission("applications:review") };

export const applicationRoutes: RouteRegistrar = (app, ctx) => {
  app.post(
    "/api/v1/applications",
    {
      config: { policy: policy.public, rateLimit: publicFormLimits.application },
      schema: { tags, summary: "Apply to become a partner (public; mails a receipt)", body: applicationInput, response: { 201: submitted } },
    },
    async (request, reply) => reply.status(201).send(await submitApplication(ctx, request.body, request.id)),
  );

  app.get(
    "/api/v1/applications",
    {
      config: review,
      schema: { tags, summary: "Partner applications, newest first", querystring: applicationQuery, response: { 200: applicationPage } },
    },
    async (request) => listApplications(ctx.db, request.query),
  );

  app.get(
    "/api/v1/applications/:id",
    { config: review, schema: { tags, summary: "One partner application", params: idParams, response: { 200: application } } },
    async (request) => getApplication(ctx.db, request.params.id),
  );

  app.post(
    "/api/v1/applications/:id/approve",
    {
      config: review,
      schema: {
        tags,
        summary: "Approve: creates the partner (active) and invites the principal as partner admin",
        description: "422 capacity_reached when the supported partner capacity is full, unless a vendor admin gives overrideReason.",
        params: idParams,
        body: approveBody,
        response: { 200: approved },
      },
    },
    async (request) => approveApplication(ctx, actorOf(request), request.params.id, request.body, request.id),
  );

  app.post(
    "/api/v1/applications/:id/decline",
    {
      config: review,
      schema: {
        tags,
        summary: "Decline with a reason (mailed to the applicant)",
        params: idParams,
        body: declineBody,
        response: { 200: application },
      },
    },
    async (request) => declineApplication(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
};
