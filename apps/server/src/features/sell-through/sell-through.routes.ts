import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/types.js";
import { actorOf } from "../../platform/access/access.plugin.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { policy } from "../../platform/access/policy.js";
import type { AppContext } from "../../platform/context.js";
import { sendCsv } from "../../platform/http/csv.js";
import { type IdempotentResponse, idempotencyKeyHeader, withIdempotency } from "../../platform/http/idempotency.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { refreshFigures } from "../scorecards/refresh.service.js";
import { applySellThroughImport, exportSellThroughCsv, previewSellThroughImport, sellThroughCsvColumns } from "./sell-through.csv.js";
import {
  exportQuery,
  importQuery,
  lineQuery,
  marginsInput,
  marginsView,
  maxLinesPerBatch,
  partnerParams,
  type RecordResult,
  recordResult,
  sellThroughLinePage,
  sellThroughPost,
} from "./sell-through.schemas.js";
import { familyMargins, listSellThrough, recordLinesIn, setFamilyMargins } from "./sell-through.service.js";
import { summariseMonths } from "./sell-through-lines.js";

const tags = ["sell-through"];
// A partner admin reports and reads its own partner's sell-through only: another partner's id is 404.
const read = { policy: policy.permission("sales:read"), partnerParam: "partnerId" };
const report = { policy: policy.permission("sales:report"), partnerParam: "partnerId" };

const optionalKey = z.object({
  [idempotencyKeyHeader]: z
    .string()
    .optional()
    .describe(
      "Optional. A unique key per upload (e.g. a UUID): a retry with the same key and body returns the first answer instead of adding the lines twice",
    ),
});

/** The write in one transaction; with an Idempotency-Key, in the key's transaction so a retry cannot record twice. */
function inWriteTransaction(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: AuthenticatedActor,
  run: (trx: Kysely<Database>) => Promise<IdempotentResponse<RecordResult>>,
): Promise<IdempotentResponse<RecordResult>> {
  if (request.headers[idempotencyKeyHeader] !== undefined) return withIdempotency(ctx.db, request, reply, actor, run);
  return ctx.db.transaction().execute(run);
}

/**
 * After the lines commit: the scorecard figures of the months they touched. The lines are recorded
 * whatever happens here; the daily evaluation refreshes again, so a failure is logged, not answered.
 */
async function refreshTouched(ctx: AppContext, partnerId: string, result: RecordResult): Promise<void> {
  if (result.months.length === 0) return;
  try {
    await refreshFigures(ctx.db, { months: result.months.map((m) => m.month), partnerIds: [partnerId] });
  } catch (error) {
    ctx.log.error({ err: error, partnerId }, "refreshing the scorecard figures after sell-through failed");
  }
}

export const sellThroughRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/relationships/margins",
    {
      config: { policy: policy.permission("relationships:read") },
      schema: {
        tags,
        summary: "Gross margin per product family (basis points), and the default for families without one",
        response: { 200: marginsView },
      },
    },
    async () => familyMargins(ctx.db),
  );

  app.put(
    "/api/v1/relationships/margins",
    {
      config: { policy: policy.permission("relationships:configure") },
      schema: {
        tags,
        summary: "Set the margin of the families named (null: back to the default); the others stay",
        description: "Margins apply to all sell-through, past and future: the scorecards use today's margins.",
        body: marginsInput,
        response: { 200: marginsView },
      },
    },
    async (request) => setFamilyMargins(ctx, actorOf(request), request.body, request.id),
  );

  app.post(
    "/api/v1/partners/:partnerId/sell-through/import",
    {
      config: report,
      schema: {
        tags,
        summary: "Sell-through by CSV: ?mode=preview (the default) checks every row; ?mode=apply records every line or none",
        description:
          `Send text/csv with columns ${sellThroughCsvColumns.join(", ")} (currency, serials and end_customer optional). ` +
          "net_amount is a decimal in the reporting currency (1234.50); a return has a negative quantity and amount. " +
          `At most ${maxLinesPerBatch} rows. A preview answers 200 with every problem by row and column; ` +
          "an apply with any problem answers 400 import_failed with the rows and records nothing.",
        consumes: ["text/csv"],
        params: partnerParams,
        headers: optionalKey,
        querystring: importQuery,
        body: z.string().describe("CSV with a header row"),
        response: { 200: recordResult, 201: recordResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { partnerId } = request.params;
      if (request.query.mode === "preview") return previewSellThroughImport(ctx, actor, partnerId, request.body);
      const response = await inWriteTransaction(ctx, request, reply, actor, (trx) =>
        applySellThroughImport(trx, actor, partnerId, request.body, request.query.fileName ?? null, request.id),
      );
      await refreshTouched(ctx, partnerId, response.body);
      return reply.status(response.status as 201).send(response.body);
    },
  );

  app.post(
    "/api/v1/partners/:partnerId/sell-through",
    {
      config: report,
      schema: {
        tags,
        summary: "Report sell-through lines (JSON): every line or none",
        description:
          "netAmountMinor is in minor units of the reporting currency; a return has a negative quantity and amount. " +
          "Any bad line answers 400 naming body.lines.N.field, and nothing is recorded.",
        params: partnerParams,
        headers: optionalKey,
        body: sellThroughPost,
        response: { 201: recordResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { partnerId } = request.params;
      const response = await inWriteTransaction(ctx, request, reply, actor, async (trx) => {
        const batch = await recordLinesIn(trx, actor, partnerId, request.body.lines, "api", null, request.id);
        const body: RecordResult = {
          mode: "apply",
          batchId: batch.batchId,
          currency: batch.currency,
          rows: request.body.lines.length,
          lines: batch.lines,
          errors: [],
          months: summariseMonths(batch.rollup),
        };
        return { status: 201, body };
      });
      await refreshTouched(ctx, partnerId, response.body);
      return reply.status(response.status as 201).send(response.body);
    },
  );

  app.get(
    "/api/v1/partners/:partnerId/sell-through",
    {
      config: read,
      schema: {
        tags,
        summary: "The partner's sell-through lines, newest sale first",
        params: partnerParams,
        querystring: lineQuery,
        response: { 200: sellThroughLinePage },
      },
    },
    async (request) => listSellThrough(ctx, actorOf(request), request.params.partnerId, request.query),
  );

  app.get(
    "/api/v1/partners/:partnerId/sell-through.csv",
    {
      config: read,
      schema: {
        tags,
        summary: "The partner's sell-through lines as CSV (the import's columns), oldest sale first",
        params: partnerParams,
        querystring: exportQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const csv = await exportSellThroughCsv(ctx, actorOf(request), request.params.partnerId, request.query);
      return sendCsv(reply, "sell-through.csv", csv);
    },
  );
};
