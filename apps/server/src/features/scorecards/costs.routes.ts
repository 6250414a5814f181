import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { sendCsv } from "../../platform/http/csv.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  costExportQuery,
  costImportQuery,
  costImportResult,
  costLine,
  costLineInput,
  costLinePage,
  costLineQuery,
  voidInput,
} from "./costs.schemas.js";
import { createCostLine, listCostLines, voidCostLine } from "./costs.service.js";
import { applyCostImport, costCsvColumns, exportCostLinesCsv, maxCostImportRows, previewCostImport } from "./costs-import.js";
import { refreshAfterChange } from "./refresh.service.js";

const tags = ["relationships"];
const partnerParams = z.object({ partnerId: z.string().min(1).max(64) });
const lineParams = partnerParams.extend({ id: z.string().min(1).max(64) });
// Cost lines are the vendor's own figures: vendor roles only (partner roles hold neither permission).
const read = policy.permission("relationships:read");
const costs = policy.permission("relationships:costs");

export const costRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/partners/:partnerId/cost-lines",
    {
      config: { policy: read, partnerParam: "partnerId" },
      schema: {
        tags,
        summary: "A partner's cost lines, newest first; voided lines stay listed, marked",
        params: partnerParams,
        querystring: costLineQuery,
        response: { 200: costLinePage },
      },
    },
    async (request) => listCostLines(ctx, request.params.partnerId, request.query),
  );

  app.post(
    "/api/v1/partners/:partnerId/cost-lines",
    {
      config: { policy: costs, partnerParam: "partnerId" },
      schema: {
        tags,
        summary: "Record money or hours spent on a partner",
        description:
          "marketing_funds, training and other lines need an amount (other also a label); channel_manager lines need hours, and " +
          "their amount defaults to hours x the channel-manager cost per hour of the relationship settings. Training may carry " +
          "instructor hours. Amounts are in the reporting currency. Source: manual from a session, api from an API token.",
        params: partnerParams,
        body: costLineInput,
        response: { 201: costLine },
      },
    },
    async (request, reply) => {
      const line = await createCostLine(ctx, actorOf(request), request.params.partnerId, request.body, request.id);
      await refreshAfterChange(ctx, [{ partnerId: line.partnerId, month: line.spentOn.slice(0, 7) }]);
      return reply.status(201).send(line);
    },
  );

  app.post(
    "/api/v1/partners/:partnerId/cost-lines/:id/void",
    {
      config: { policy: costs, partnerParam: "partnerId" },
      schema: {
        tags,
        summary: "Void a cost line: it stays listed, marked with the reason, and leaves the figures (409 when voided already)",
        params: lineParams,
        body: voidInput,
        response: { 200: costLine },
      },
    },
    async (request) => {
      const line = await voidCostLine(ctx, actorOf(request), request.params.partnerId, request.params.id, request.body.reason, request.id);
      await refreshAfterChange(ctx, [{ partnerId: line.partnerId, month: line.spentOn.slice(0, 7) }]);
      return line;
    },
  );

  app.post(
    "/api/v1/relationships/cost-lines/import",
    {
      config: { policy: costs },
      schema: {
        tags,
        summary: "Cost lines by CSV: ?mode=preview checks the file and changes nothing; ?mode=apply writes every line or none",
        description:
          `Send text/csv with columns ${costCsvColumns.join(", ")} (partner, date, category and purpose required; partner is ` +
          `the partner's id or exact name; currency, when given, must be the reporting currency). At most ${maxCostImportRows} rows. ` +
          "A preview answers 200 with every problem by row and column. An apply with any problem answers 400 import_failed " +
          "with the rows and changes nothing; otherwise 201 with the lines written.",
        consumes: ["text/csv"],
        querystring: costImportQuery,
        body: z.string().describe("CSV with a header row"),
        response: { 200: costImportResult, 201: costImportResult },
      },
    },
    async (request, reply) => {
      if (request.query.mode === "preview") return previewCostImport(ctx, request.body);
      const result = await applyCostImport(ctx, actorOf(request), request.body, request.id);
      await refreshAfterChange(
        ctx,
        result.lines.map((line) => ({ partnerId: line.partnerId, month: line.spentOn.slice(0, 7) })),
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    "/api/v1/relationships/cost-lines.csv",
    {
      config: { policy: read },
      schema: {
        tags,
        summary: "Cost lines as CSV (voided ones too, with the reason), oldest first",
        querystring: costExportQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => sendCsv(reply, "cost-lines.csv", await exportCostLinesCsv(ctx, request.query)),
  );
};
