import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { auditPage, auditQuery } from "./audit.schemas.js";
import { listAuditEntries } from "./audit.service.js";

export const auditRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/audit",
    {
      config: { policy: policy.permission("audit:read") },
      schema: {
        tags: ["audit"],
        summary: "Audit log, newest first (a partner admin sees its own organisation's)",
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => listAuditEntries(ctx, actorOf(request), request.query),
  );
};
