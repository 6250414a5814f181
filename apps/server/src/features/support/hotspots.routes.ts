import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { hotspotQuery, hotspotReport } from "./hotspots.schemas.js";
import { supportHotspots } from "./hotspots.service.js";

const tags = ["support"];

export const hotspotRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/support/hotspots",
    {
      config: { policy: policy.permission("support:analytics") },
      schema: {
        tags,
        summary: "Problem hot-spots: tickets, hours and partners per product, firmware or known problem, month by month",
        querystring: hotspotQuery,
        response: { 200: hotspotReport },
      },
    },
    async (request) => supportHotspots(ctx, request.query),
  );
};
