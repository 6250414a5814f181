import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { updateVendorSettings as updateSchema, vendorSettings } from "./settings.schemas.js";
import { getVendorSettings, updateVendorSettings } from "./settings.service.js";

const tags = ["settings"];

export const settingsRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/settings",
    {
      config: { policy: policy.permission("settings:read") },
      schema: { tags, summary: "Vendor settings and partner capacity", response: { 200: vendorSettings } },
    },
    async () => getVendorSettings(ctx.db),
  );

  app.patch(
    "/api/v1/settings",
    {
      config: { policy: policy.permission("settings:write") },
      schema: { tags, summary: "Change vendor settings", body: updateSchema, response: { 200: vendorSettings } },
    },
    async (request) => updateVendorSettings(ctx, actorOf(request), request.body, request.id),
  );
};
