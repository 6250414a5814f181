import { z } from "zod";
import { isUniqueViolation } from "../../db/dialect.js";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { withIdempotency } from "../../platform/http/idempotency.js";
import { sendStoredFile } from "../../platform/http/send-file.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { claimDetail, claimInput, claimPage, claimQuery, importQuery, importResult } from "./claims.schemas.js";
import {
  draftOf,
  getClaim,
  invoiceFile,
  isDeadlock,
  listClaims,
  maxInvoiceBytes,
  serialConflict,
  submitClaim,
  uploadInvoice,
} from "./claims.service.js";
import { applyClaimImport, claimCsvColumns, importConflict, maxImportRows, previewClaimImport } from "./claims-import.js";
import { idempotencyHeaders } from "./ledger.schemas.js";

const tags = ["incentives"];
const idParams = z.object({ id: z.string().min(1).max(64) });
// The service scopes whose claims: a rep its own, a partner admin its team's, reviewers all; others 403.
const read = { policy: policy.permission("incentives:read") };
const claim = { policy: policy.permission("incentives:claim") };

export const claimRoutes: RouteRegistrar = (app, ctx) => {
  app.post(
    "/api/v1/incentives/claims",
    {
      config: claim,
      schema: {
        tags,
        summary: "Claim a sale (needs an Idempotency-Key: a claim scoring at or under the threshold is approved and paid at once)",
        description:
          "One serial per unit; each serial must match its product's pattern and may be claimed once ever (409 serial_claimed names it). " +
          "The product must have been on sale on the invoice date, which must be within the claim window and not in the future.",
        headers: idempotencyHeaders,
        body: claimInput,
        response: { 201: claimDetail },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      try {
        const response = await withIdempotency(ctx.db, request, reply, actor, (trx) => submitClaim(trx, actor, request.body, request.id));
        return reply.status(response.status as 201).send(response.body);
      } catch (error) {
        // PostgreSQL: a simultaneous claim of the same serial committed first and the unique index refused
        // ours, or two writers waiting on each other's serials were broken up (deadlock_detected).
        if (isUniqueViolation(error) || isDeadlock(error)) throw await serialConflict(ctx.db, draftOf(request.body).lines);
        throw error;
      }
    },
  );

  app.post(
    "/api/v1/incentives/claims/import",
    {
      config: claim,
      schema: {
        tags,
        summary: "Bulk claims by CSV (partner admins): ?dryRun=true previews; otherwise all claims or none (needs an Idempotency-Key)",
        description:
          `Send text/csv with columns ${claimCsvColumns.join(", ")} (unit_net_minor and currency optional: the list price when left out). ` +
          `One row per unit; the rows of one invoice_number form one claim. At most ${maxImportRows} rows. ` +
          "A dry run answers 200 with every problem by row and column, or the claims as they would be filed. " +
          "An apply with any problem answers 422 import_failed with the rows and changes nothing.",
        consumes: ["text/csv"],
        headers: idempotencyHeaders,
        querystring: importQuery,
        body: z.string().describe("CSV with a header row"),
        response: { 200: importResult, 201: importResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.query.dryRun === "true") return previewClaimImport(ctx, actor, request.body, request.id);
      try {
        const response = await withIdempotency(ctx.db, request, reply, actor, (trx) => applyClaimImport(trx, actor, request.body, request.id));
        return reply.status(response.status as 201).send(response.body);
      } catch (error) {
        throw await importConflict(ctx, actor, request.body, error);
      }
    },
  );

  app.get(
    "/api/v1/incentives/claims",
    {
      config: read,
      schema: {
        tags,
        summary: "Claims: the review queue (status=pending, oldest first) for reviewers, the team's for a partner admin, a rep's own",
        querystring: claimQuery,
        response: { 200: claimPage },
      },
    },
    async (request) => listClaims(ctx, actorOf(request), request.query),
  );

  app.get(
    "/api/v1/incentives/claims/:id",
    {
      config: read,
      schema: { tags, summary: "One claim with its lines, serials and the score explained", params: idParams, response: { 200: claimDetail } },
    },
    async (request) => getClaim(ctx, actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/incentives/claims/:id/invoice",
    {
      config: claim,
      schema: {
        tags,
        summary: `Attach the invoice (multipart field 'file': a PDF or an image, typed by its bytes, at most ${maxInvoiceBytes / 1024 / 1024} MB)`,
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 200: claimDetail },
      },
    },
    async (request) => uploadInvoice(ctx, actorOf(request), request.params.id, request),
  );

  app.get(
    "/api/v1/incentives/claims/:id/invoice",
    { config: read, schema: { tags, summary: "The claim's invoice file", params: idParams, produces: ["application/pdf", "image/*"] } },
    async (request, reply) => sendStoredFile(request, reply, ctx.storage, await invoiceFile(ctx, actorOf(request), request.params.id)),
  );
};
