import type { Kysely } from "kysely";
import type { Database, IncentiveClaimTable } from "../../db/types.js";
import { notFound } from "../../platform/http/problem.js";
import { type ClaimScope, findClaim, findClaimLines, findClaimSerials, findNames, findScoreLines } from "./claims.repository.js";
import type { ClaimDetail, ClaimSummary } from "./claims.schemas.js";

// A claim as the API shows it. Takes any handle: the root db, or the transaction of the request
// that changed it (an idempotent response is built inside its transaction).

type Names = Awaited<ReturnType<typeof findNames>>;

const personOf = (names: Names, id: string | null) => (id ? { id, name: names.users.get(id)?.name ?? "" } : null);

export function toClaimSummary(row: IncentiveClaimTable, partnerName: string, repName: string): ClaimSummary {
  return {
    id: row.id,
    partner: { id: row.partner_id, name: partnerName },
    rep: { id: row.user_id, name: repName },
    invoiceNumber: row.invoice_number,
    invoiceDate: row.invoice_date,
    endCustomer: row.end_customer,
    status: row.status,
    points: Number(row.points),
    autoApproved: Number(row.auto_approved) === 1,
    createdAt: row.created_at,
  };
}

export async function claimDetailIn(db: Kysely<Database>, scope: ClaimScope, id: string): Promise<ClaimDetail> {
  const row = await findClaim(db, scope, id);
  if (!row) throw notFound("Claim");
  const people = [row.user_id, row.submitted_by, row.decided_by, row.reversed_by].filter((v): v is string => v !== null);
  const names = await findNames(db, [...new Set(people)], [row.partner_id]);
  const serials = await findClaimSerials(db, id);
  const lines = (await findClaimLines(db, id)).map((line) => ({
    lineNo: Number(line.line_no),
    productId: line.product_id,
    sku: line.sku,
    productName: line.product_name,
    quantity: Number(line.quantity),
    unitNetAmount: { amountMinor: Number(line.unit_net_minor), currency: line.currency },
    serials: serials.filter((s) => Number(s.line_no) === Number(line.line_no)).map((s) => s.serial),
  }));
  const score = (await findScoreLines(db, id)).map((line) => ({
    ruleId: line.rule_id,
    version: Number(line.version),
    ruleName: line.rule_name,
    productId: line.product_id,
    units: Number(line.units),
    points: Number(line.points),
    why: line.why,
  }));
  return {
    ...toClaimSummary(row, names.partners.get(row.partner_id) ?? "", names.users.get(row.user_id)?.name ?? ""),
    submittedBy: personOf(names, row.submitted_by) ?? { id: row.submitted_by, name: "" },
    lines,
    score,
    invoice:
      row.invoice_key && row.invoice_content_type
        ? {
            fileName: row.invoice_file_name ?? "invoice",
            contentType: row.invoice_content_type,
            size: Number(row.invoice_size ?? 0),
            url: `/api/v1/incentives/claims/${row.id}/invoice`,
          }
        : null,
    decidedBy: personOf(names, row.decided_by),
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    reversedBy: personOf(names, row.reversed_by),
    reversedAt: row.reversed_at,
    reversalReason: row.reversal_reason,
    reversedPoints: row.reversed_points === null ? null : Number(row.reversed_points),
    shortfallPoints: row.shortfall_points === null ? null : Number(row.shortfall_points),
    ledgerTransactionId: row.ledger_transaction_id,
    reversalTransactionId: row.reversal_transaction_id,
    updatedAt: row.updated_at,
  };
}
