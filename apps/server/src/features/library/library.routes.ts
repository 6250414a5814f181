import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { dispositionHeader, sendStoredFile } from "../../platform/http/send-file.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { sendImage } from "../../platform/storage/upload.js";
import { addPageVersion, createAsset, updateAsset } from "./asset-editing.service.js";
import { cobrandedCopy } from "./cobrand.service.js";
import { addFileVersion, assetContent, libraryImage, markOpened, recordUsage, uploadLibraryImage } from "./content.service.js";
import { createKit, deleteKit, getKit, kitArchive, listKits, updateKit } from "./kits.service.js";
import {
  assetDetail,
  assetInput,
  assetPage,
  assetPatch,
  assetQuery,
  assetUsageRow,
  contentQuery,
  engagementQuery,
  engagementRow,
  kit,
  kitInput,
  kitList,
  kitPatch,
  libraryImage as libraryImageSchema,
  pageVersionInput,
  partnerUsageRow,
  repUsageRow,
  unusedAsset,
  usageQuery,
  usageSeries,
} from "./library.schemas.js";
import { getAssetDetail, listAssets } from "./library.service.js";
import { warmPdfJs } from "./pdf.js";
import {
  assetsUnusedFor,
  assetUsage,
  libraryEngagement,
  usageByAsset,
  usageByPartner,
  usageByRep,
  usageSeries as usageSeriesOf,
} from "./usage.service.js";

const tags = ["library"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const read = { policy: policy.permission("library:read") };
const write = { policy: policy.permission("library:write") };
const analytics = { policy: policy.permission("library:analytics") };
const fileResponse = { description: "The file's bytes; 206 for a Range request, 416 for an unsatisfiable one" };

export const libraryRoutes: RouteRegistrar = (app, ctx) => {
  warmPdfJs();
  app.get(
    "/api/v1/library/assets",
    {
      config: read,
      schema: {
        tags,
        summary: "Browse and search the sales library (partners: published assets meant for them)",
        querystring: assetQuery,
        response: { 200: assetPage },
      },
    },
    async (request) => listAssets(ctx, actorOf(request), request.query),
  );
  app.post(
    "/api/v1/library/assets",
    { config: write, schema: { tags, summary: "Create an asset (a draft until published)", body: assetInput, response: { 201: assetDetail } } },
    async (request, reply) => reply.status(201).send(await createAsset(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/library/assets/:id",
    { config: read, schema: { tags, summary: "One asset with its versions", params: idParams, response: { 200: assetDetail } } },
    async (request) => getAssetDetail(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/library/assets/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Change an asset's details, audience, co-branding or status",
        params: idParams,
        body: assetPatch,
        response: { 200: assetDetail },
      },
    },
    async (request) => updateAsset(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/library/assets/:id/file",
    {
      config: write,
      schema: {
        tags,
        summary: "Upload a new file version (multipart field 'file', optional field 'note')",
        description:
          "The type is decided from the bytes: PDF, PNG/JPEG/WebP/GIF, MP4/WebM/QuickTime, office documents. Executables, HTML, SVG and PDFs with JavaScript or launch actions: 415. Over the size limit: 413.",
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 200: assetDetail },
      },
    },
    async (request) => addFileVersion(ctx, actorOf(request), request.params.id, request),
  );
  app.post(
    "/api/v1/library/assets/:id/page",
    {
      config: write,
      schema: { tags, summary: "Save a new version of a page asset", params: idParams, body: pageVersionInput, response: { 200: assetDetail } },
    },
    async (request) => addPageVersion(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/library/assets/:id/opened",
    {
      config: read,
      schema: { tags, summary: "The caller opened the asset: counts a view and clears 'updated since you last opened it'", params: idParams },
    },
    async (request, reply) => {
      await markOpened(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/library/assets/:id/content",
    {
      config: read,
      schema: {
        tags,
        summary: "The asset's bytes, inline for viewing (Range requests for seeking) or as a download",
        params: idParams,
        querystring: contentQuery,
        description: fileResponse.description,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { asset, content } = await assetContent(ctx, actor, request.params.id, request.query);
      // A download is counted once, on the GET that starts at the first byte (a HEAD fetches no bytes).
      if (request.query.download && !request.headers.range && request.method === "GET") await recordUsage(ctx, actor, asset, "download");
      return sendStoredFile(request, reply, ctx.storage, { ...content, disposition: request.query.download ? "attachment" : "inline" });
    },
  );
  app.get(
    "/api/v1/library/assets/:id/cobranded",
    {
      config: read,
      schema: {
        tags,
        summary: "The PDF stamped with the caller's partner logo and contact block and the caller's name (vendor users: a sample preview)",
        params: idParams,
        description: fileResponse.description,
      },
    },
    async (request, reply) => {
      // Counted on the GET that starts at the first byte; a HEAD or a later range fetches no new copy.
      const countUse = request.method === "GET" && !request.headers.range;
      const { content } = await cobrandedCopy(ctx, actorOf(request), request.params.id, { countUse });
      return sendStoredFile(request, reply, ctx.storage, { ...content, disposition: "attachment" });
    },
  );
  app.get(
    "/api/v1/library/assets/:id/usage",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Views and downloads of one asset per day",
        params: idParams,
        querystring: usageQuery,
        response: { 200: usageSeries },
      },
    },
    async (request) => assetUsage(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    "/api/v1/library/images",
    {
      config: write,
      schema: {
        tags,
        summary: "Upload an image to place in a page asset (multipart field 'file': PNG, JPEG, WebP or GIF)",
        consumes: ["multipart/form-data"],
        response: { 201: libraryImageSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadLibraryImage(ctx, actorOf(request), request)),
  );
  app.get(
    "/api/v1/library/images/:key",
    { config: read, schema: { tags, summary: "An image placed in a page asset", params: z.object({ key: z.string().regex(/^[0-9a-f]{64}$/) }) } },
    async (request, reply) => {
      const image = await libraryImage(ctx, request.params.key);
      return sendImage(reply, ctx.storage, image.key, image.contentType);
    },
  );

  app.get(
    "/api/v1/library/kits",
    {
      config: read,
      schema: { tags, summary: "Kits: named groups of assets (partners: published kits with assets meant for them)", response: { 200: kitList } },
    },
    async (request) => ({ items: await listKits(ctx, actorOf(request)) }),
  );
  app.post(
    "/api/v1/library/kits",
    { config: write, schema: { tags, summary: "Create a kit", body: kitInput, response: { 201: kit } } },
    async (request, reply) => reply.status(201).send(await createKit(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/library/kits/:id",
    { config: read, schema: { tags, summary: "One kit", params: idParams, response: { 200: kit } } },
    async (request) => getKit(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/library/kits/:id",
    {
      config: write,
      schema: { tags, summary: "Change a kit (assetIds replaces the list, in order)", params: idParams, body: kitPatch, response: { 200: kit } },
    },
    async (request) => updateKit(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.delete(
    "/api/v1/library/kits/:id",
    { config: write, schema: { tags, summary: "Delete a kit (its assets stay)", params: idParams } },
    async (request, reply) => {
      await deleteKit(ctx, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/library/kits/:id/download",
    {
      config: read,
      schema: { tags, summary: "The kit as one ZIP of the assets meant for the caller", params: idParams, description: fileResponse.description },
    },
    async (request, reply) => {
      const { fileName, stream } = await kitArchive(ctx, actorOf(request), request.params.id, { countUse: request.method === "GET" });
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", dispositionHeader(fileName, "attachment"))
        .header("cache-control", "private, no-store")
        .header("x-content-type-options", "nosniff")
        .send(stream);
    },
  );

  app.get(
    "/api/v1/library/analytics/overview",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Library use per day (partner users' views, downloads, co-branded downloads)",
        querystring: usageQuery,
        response: { 200: usageSeries },
      },
    },
    async (request) => usageSeriesOf(ctx.db, request.query),
  );
  app.get(
    "/api/v1/library/analytics/assets",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Use per asset in the period, most used first",
        querystring: usageQuery,
        response: { 200: z.object({ items: z.array(assetUsageRow) }) },
      },
    },
    async (request) => ({ items: await usageByAsset(ctx.db, request.query) }),
  );
  app.get(
    "/api/v1/library/analytics/partners",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Use per partner in the period, with its active reps",
        querystring: usageQuery,
        response: { 200: z.object({ items: z.array(partnerUsageRow) }) },
      },
    },
    async (request) => ({ items: await usageByPartner(ctx.db, request.query) }),
  );
  app.get(
    "/api/v1/library/analytics/partners/:partnerId/reps",
    {
      config: { ...analytics, partnerParam: "partnerId" },
      schema: {
        tags,
        summary: "Use per rep of one partner in the period",
        params: z.object({ partnerId: z.string().min(1).max(64) }),
        querystring: usageQuery,
        response: { 200: z.object({ items: z.array(repUsageRow) }) },
      },
    },
    async (request) => ({ items: await usageByRep(ctx.db, request.params.partnerId, request.query) }),
  );
  app.get(
    "/api/v1/library/analytics/unused",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Published assets no partner used in the last `days` days",
        querystring: z.object({ days: z.coerce.number().int().min(1).max(730).default(90) }),
        response: { 200: z.object({ items: z.array(unusedAsset) }) },
      },
    },
    async (request) => ({ items: await assetsUnusedFor(ctx.db, request.query.days) }),
  );
  app.get(
    "/api/v1/library/analytics/engagement",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Per partner, the share of its active users who used the library in the month (default: this month)",
        querystring: engagementQuery,
        response: { 200: z.object({ items: z.array(engagementRow) }) },
      },
    },
    async (request) => ({ items: await libraryEngagement(ctx.db, { month: request.query.month }) }),
  );
};
