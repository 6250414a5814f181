import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, IncentiveClaimTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { IdempotentResponse } from "../../platform/http/idempotency.js";
import { businessRule, conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { claimDetailIn } from "./claim-detail.js";
import { finalScore, lockRep, type RepForClaim, repForClaim, type ScoredLines, scoreRows } from "./claim-scoring.js";
import {
  addRevenue,
  findClaim,
  findClaimLines,
  findOpenOwed,
  freeSerials,
  insertOwed,
  replaceScoreLines,
  setOwedRecovered,
  updateClaimRow,
} from "./claims.repository.js";
import type { ClaimDetail } from "./claims.schemas.js";
import { postLedgerTransaction } from "./ledger.service.js";
import type { Score } from "./scoring.js";

// The review: approve (points move funding -> rep_points), reject (the serials are freed), reverse
// (points move back rep_points -> funding; never an edit or a delete). Each runs inside the
// Idempotency-Key's transaction and writes an audit entry.

const userIdOf = (actor: AuthenticatedActor): string | null => (actor.kind === "user" ? actor.userId : null);

async function revenueDelta(trx: Kysely<Database>, claim: IncentiveClaimTable, lines: ScoredLines, sign: 1 | -1): Promise<void> {
  const byCurrency = new Map<string, number>();
  for (const line of lines) byCurrency.set(line.currency, (byCurrency.get(line.currency) ?? 0) + line.units * line.unitNetMinor);
  await addRevenue(
    trx,
    [...byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, net]) => ({ partner_id: claim.partner_id, month: claim.sale_month, currency, net_minor: sign * net, claims: sign })),
  );
}

/** Points a reversal could not take back come out of the rep's next approved claims first. */
async function recoverOwed(trx: Kysely<Database>, rep: RepForClaim, earned: number, actor: AuthenticatedActor): Promise<void> {
  let left = earned;
  for (const owed of await findOpenOwed(trx, rep.id)) {
    if (left <= 0) return;
    const take = Math.min(left, Number(owed.points_owed) - Number(owed.points_recovered));
    await postLedgerTransaction(trx, {
      kind: "claim_reversed",
      sourceType: "claim",
      sourceId: owed.claim_id,
      memo: "Recovery of points owed from a reversed claim",
      reason: `${take} of the ${owed.points_owed} points the reversal of claim ${owed.claim_id} could not take back`,
      createdBy: userIdOf(actor),
      lines: [
        { account: { kind: "rep_points", userId: rep.id }, amount: -take },
        { account: { kind: "funding" }, amount: take },
      ],
    });
    await setOwedRecovered(trx, owed.id, Number(owed.points_recovered) + take, nowIso());
    left -= take;
  }
}

async function claimLines(trx: Kysely<Database>, claimId: string): Promise<ScoredLines> {
  return (await findClaimLines(trx, claimId)).map((line) => ({
    productId: line.product_id,
    familyId: line.family_id,
    productName: line.product_name,
    units: Number(line.quantity),
    unitNetMinor: Number(line.unit_net_minor),
    currency: line.currency,
  }));
}

/** What filing a claim already holds when it approves it at once: the locked rep, its lines, the score. */
export interface FiledClaim {
  rep: RepForClaim;
  lines: ScoredLines;
  score: Score;
}

/**
 * Approves a pending claim in the caller's transaction: locks the rep, scores the claim again as
 * things stand (caps and launch bonuses count approved claims only), posts funding -> rep_points and
 * recovers any shortfall the rep owes. `auto`: the claim scored at or under the threshold, and
 * `filed` carries what its filing loaded under the same lock.
 */
export async function approveClaimIn(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  claim: IncentiveClaimTable,
  options: { auto: boolean; note: string | null },
  requestId: string,
  filed?: FiledClaim,
): Promise<void> {
  const rep = filed?.rep ?? (await repForClaim(trx, claim.user_id));
  if (!rep) throw businessRule("The claim's rep is no longer a partner user", "invalid_state");
  if (!filed) await lockRep(trx, rep);
  const lines = filed?.lines ?? (await claimLines(trx, claim.id));
  const score = await finalScore(trx, rep, claim.id, claim.invoice_date, lines, filed?.score);
  const at = nowIso();
  const transactionId =
    score.points > 0
      ? await postLedgerTransaction(trx, {
          kind: "claim_approved",
          sourceType: "claim",
          sourceId: claim.id,
          memo: `Claim for invoice ${claim.invoice_number}`,
          createdBy: userIdOf(actor),
          approvedBy: options.auto ? null : userIdOf(actor),
          lines: [
            { account: { kind: "funding" }, amount: -score.points },
            { account: { kind: "rep_points", userId: rep.id }, amount: score.points },
          ],
        })
      : null;
  await recoverOwed(trx, rep, score.points, actor);
  if (score !== filed?.score) await replaceScoreLines(trx, claim.id, scoreRows(claim.id, score.lines));
  const values = {
    status: "approved" as const,
    points: score.points,
    auto_approved: options.auto ? 1 : 0,
    ledger_transaction_id: transactionId,
    decided_by: options.auto ? null : userIdOf(actor),
    decided_at: at,
    decision_reason: options.note,
    updated_at: at,
  };
  await updateClaimRow(trx, claim.id, values);
  await revenueDelta(trx, claim, lines, 1);
  await recordAudit(
    trx,
    actor,
    {
      action: options.auto ? "incentive_claim.auto_approve" : "incentive_claim.approve",
      entityType: "incentive_claim",
      entityId: claim.id,
      partnerId: claim.partner_id,
      before: { status: claim.status, points: claim.points },
      after: { status: "approved", points: score.points, ledgerTransactionId: transactionId, note: options.note },
    },
    requestId,
  );
}

async function claimToDecide(trx: Kysely<Database>, id: string, wanted: IncentiveClaimTable["status"]): Promise<IncentiveClaimTable> {
  const claim = await findClaim(trx, { kind: "all" }, id, true);
  if (!claim) throw notFound("Claim");
  if (claim.status !== wanted) throw conflict(`This claim is ${claim.status}, not ${wanted}`, "invalid_state");
  return claim;
}

export async function approveClaim(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  note: string | undefined,
  requestId: string,
): Promise<IdempotentResponse<ClaimDetail>> {
  const claim = await claimToDecide(trx, id, "pending");
  await approveClaimIn(trx, actor, claim, { auto: false, note: note ?? null }, requestId);
  return { status: 200, body: await claimDetailIn(trx, { kind: "all" }, id) };
}

/** A rejected claim earns nothing and frees its serials for a correct claim. */
export async function rejectClaim(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  reason: string,
  requestId: string,
): Promise<IdempotentResponse<ClaimDetail>> {
  const claim = await claimToDecide(trx, id, "pending");
  const at = nowIso();
  await updateClaimRow(trx, id, { status: "rejected", decided_by: userIdOf(actor), decided_at: at, decision_reason: reason, updated_at: at });
  await freeSerials(trx, id);
  await recordAudit(
    trx,
    actor,
    {
      action: "incentive_claim.reject",
      entityType: "incentive_claim",
      entityId: id,
      partnerId: claim.partner_id,
      before: { status: claim.status },
      after: { status: "rejected", reason },
    },
    requestId,
  );
  return { status: 200, body: await claimDetailIn(trx, { kind: "all" }, id) };
}

/**
 * Takes an approved claim's points back with a reversing movement (rep_points -> funding). The ledger
 * never goes negative: when the rep has spent some, what is available is taken now and the rest is
 * recorded as owed and taken from the rep's next approved claims. The serials stay claimed.
 */
export async function reverseClaim(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  reason: string,
  requestId: string,
): Promise<IdempotentResponse<ClaimDetail>> {
  const claim = await claimToDecide(trx, id, "approved");
  const available = await lockRep(trx, { id: claim.user_id, partnerId: claim.partner_id });
  const points = Number(claim.points);
  const taken = Math.min(points, available);
  const shortfall = points - taken;
  const transactionId =
    taken > 0
      ? await postLedgerTransaction(trx, {
          kind: "claim_reversed",
          sourceType: "claim",
          sourceId: id,
          memo: `Reversal of the claim for invoice ${claim.invoice_number}`,
          reason,
          createdBy: userIdOf(actor),
          approvedBy: userIdOf(actor),
          lines: [
            { account: { kind: "rep_points", userId: claim.user_id }, amount: -taken },
            { account: { kind: "funding" }, amount: taken },
          ],
        })
      : null;
  const at = nowIso();
  if (shortfall > 0) {
    await insertOwed(trx, {
      id: uuidv7(),
      user_id: claim.user_id,
      partner_id: claim.partner_id,
      claim_id: id,
      points_owed: shortfall,
      points_recovered: 0,
      created_at: at,
      updated_at: at,
    });
  }
  await updateClaimRow(trx, id, {
    status: "reversed",
    reversed_by: userIdOf(actor),
    reversed_at: at,
    reversal_reason: reason,
    reversal_transaction_id: transactionId,
    reversed_points: taken,
    shortfall_points: shortfall,
    updated_at: at,
  });
  await revenueDelta(trx, claim, await claimLines(trx, id), -1);
  await recordAudit(
    trx,
    actor,
    {
      action: "incentive_claim.reverse",
      entityType: "incentive_claim",
      entityId: id,
      partnerId: claim.partner_id,
      before: { status: claim.status, points },
      after: { status: "reversed", reason, reversedPoints: taken, shortfallPoints: shortfall, reversalTransactionId: transactionId },
    },
    requestId,
  );
  return { status: 200, body: await claimDetailIn(trx, { kind: "all" }, id) };
}
