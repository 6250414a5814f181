import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { sendCsv } from "../../platform/http/csv.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { partnerReviewPdf, portfolioCsvFile, scorecardCsvFile } from "./exports.service.js";
import { partnerParams, periodQuery } from "./scorecards.schemas.js";

const tags = ["relationships"];
// A partner admin holds scorecards:read; partnerScorecard answers 404 unless the vendor shows
// partners their own card, and always for another partner's.
const scorecardRead = { policy: policy.permission("scorecards:read"), partnerParam: "partnerId" };

export const scorecardExportRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/relationships/portfolio.csv",
    {
      config: { policy: policy.permission("relationships:read") },
      schema: {
        tags,
        summary: "The portfolio as CSV: one row per partner with its figures, health, quadrant, open flags and decision",
        description: "Money is a decimal number in the reporting currency (the currency column); return on resources is a ratio (2.5 = 2.5x).",
        querystring: periodQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const file = await portfolioCsvFile(ctx.db, request.query);
      return sendCsv(reply, file.fileName, file.csv);
    },
  );

  app.get(
    "/api/v1/partners/:partnerId/scorecard.csv",
    {
      config: scorecardRead,
      schema: {
        tags,
        summary: "A partner's scorecard as CSV: period figures, resources, health components and the 24-month trend",
        description:
          "One table in sections (column section): partner, period (with the prior period), resources, health, sources, flags, trend. " +
          '"not measured" marks a source with no data; it is never written as 0.',
        params: partnerParams,
        querystring: periodQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const file = await scorecardCsvFile(ctx.db, actorOf(request), request.params.partnerId, request.query);
      return sendCsv(reply, file.fileName, file.csv);
    },
  );

  app.get(
    "/api/v1/partners/:partnerId/review.pdf",
    {
      config: scorecardRead,
      schema: {
        tags,
        summary: "A one-page partner review (PDF) for a quarterly business review",
        description:
          "Key figures against the prior period, resources by category, health with its components, 24 months of net contribution, " +
          "open flags, the joint business plan's fulfilment and, for vendor roles, the open decision with its actions.",
        params: partnerParams,
        querystring: periodQuery,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) => {
      const pdf = await partnerReviewPdf(ctx, actorOf(request), request.params.partnerId, request.query);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="${pdf.fileName}"`)
        .header("cache-control", "private, no-store")
        .send(Buffer.from(pdf.bytes));
    },
  );
};
