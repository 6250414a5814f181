import { join } from "node:path";
import { isPartnerRole, type ProblemField } from "@trellis/shared";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, IncentiveClaimTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import type { IdempotentResponse } from "../../platform/http/idempotency.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, conflict, forbidden, notFound, ProblemError } from "../../platform/http/problem.js";
import type { FileToSend } from "../../platform/http/send-file.js";
import { uuidv7 } from "../../platform/ids.js";
import { receiveLibraryFile } from "../../platform/storage/file-upload.js";
import { findPdfActiveContent } from "../library/pdf.js";
import { claimDetailIn, toClaimSummary } from "./claim-detail.js";
import { currentScore, lockRep, type RepForClaim, repForClaim, scoreRows } from "./claim-scoring.js";
import { type ClaimDraft, type ClaimIssue, checkClaims } from "./claim-validation.js";
import {
  type ClaimScope,
  countPendingClaimsOf,
  findClaim,
  findClaimedSerials,
  insertClaim,
  insertScoreLines,
  listClaimRows,
  updateClaimRow,
} from "./claims.repository.js";
import type { ClaimDetail, ClaimInput, ClaimQuery, ClaimSummary } from "./claims.schemas.js";
import { getIncentiveSettings, type IncentiveSettings } from "./incentive-settings.service.js";
import { approveClaimIn } from "./review.service.js";

// Filing a claim: checked, scored with the rules in force on the sale date, stored with its serials
// (the unique index on active serials decides between simultaneous claims), and approved at once
// in the same transaction when it scores at or under the program's threshold.

export const maxInvoiceBytes = 10 * 1024 * 1024;

/** Reviewers see every claim; a partner admin its partner's; a rep its own; anyone else is refused. */
export function claimScope(actor: AuthenticatedActor): ClaimScope {
  if (!isPartnerRole(actor.role)) {
    if (can(actor, "incentives:review")) return { kind: "all" };
    throw forbidden("Claims are seen by their reps, their partner admins and the program's reviewers");
  }
  if (actor.kind !== "user" || !actor.partnerId || !can(actor, "incentives:claim")) throw forbidden("Only sales reps and partner admins file claims");
  return actor.role === "partner_admin" ? { kind: "partner", partnerId: actor.partnerId } : { kind: "rep", userId: actor.userId };
}

/** The partner user filing (by hand or by CSV); vendor users never file claims. */
export function filer(actor: AuthenticatedActor): { userId: string; partnerId: string; admin: boolean } {
  if (actor.kind !== "user" || !isPartnerRole(actor.role) || !actor.partnerId || !can(actor, "incentives:claim")) {
    throw forbidden("Claims are filed by the partner's sales reps and partner admins");
  }
  return { userId: actor.userId, partnerId: actor.partnerId, admin: actor.role === "partner_admin" };
}

/** A rep may be claimed for when it is an active sales rep or partner admin of the filer's partner. */
export async function claimableRep(db: Kysely<Database>, partnerId: string, userId: string): Promise<RepForClaim | undefined> {
  const rep = await repForClaim(db, userId);
  if (!rep || rep.partnerId !== partnerId || (rep.role !== "sales_rep" && rep.role !== "partner_admin")) return undefined;
  return rep;
}

/** Problems as one answer: bad input 400, then program rules 422, then serials already claimed 409. */
export function issuesProblem(issues: ClaimIssue[], pathOf: (issue: ClaimIssue) => string): ProblemError {
  const fields: ProblemField[] = issues.map((issue) => ({ path: pathOf(issue), message: issue.message }));
  if (issues.some((i) => i.kind === "input"))
    return new ProblemError(400, "validation_failed", "Invalid request", "The claim is not valid", { fields });
  if (issues.some((i) => i.kind === "business")) {
    return new ProblemError(422, "business_rule", "Not allowed by a business rule", issues.map((i) => i.message).join("; "), { fields });
  }
  return new ProblemError(409, "serial_claimed", "Serial already claimed", issues.map((i) => i.message).join("; "), { fields });
}

export const bodyPath = (issue: ClaimIssue) => `body.${issue.path.join(".")}`;

/** PostgreSQL's deadlock_detected: it rolled this transaction back so the other could go on. */
export const isDeadlock = (error: unknown): boolean => error instanceof Error && (error as Error & { code?: string }).code === "40P01";

/** When the unique index refused a serial (a simultaneous claim won): name the serials now held. */
export async function serialConflict(db: Kysely<Database>, lines: ClaimDraft["lines"]): Promise<ProblemError> {
  const claimed = await findClaimedSerials(
    db,
    lines.flatMap((line) => line.serials.map((serial) => ({ productId: line.productId, serial }))),
  );
  const issues: ClaimIssue[] = lines.flatMap((line, i) =>
    line.serials.flatMap((serial, j) =>
      claimed.has(`${line.productId}|${serial}`)
        ? [
            {
              claim: 0,
              path: ["lines", i, "serials", j],
              message: `${serial} has already been claimed: a serial earns points once`,
              kind: "claimed" as const,
            },
          ]
        : [],
    ),
  );
  return issues.length > 0
    ? issuesProblem(issues, bodyPath)
    : conflict("A serial of this claim was claimed at the same moment; try again", "serial_claimed");
}

export function draftOf(input: ClaimInput): ClaimDraft {
  return {
    invoiceNumber: input.invoiceNumber,
    invoiceDate: input.invoiceDate,
    endCustomer: input.endCustomer,
    lines: input.lines.map((line) => ({
      productId: line.productId,
      quantity: line.quantity,
      unitNetMinor: line.unitNetAmount.amountMinor,
      currency: line.unitNetAmount.currency,
      serials: line.serials,
    })),
  };
}

const autoApproves = (settings: IncentiveSettings, points: number) => settings.autoApproveUpToPoints > 0 && points <= settings.autoApproveUpToPoints;

/**
 * Stores one checked claim for the rep and approves it when it scores at or under the threshold.
 * The caller has checked it (checkClaims) in this same transaction.
 */
export async function fileClaimIn(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  submittedBy: string,
  rep: RepForClaim,
  draft: ClaimDraft,
  products: Map<string, { name: string; familyId: string }>,
  settings: IncentiveSettings,
  requestId: string,
  importId: string | null = null,
): Promise<IncentiveClaimTable> {
  await lockRep(trx, rep);
  const lines = draft.lines.map((line) => ({
    productId: line.productId,
    familyId: products.get(line.productId)?.familyId ?? "",
    productName: products.get(line.productId)?.name ?? "",
    units: line.quantity,
    unitNetMinor: line.unitNetMinor,
    currency: line.currency,
  }));
  const score = await currentScore(trx, rep, draft.invoiceDate, lines);
  const at = nowIso();
  const row: IncentiveClaimTable = {
    id: uuidv7(),
    partner_id: rep.partnerId,
    user_id: rep.id,
    submitted_by: submittedBy,
    invoice_number: draft.invoiceNumber,
    invoice_date: draft.invoiceDate,
    sale_month: draft.invoiceDate.slice(0, 7),
    end_customer: draft.endCustomer,
    status: "pending",
    points: score.points,
    auto_approved: 0,
    ledger_transaction_id: null,
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    reversed_by: null,
    reversed_at: null,
    reversal_reason: null,
    reversal_transaction_id: null,
    reversed_points: null,
    shortfall_points: null,
    invoice_key: null,
    invoice_content_type: null,
    invoice_file_name: null,
    invoice_size: null,
    import_id: importId,
    created_at: at,
    updated_at: at,
  };
  await insertClaim(
    trx,
    row,
    draft.lines.map((line, lineNo) => ({
      claim_id: row.id,
      line_no: lineNo,
      product_id: line.productId,
      quantity: line.quantity,
      unit_net_minor: line.unitNetMinor,
      currency: line.currency,
    })),
    draft.lines.flatMap((line, lineNo) =>
      line.serials.map((serial, position) => ({ claim_id: row.id, line_no: lineNo, position, product_id: line.productId, serial, active: 1 })),
    ),
  );
  await insertScoreLines(trx, scoreRows(row.id, score.lines));
  await recordAudit(
    trx,
    actor,
    {
      action: importId ? "incentive_claim.import" : "incentive_claim.submit",
      entityType: "incentive_claim",
      entityId: row.id,
      partnerId: row.partner_id,
      after: { repId: rep.id, invoiceNumber: row.invoice_number, invoiceDate: row.invoice_date, points: score.points, importId },
    },
    requestId,
  );
  if (autoApproves(settings, score.points)) {
    await approveClaimIn(trx, actor, row, { auto: true, note: null }, requestId, { rep, lines, score });
    return { ...row, status: "approved" };
  }
  return row;
}

/** POST /claims, inside the Idempotency-Key's transaction. */
export async function submitClaim(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  input: ClaimInput,
  requestId: string,
): Promise<IdempotentResponse<ClaimDetail>> {
  const who = filer(actor);
  const repId = input.repId ?? who.userId;
  if (repId !== who.userId && !who.admin) {
    throw badRequest("A sales rep files claims for itself", [{ path: "body.repId", message: "leave it out, or name yourself" }]);
  }
  const rep = await claimableRep(trx, who.partnerId, repId);
  if (!rep)
    throw badRequest("repId is not a sales rep or partner admin of your team", [
      { path: "body.repId", message: "not a member of your team who sells" },
    ]);
  const settings = await getIncentiveSettings(trx);
  const draft = draftOf(input);
  const { issues, products } = await checkClaims(trx, [draft], settings.claimWindowDays);
  if (issues.length > 0) throw issuesProblem(issues, bodyPath);
  const row = await fileClaimIn(trx, actor, who.userId, rep, draft, products, settings, requestId);
  return { status: 201, body: await claimDetailIn(trx, { kind: "all" }, row.id) };
}

export async function getClaim(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<ClaimDetail> {
  return claimDetailIn(ctx.db, claimScope(actor), id);
}

export async function listClaims(ctx: AppContext, actor: AuthenticatedActor, query: ClaimQuery): Promise<Page<ClaimSummary>> {
  const scope = claimScope(actor);
  const cursor = decodeCursor(query.cursor, 1);
  const afterId = cursor ? String(cursor[0]) : undefined;
  const rows = await listClaimRows(ctx.db, scope, {
    status: query.status,
    partnerId: query.partnerId,
    repId: query.repId,
    afterId,
    limit: query.limit,
  });
  return toPage(
    rows.map((row) => toClaimSummary(row, row.partner_name, row.rep_name)),
    query.limit,
    (claim) => [claim.id],
  );
}

/** A claim's invoice (PDF or image, typed by its bytes), by the rep or its partner admin. */
export async function uploadInvoice(ctx: AppContext, actor: AuthenticatedActor, id: string, request: FastifyRequest): Promise<ClaimDetail> {
  filer(actor);
  const scope = claimScope(actor);
  const claim = await findClaim(ctx.db, scope, id); // 404 before reading any bytes
  if (!claim) throw notFound("Claim");
  if (claim.status === "rejected" || claim.status === "reversed") throw conflict(`This claim is ${claim.status}`, "invalid_state");
  const received = await receiveLibraryFile(
    request,
    ctx.storage,
    { videoMaxBytes: maxInvoiceBytes, otherMaxBytes: maxInvoiceBytes },
    join(ctx.config.dataDir, "tmp"),
    {
      inspectPdf: findPdfActiveContent,
      refuseKind: (kind) =>
        kind === "pdf" || kind === "image"
          ? null
          : new ProblemError(415, "unsupported_media_type", "File type not accepted", "Attach the invoice as a PDF or an image"),
    },
  );
  await ctx.db.transaction().execute(async (trx) => {
    const values = {
      invoice_key: received.key,
      invoice_content_type: received.contentType,
      invoice_file_name: received.originalName,
      invoice_size: received.size,
      updated_at: nowIso(),
    };
    await updateClaimRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "incentive_claim.invoice",
        entityType: "incentive_claim",
        entityId: id,
        partnerId: claim.partner_id,
        before: { invoice_key: claim.invoice_key },
        after: values,
      },
      request.id,
    );
  });
  return claimDetailIn(ctx.db, scope, id);
}

export async function invoiceFile(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<FileToSend> {
  const claim = await findClaim(ctx.db, claimScope(actor), id);
  if (!claim) throw notFound("Claim");
  if (!claim.invoice_key || !claim.invoice_content_type) throw notFound("Invoice");
  return {
    key: claim.invoice_key,
    size: Number(claim.invoice_size ?? 0),
    contentType: claim.invoice_content_type,
    downloadName: claim.invoice_file_name ?? "invoice",
    disposition: claim.invoice_content_type === "application/pdf" || claim.invoice_content_type.startsWith("image/") ? "inline" : "attachment",
  };
}

/** For other features (a cut partner's offboarding): the partner's claims waiting for review. */
export async function pendingClaimCount(db: Kysely<Database>, partnerId: string): Promise<number> {
  return countPendingClaimsOf(db, partnerId);
}
