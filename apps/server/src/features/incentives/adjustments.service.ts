import { isPartnerRole, type Role, roleHas, roles } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { IdempotentResponse } from "../../platform/http/idempotency.js";
import { badRequest, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { userNamesByIds } from "../users/users.service.js";
import type { AdjustmentInput, AdjustmentResult } from "./ledger.schemas.js";
import { postLedgerTransaction, repBalance } from "./ledger.service.js";

/** Partner-side roles that earn points (and so can be adjusted). */
export const earnerRoles: readonly Role[] = roles.filter((role) => isPartnerRole(role) && roleHas(role, "incentives:claim"));

/**
 * A manual correction (adjustments <-> rep_points) with a reason and a second vendor user who
 * approved it (four eyes: never the requester). Runs inside withIdempotency's transaction, so it
 * reads through `trx` only. A negative one that would take the rep below zero is 422 insufficient_points.
 */
export async function postAdjustment(
  trx: Kysely<Database>,
  actor: AuthenticatedActor,
  input: AdjustmentInput,
  requestId: string,
): Promise<IdempotentResponse<AdjustmentResult>> {
  const users = await userNamesByIds(trx, [input.userId, input.approverId]);
  const rep = users.get(input.userId);
  if (!rep || rep.partnerId === null || !earnerRoles.includes(rep.role)) {
    throw badRequest("userId is not a rep", [{ path: "body.userId", message: "must be a sales rep or partner admin of a partner" }]);
  }
  if (actor.kind === "user" && input.approverId === actor.userId) {
    throw new ProblemError(422, "business_rule", "Not allowed by a business rule", "An adjustment needs a second person: name another approver", {
      fields: [{ path: "body.approverId", message: "must not be you" }],
    });
  }
  const approver = users.get(input.approverId);
  if (!approver || approver.partnerId !== null || approver.status !== "active" || !roleHas(approver.role, "incentives:adjust")) {
    throw badRequest("approverId is not a vendor user who may adjust points", [
      { path: "body.approverId", message: "must be an active vendor user who may adjust points" },
    ]);
  }
  const transactionId = await postLedgerTransaction(trx, {
    kind: "adjustment",
    sourceType: "adjustment",
    sourceId: uuidv7(),
    memo: input.points > 0 ? "Manual adjustment: points added" : "Manual adjustment: points taken away",
    reason: input.reason,
    createdBy: actor.kind === "user" ? actor.userId : null,
    approvedBy: input.approverId,
    lines: [
      { account: { kind: "adjustments" }, amount: -input.points },
      { account: { kind: "rep_points", userId: input.userId }, amount: input.points },
    ],
  });
  await recordAudit(
    trx,
    actor,
    {
      action: "incentives.adjust",
      entityType: "ledger_transaction",
      entityId: transactionId,
      partnerId: rep.partnerId,
      after: { userId: input.userId, points: input.points, reason: input.reason, approverId: input.approverId },
    },
    requestId,
  );
  const balance = await repBalance(trx, input.userId);
  return {
    status: 201,
    body: {
      transactionId,
      userId: input.userId,
      points: input.points,
      reason: input.reason,
      approverId: input.approverId,
      balance: { userId: input.userId, ...balance },
    },
  };
}
