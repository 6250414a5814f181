import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { systemActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { notFound } from "../../platform/http/problem.js";
import { pendingClaimCount } from "../incentives/claims.service.js";
import { findPartnerForSystem, terminatePartnerRecord } from "../partners/partners.service.js";
import { openRedemptionCount } from "../rewards/redemptions.service.js";
import { openTicketCount } from "../support/tickets.service.js";
import { deactivatePartnerUsers } from "../users/users.service.js";
import { type DecisionRow, findCutsDue, findDecision, findLatestCut, lockPartnerForDecision, updateDecisionRow } from "./decisions.repository.js";
import type { Offboarding, Settle } from "./decisions.schemas.js";
import { decisionsWithDetail } from "./decisions.service.js";
import { recordTimelineEvent } from "./timeline.service.js";

// Cut offboarding (docs/relationship-decisions.md): notice -> reduced -> removed. A daily job
// takes each open cut whose step has come: on reduceOn the partner's staff other than its admins
// are deactivated (their sessions end); on endOn the partner is terminated and every user of it
// deactivated, and the cut closes as completed. Nothing is deleted. A run that missed days
// catches up: both steps happen in one run when both dates have passed.

/** What the partner still has open with the vendor, to settle before it leaves. */
export async function settleList(db: Kysely<Database>, partnerId: string): Promise<Settle> {
  const [openTickets, pendingClaims, openRedemptions] = await Promise.all([
    openTicketCount(db, partnerId),
    pendingClaimCount(db, partnerId),
    openRedemptionCount(db, partnerId),
  ]);
  return { openTickets, pendingClaims, openRedemptions };
}

export async function offboardingStatus(ctx: AppContext, partnerId: string): Promise<Offboarding> {
  if (!(await findPartnerForSystem(ctx.db, partnerId))) throw notFound("Partner");
  const cut = await findLatestCut(ctx.db, partnerId);
  const [decision] = cut ? await decisionsWithDetail(ctx.db, [cut]) : [];
  return { decision: decision ?? null, settle: await settleList(ctx.db, partnerId) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function settleText(settle: Settle): string {
  return `${plural(settle.openTickets, "open support ticket")}, ${plural(settle.pendingClaims, "pending incentive claim")}, ${plural(settle.openRedemptions, "open reward redemption")}`;
}

async function reduceAccess(trx: Kysely<Database>, row: DecisionRow, today: string): Promise<void> {
  const deactivated = await deactivatePartnerUsers(trx, systemActor, row.partner_id, ["partner_admin"], null);
  await updateDecisionRow(trx, row.id, { cut_stage: "reduced" });
  const after = { cut_stage: "reduced", on: today, deactivated: deactivated.map((u) => u.id) };
  await recordAudit(trx, systemActor, {
    action: "relationship_decision.offboarding_reduce",
    entityType: "relationship_decision",
    entityId: row.id,
    partnerId: null,
    before: { cut_stage: row.cut_stage },
    after,
  });
  await recordTimelineEvent(trx, {
    partnerId: row.partner_id,
    kind: "offboarding_reduced",
    title: `Access reduced: ${plural(deactivated.length, "staff account")} deactivated, partner admins kept`,
    detail: deactivated.map((u) => `- ${u.name} (${u.role})`).join("\n"),
    actorId: null,
    decisionId: row.id,
  });
}

async function removePartner(trx: Kysely<Database>, row: DecisionRow, today: string): Promise<void> {
  // Recorded before anything changes: what the partner still had open when it was removed.
  const settle = await settleList(trx, row.partner_id);
  const deactivated = await deactivatePartnerUsers(trx, systemActor, row.partner_id, [], null);
  await terminatePartnerRecord(trx, systemActor, row.partner_id, `offboarding completed on ${today}`, null);
  const values = {
    cut_stage: "removed" as const,
    status: "closed" as const,
    outcome: "completed",
    outcome_reason: `Offboarding completed on ${today}; still open at removal: ${settleText(settle)}`,
    closed_by: null,
    closed_at: nowIso(),
  };
  await updateDecisionRow(trx, row.id, values);
  await recordAudit(trx, systemActor, {
    action: "relationship_decision.offboarding_remove",
    entityType: "relationship_decision",
    entityId: row.id,
    partnerId: null,
    before: { cut_stage: row.cut_stage, status: row.status },
    after: { ...values, deactivated: deactivated.map((u) => u.id), openAtRemoval: settle },
  });
  await recordTimelineEvent(trx, {
    partnerId: row.partner_id,
    kind: "offboarding_removed",
    title: `Partner removed: terminated, ${plural(deactivated.length, "user")} deactivated, data kept`,
    detail: `Still open at removal: ${settleText(settle)}`,
    actorId: null,
    decisionId: row.id,
  });
}

/**
 * Advances every open cut whose step has come by `today` (YYYY-MM-DD, UTC). Each partner in its
 * own transaction, so one failure leaves the others done; a failed one is retried the next day.
 */
export async function runOffboarding(ctx: AppContext, today: string): Promise<{ reduced: number; removed: number; failed: number }> {
  const result = { reduced: 0, removed: 0, failed: 0 };
  for (const due of await findCutsDue(ctx.db, today)) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await lockPartnerForDecision(trx, due.partner_id);
        // Read again under the lock: a user may have withdrawn the cut since the list was read.
        const row = await findDecision(trx, due.partner_id, due.id);
        if (row?.status !== "open" || row.kind !== "cut") return;
        if (row.cut_stage === "notice" && row.reduce_on && row.reduce_on <= today) {
          await reduceAccess(trx, row, today);
          result.reduced++;
        }
        if (row.cut_stage !== "removed" && row.end_on && row.end_on <= today) {
          await removePartner(trx, { ...row, cut_stage: "reduced" }, today);
          result.removed++;
        }
      });
    } catch (error) {
      result.failed++;
      ctx.log.error({ err: error, decisionId: due.id, partnerId: due.partner_id }, "offboarding step failed");
    }
  }
  return result;
}
