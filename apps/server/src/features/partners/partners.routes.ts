import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { sendCsv } from "../../platform/http/csv.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { receiveImage, sendImage } from "../../platform/storage/upload.js";
import { auditPage } from "../audit/audit.schemas.js";
import { assertCanChangeLogo, partnerLogo, savePartnerLogo } from "./partner-logos.service.js";
import { exportPartnersCsv, importPartnersCsv } from "./partners.csv.js";
import {
  activityQuery,
  importResult,
  partner,
  partnerCreate,
  partnerExportQuery,
  partnerListQuery,
  partnerPage,
  partnerPatch,
  partnerSummary,
} from "./partners.schemas.js";
import {
  archivePartner,
  createPartner,
  getPartner,
  getPartnerSummary,
  listPartners,
  partnerActivity,
  restorePartner,
  updatePartner,
} from "./partners.service.js";

const tags = ["partners"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const read = policy.permission("partners:read");
const write = policy.permission("partners:write");

export const partnerRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/partners",
    {
      config: { policy: read },
      schema: { tags, summary: "Partners (a partner-side user sees only its own)", querystring: partnerListQuery, response: { 200: partnerPage } },
    },
    async (request) => listPartners(ctx, actorOf(request), request.query),
  );

  app.get(
    "/api/v1/partners/summary",
    {
      config: { policy: read },
      schema: { tags, summary: "Active partners against the supported capacity, and counts by status", response: { 200: partnerSummary } },
    },
    async (request) => getPartnerSummary(ctx, actorOf(request)),
  );

  app.get(
    "/api/v1/partners/export.csv",
    {
      config: { policy: read },
      schema: {
        tags,
        summary: "Partners as CSV, with the list's filters and no paging",
        querystring: partnerExportQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => sendCsv(reply, "partners.csv", await exportPartnersCsv(ctx, actorOf(request), request.query)),
  );

  app.post(
    "/api/v1/partners/import",
    {
      config: { policy: policy.permission("partners:import") },
      schema: {
        tags,
        summary: "Create or update partners from CSV (the export's columns); all rows or none",
        consumes: ["text/csv"],
        body: z.string().describe("CSV with a header row"),
        response: { 200: importResult },
      },
    },
    async (request) => importPartnersCsv(ctx, actorOf(request), request.body, request.id),
  );

  app.post(
    "/api/v1/partners",
    { config: { policy: write }, schema: { tags, summary: "Create a partner", body: partnerCreate, response: { 201: partner } } },
    async (request, reply) => reply.status(201).send(await createPartner(ctx, actorOf(request), request.body, request.id)),
  );

  app.get(
    "/api/v1/partners/:id",
    { config: { policy: read, partnerParam: "id" }, schema: { tags, summary: "One partner", params: idParams, response: { 200: partner } } },
    async (request) => getPartner(ctx.db, actorOf(request), request.params.id),
  );

  app.patch(
    "/api/v1/partners/:id",
    {
      config: { policy: write, partnerParam: "id" },
      schema: { tags, summary: "Change a partner", params: idParams, body: partnerPatch, response: { 200: partner } },
    },
    async (request) => updatePartner(ctx, actorOf(request), request.params.id, request.body, request.id),
  );

  app.delete(
    "/api/v1/partners/:id",
    { config: { policy: write, partnerParam: "id" }, schema: { tags, summary: "Archive a partner (never deleted)", params: idParams } },
    async (request, reply) => {
      await archivePartner(ctx, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/v1/partners/:id/restore",
    {
      config: { policy: write, partnerParam: "id" },
      schema: { tags, summary: "Bring an archived partner back, as a prospect", params: idParams, response: { 200: partner } },
    },
    async (request) => restorePartner(ctx, actorOf(request), request.params.id, request.id),
  );

  // partners:read to enter; the service then allows vendor users with partners:write and the partner's own admin.
  app.put(
    "/api/v1/partners/:id/logo",
    {
      config: { policy: read, partnerParam: "id" },
      schema: {
        tags,
        summary: "Upload the partner's logo (multipart field 'file': PNG, JPEG, WebP or GIF)",
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 200: partner },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertCanChangeLogo(ctx.db, actor, request.params.id);
      const image = await receiveImage(request, ctx.storage);
      return savePartnerLogo(ctx, actor, request.params.id, image, request.id);
    },
  );

  app.get(
    "/api/v1/partners/:id/logo",
    { config: { policy: read, partnerParam: "id" }, schema: { tags, summary: "The partner's logo image", params: idParams, produces: ["image/*"] } },
    async (request, reply) => {
      const logo = await partnerLogo(ctx, actorOf(request), request.params.id);
      return sendImage(reply, ctx.storage, logo.key, logo.contentType);
    },
  );

  app.get(
    "/api/v1/partners/:id/activity",
    {
      config: { policy: read, partnerParam: "id" },
      schema: {
        tags,
        summary: "The partner's audit trail (vendor users and the partner's admin)",
        params: idParams,
        querystring: activityQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => partnerActivity(ctx, actorOf(request), request.params.id, request.query),
  );
};
