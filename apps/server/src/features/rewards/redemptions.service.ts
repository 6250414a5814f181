import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, RewardRedemptionTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, conflict, forbidden, notFound, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { postLedgerTransaction } from "../incentives/ledger.service.js";
import { returnStock, takeStock } from "./catalog.repository.js";
import { findVisibleRewardRow } from "./catalog.service.js";
import {
  countOpenRedemptionsOf,
  findRedemptionRow,
  insertRedemption,
  listRedemptionRows,
  type RedemptionRow,
  type RedemptionScope,
  transitionRedemption,
  updateFulfilment,
} from "./redemptions.repository.js";
import {
  type CancelInput,
  type FulfilInput,
  type Redemption,
  type RedemptionAction,
  type RedemptionInput,
  type RedemptionQuery,
  shippedKinds,
} from "./rewards.schemas.js";

// Redemptions (docs/incentives.md, "Rewards, redemptions, expiry"). Every step that moves points
// runs inside the caller's transaction (withIdempotency's), so the key, the stock, the ledger
// movement, the status and the audit entry land together or not at all. Lock order, the same in
// every step so two never wait on each other: redemption row, then reward row, then rep accounts.

/** Whose redemptions the actor reaches; vendor users without rewards:fulfil reach none (403). */
export function redemptionScope(actor: AuthenticatedActor): RedemptionScope {
  if (can(actor, "rewards:fulfil")) return { kind: "all" };
  if (isPartnerRole(actor.role) && actor.partnerId) {
    if (actor.role === "partner_admin") return { kind: "partner", partnerId: actor.partnerId };
    if (actor.kind === "user") return { kind: "user", userId: actor.userId };
  }
  throw forbidden("Redemptions are for the reps who redeem, their partner admin and finance");
}

const userIdOf = (actor: AuthenticatedActor): string | null => (actor.kind === "user" ? actor.userId : null);

function allowedActions(row: RedemptionRow, actor: AuthenticatedActor): RedemptionAction[] {
  const finance = can(actor, "rewards:fulfil");
  const own = userIdOf(actor) === row.user_id;
  const actions: RedemptionAction[] = [];
  if (finance && row.status === "requested") actions.push("approve");
  if (finance && row.status === "approved") actions.push("fulfil");
  if (finance && row.status === "fulfilled" && row.fulfilment === "shipped") actions.push("mark_delivered");
  if ((own && row.status === "requested") || (finance && (row.status === "requested" || row.status === "approved"))) actions.push("cancel");
  return actions;
}

export function toRedemption(row: RedemptionRow, actor: AuthenticatedActor): Redemption {
  return {
    id: row.id,
    reward: { id: row.reward_id, name: row.reward_name, kind: row.reward_kind },
    rep: { id: row.user_id, name: row.rep_name },
    partner: { id: row.partner_id, name: row.partner_name },
    quantity: Number(row.quantity),
    unitCost: Number(row.unit_cost),
    points: Number(row.points),
    shippingAddress: row.shipping_address,
    status: row.status,
    fulfilment: row.fulfilment,
    trackingNumber: row.tracking_number,
    // The code is the reward itself: only the rep who redeemed sees it.
    voucherCode: userIdOf(actor) === row.user_id ? row.voucher_code : null,
    hasVoucherCode: row.voucher_code !== null,
    cancelReason: row.cancel_reason,
    requestedAt: row.requested_at,
    approvedAt: row.approved_at,
    fulfilledAt: row.fulfilled_at,
    cancelledAt: row.cancelled_at,
    reserveTransactionId: row.reserve_transaction_id,
    settleTransactionId: row.settle_transaction_id,
    allowedActions: allowedActions(row, actor),
  };
}

async function loadRedemption(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<RedemptionRow> {
  const row = await findRedemptionRow(db, redemptionScope(actor), id);
  if (!row) throw notFound("Redemption");
  return row;
}

export async function getRedemption(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<Redemption> {
  return toRedemption(await loadRedemption(db, actor, id), actor);
}

export async function listRedemptions(ctx: AppContext, actor: AuthenticatedActor, query: RedemptionQuery): Promise<Page<Redemption>> {
  const scope = redemptionScope(actor);
  const cursor = decodeCursor(query.cursor, 2);
  const after = cursor ? { requestedAt: String(cursor[0]), id: String(cursor[1]) } : undefined;
  // A partner's filter outside its own scope simply finds nothing: the scope is applied as well.
  const rows = await listRedemptionRows(
    ctx.db,
    scope,
    { status: query.status, userId: query.userId, partnerId: query.partnerId },
    { after, limit: query.limit },
  );
  const page = toPage(rows, query.limit, (row) => [row.requested_at, row.id]);
  return { items: page.items.map((row) => toRedemption(row, actor)), nextCursor: page.nextCursor };
}

/** A redemption as audited: never the voucher code (it is the reward). */
function auditView(row: Partial<RewardRedemptionTable>): Partial<RewardRedemptionTable> {
  const { voucher_code: code, ...rest } = row;
  return code === undefined ? rest : { ...rest, voucher_code: code === null ? null : "[redacted]" };
}

/**
 * Redeems an item for the signed-in rep, inside `trx` (withIdempotency's): takes the stock with a
 * conditional UPDATE (409 out_of_stock), reserves the points rep_points -> rep_reserved (422
 * insufficient_points), records the redemption and the audit entry. Any refusal rolls all back.
 */
export async function requestRedemption(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  input: RedemptionInput,
  requestId: string | null,
): Promise<Redemption> {
  if (actor.kind !== "user" || !isPartnerRole(actor.role) || !actor.partnerId) {
    throw forbidden("Only partner staff who earn points redeem rewards");
  }
  const reward = await findVisibleRewardRow(trx, actor, input.rewardId);
  if (!reward || Number(reward.active) !== 1) throw notFound("Reward");
  if ((shippedKinds as readonly string[]).includes(reward.kind) && !input.shippingAddress) {
    throw badRequest("This item is shipped: give a shipping address", [{ path: "body.shippingAddress", message: "is required for this item" }]);
  }
  const unitCost = Number(reward.point_cost);
  const points = unitCost * input.quantity;
  if (!(await takeStock(trx, reward.id, input.quantity))) {
    throw conflict(`Only ${Number(reward.stock ?? 0)} left of "${reward.name}"`, "out_of_stock");
  }
  const id = uuidv7();
  const reserveTransactionId = await postLedgerTransaction(trx, {
    kind: "redemption_requested",
    sourceType: "redemption",
    sourceId: id,
    memo: `${input.quantity} x ${reward.name}`,
    createdBy: actor.userId,
    lines: [
      { account: { kind: "rep_points", userId: actor.userId }, amount: -points },
      { account: { kind: "rep_reserved", userId: actor.userId }, amount: points },
    ],
  });
  const now = nowIso();
  const row: RewardRedemptionTable = {
    id,
    reward_id: reward.id,
    reward_name: reward.name,
    user_id: actor.userId,
    partner_id: actor.partnerId,
    quantity: input.quantity,
    unit_cost: unitCost,
    points,
    shipping_address: input.shippingAddress ?? null,
    status: "requested",
    fulfilment: null,
    tracking_number: null,
    voucher_code: null,
    cancel_reason: null,
    reserve_transaction_id: reserveTransactionId,
    settle_transaction_id: null,
    requested_at: now,
    approved_at: null,
    approved_by: null,
    fulfilled_at: null,
    fulfilled_by: null,
    cancelled_at: null,
    cancelled_by: null,
    updated_at: now,
  };
  await insertRedemption(trx, row);
  await recordAudit(
    trx,
    actor,
    { action: "redemption.request", entityType: "redemption", entityId: id, partnerId: actor.partnerId, after: auditView(row) },
    requestId,
  );
  return getRedemption(trx, actor, id);
}

const wrongState = (row: RedemptionRow, wanted: string) =>
  new ProblemError(409, "invalid_state", "Not in the right state", `The redemption is ${row.status}; it must be ${wanted}`);

/** Finance approves a requested redemption: a status change (no points move), audited. */
export async function approveRedemption(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string | null): Promise<Redemption> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRedemption(trx, actor, id);
    const at = nowIso();
    const values = { status: "approved" as const, approved_at: at, approved_by: userIdOf(actor), updated_at: at };
    if (!(await transitionRedemption(trx, id, ["requested"], values))) throw wrongState(row, "requested");
    await recordAudit(
      trx,
      actor,
      {
        action: "redemption.approve",
        entityType: "redemption",
        entityId: id,
        partnerId: row.partner_id,
        before: { status: row.status },
        after: values,
      },
      requestId,
    );
    return getRedemption(trx, actor, id);
  });
}

/**
 * Finance fulfils an approved redemption, inside `trx`: shipped (tracking number), delivered, or a
 * voucher code sent; the reserved points move rep_reserved -> redeemed. A shipped one can later be
 * marked delivered (a status change, no points).
 */
export async function fulfilRedemption(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  input: FulfilInput,
  requestId: string | null,
): Promise<Redemption> {
  const row = await loadRedemption(trx, actor, id);
  const at = nowIso();
  if (row.status === "fulfilled" && row.fulfilment === "shipped" && input.method === "delivered") {
    if (!(await updateFulfilment(trx, id, "shipped", { fulfilment: "delivered", updated_at: at }))) throw wrongState(row, "shipped");
    await recordAudit(
      trx,
      actor,
      {
        action: "redemption.delivered",
        entityType: "redemption",
        entityId: id,
        partnerId: row.partner_id,
        before: { fulfilment: row.fulfilment },
        after: { fulfilment: "delivered" },
      },
      requestId,
    );
    return getRedemption(trx, actor, id);
  }
  const values: Partial<RewardRedemptionTable> = {
    status: "fulfilled",
    fulfilment: input.method,
    tracking_number: input.method === "shipped" ? input.trackingNumber : null,
    voucher_code: input.method === "code_sent" ? input.voucherCode : null,
    fulfilled_at: at,
    fulfilled_by: userIdOf(actor),
    updated_at: at,
  };
  if (!(await transitionRedemption(trx, id, ["approved"], values))) throw wrongState(row, "approved");
  values.settle_transaction_id = await postLedgerTransaction(trx, {
    kind: "redemption_fulfilled",
    sourceType: "redemption",
    sourceId: id,
    memo: `${row.quantity} x ${row.reward_name} (${input.method.replace("_", " ")})`,
    createdBy: userIdOf(actor),
    lines: [
      { account: { kind: "rep_reserved", userId: row.user_id }, amount: -Number(row.points) },
      { account: { kind: "redeemed" }, amount: Number(row.points) },
    ],
  });
  await transitionRedemption(trx, id, ["fulfilled"], { settle_transaction_id: values.settle_transaction_id });
  await recordAudit(
    trx,
    actor,
    {
      action: "redemption.fulfil",
      entityType: "redemption",
      entityId: id,
      partnerId: row.partner_id,
      before: { status: row.status },
      after: auditView(values),
    },
    requestId,
  );
  return getRedemption(trx, actor, id);
}

/**
 * Cancels a redemption, inside `trx`: the rep who redeemed while it is requested, or finance before
 * it is fulfilled (with a reason). The stock and the points (rep_reserved -> rep_points) return.
 */
export async function cancelRedemption(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  input: CancelInput,
  requestId: string | null,
): Promise<Redemption> {
  const finance = can(actor, "rewards:fulfil");
  if (!finance && !can(actor, "incentives:claim")) throw forbidden("Only the rep who redeemed or finance can cancel a redemption");
  const row = await loadRedemption(trx, actor, id);
  const own = userIdOf(actor) === row.user_id;
  const from = own && row.status === "requested" ? (["requested"] as const) : finance ? (["requested", "approved"] as const) : null;
  if (!from) {
    if (own) throw wrongState(row, "requested (ask finance to cancel an approved one)");
    throw forbidden("Only the rep who redeemed or finance can cancel a redemption");
  }
  if (!own && !input.reason)
    throw badRequest("Say why the redemption is cancelled", [{ path: "body.reason", message: "is required when finance cancels" }]);
  const at = nowIso();
  const values: Partial<RewardRedemptionTable> = {
    status: "cancelled",
    cancel_reason: input.reason ?? null,
    cancelled_at: at,
    cancelled_by: userIdOf(actor),
    updated_at: at,
  };
  if (!(await transitionRedemption(trx, id, from, values))) throw wrongState(row, from.join(" or "));
  await returnStock(trx, row.reward_id, Number(row.quantity));
  values.settle_transaction_id = await postLedgerTransaction(trx, {
    kind: "redemption_cancelled",
    sourceType: "redemption",
    sourceId: id,
    memo: `${row.quantity} x ${row.reward_name} cancelled`,
    reason: input.reason ?? null,
    createdBy: userIdOf(actor),
    lines: [
      { account: { kind: "rep_reserved", userId: row.user_id }, amount: -Number(row.points) },
      { account: { kind: "rep_points", userId: row.user_id }, amount: Number(row.points) },
    ],
  });
  await transitionRedemption(trx, id, ["cancelled"], { settle_transaction_id: values.settle_transaction_id });
  await recordAudit(
    trx,
    actor,
    {
      action: "redemption.cancel",
      entityType: "redemption",
      entityId: id,
      partnerId: row.partner_id,
      before: { status: row.status },
      after: auditView(values),
    },
    requestId,
  );
  return getRedemption(trx, actor, id);
}

/** For other features (a cut partner's offboarding): redemptions requested or approved, not yet fulfilled. */
export async function openRedemptionCount(db: Kysely<Database>, partnerId: string): Promise<number> {
  return countOpenRedemptionsOf(db, partnerId);
}
