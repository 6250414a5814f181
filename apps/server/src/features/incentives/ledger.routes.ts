import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { sendCsv } from "../../platform/http/csv.js";
import { withIdempotency } from "../../platform/http/idempotency.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { postAdjustment } from "./adjustments.service.js";
import { getIncentiveSettings, updateIncentiveSettings } from "./incentive-settings.service.js";
import {
  adjustmentInput,
  adjustmentResult,
  balanceQuery,
  costQuery,
  idempotencyHeaders,
  incentiveSettings,
  incentiveSettingsInput,
  partnerCostPage,
  repBalance,
  statementCsvQuery,
  statementPage,
  statementQuery,
} from "./ledger.schemas.js";
import { incentiveCostReport } from "./ledger-reports.service.js";
import { balanceFor, statementCsv, statementFor } from "./statements.service.js";

const tags = ["incentives"];
// Every role reads the program; the statements service scopes whose figures (own, team, anyone).
const read = { policy: policy.permission("incentives:read") };

export const ledgerRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/incentives/settings",
    { config: read, schema: { tags, summary: "The program's point value, expiry and claim rules", response: { 200: incentiveSettings } } },
    async () => getIncentiveSettings(ctx.db),
  );
  app.put(
    "/api/v1/incentives/settings",
    {
      config: { policy: policy.permission("incentives:configure") },
      schema: {
        tags,
        summary: "Change the program's settings (only the fields sent; audited)",
        body: incentiveSettingsInput,
        response: { 200: incentiveSettings },
      },
    },
    async (request) => updateIncentiveSettings(ctx, actorOf(request), request.body, request.id),
  );

  app.post(
    "/api/v1/incentives/adjustments",
    {
      config: { policy: policy.permission("incentives:adjust") },
      schema: {
        tags,
        summary: "Add or take away a rep's points by hand, with a reason and a second approver (needs an Idempotency-Key)",
        headers: idempotencyHeaders,
        body: adjustmentInput,
        response: { 201: adjustmentResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const response = await withIdempotency(ctx.db, request, reply, actor, (trx) => postAdjustment(trx, actor, request.body, request.id));
      return reply.status(response.status as 201).send(response.body);
    },
  );

  app.get(
    "/api/v1/incentives/balance",
    {
      config: read,
      schema: {
        tags,
        summary: "A rep's points: available, reserved, earned ever (yours unless userId)",
        querystring: balanceQuery,
        response: { 200: repBalance },
      },
    },
    async (request) => balanceFor(ctx.db, actorOf(request), request.query.userId),
  );
  app.get(
    "/api/v1/incentives/statement",
    {
      config: read,
      schema: {
        tags,
        summary: "Every movement of a rep's points, newest first, with the running balance (yours unless userId)",
        querystring: statementQuery,
        response: { 200: statementPage },
      },
    },
    async (request) => statementFor(ctx.db, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/incentives/statement.csv",
    {
      config: read,
      schema: { tags, summary: "The whole statement as CSV, newest first", querystring: statementCsvQuery, produces: ["text/csv"] },
    },
    async (request, reply) => sendCsv(reply, "points-statement.csv", await statementCsv(ctx.db, actorOf(request), request.query.userId)),
  );
  app.get(
    "/api/v1/incentives/cost",
    {
      config: { policy: policy.permission("incentives:analytics") },
      schema: {
        tags,
        summary: "Points earned, redeemed and expired per partner per month, and the earned points' value: the program's cost per partner",
        querystring: costQuery,
        response: { 200: partnerCostPage },
      },
    },
    async (request) => incentiveCostReport(ctx.db, request.query),
  );
};
