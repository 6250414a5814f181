import type { ProblemField } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { RelationshipReviewTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, businessRule } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { type DecisionRow, findReviewsDuePage, insertReview, updateDecisionRow } from "./decisions.repository.js";
import type { CloseInput, Decision, DecisionOutcome, Review, ReviewDue, ReviewInput } from "./decisions.schemas.js";
import { daysBetween, oneDecision, openDecisionFor, signerOf, utcToday } from "./decisions.service.js";
import { recordTimelineEvent } from "./timeline.service.js";

// Reviews and closing (docs/relationship-decisions.md). continue / improved keep a decision open
// and move its review date; escalate / cut close it with that outcome, and the caller opens the
// next decision (a fix after a watch, a cut after a fix). A cut completes by itself at its end
// date; a user stops one by closing it as withdrawn.

const kindLabels = { fix: "Fix", watch: "Watch", cut: "Cut" } as const;
const closingOutcome = { escalate: "escalated", cut: "cut" } as const satisfies Record<string, DecisionOutcome>;

function checkReview(row: DecisionRow, input: ReviewInput, today: string): void {
  const closes = input.outcome === "escalate" || input.outcome === "cut";
  const fields: ProblemField[] = [];
  if (!closes && row.kind !== "cut" && !input.nextReviewOn) {
    fields.push({ path: "body.nextReviewOn", message: `a ${row.kind} decision that stays open needs its next review date` });
  }
  if (closes && input.nextReviewOn) {
    fields.push({ path: "body.nextReviewOn", message: `not with outcome ${input.outcome}: the decision closes; open the next decision instead` });
  }
  if (fields.length > 0) throw badRequest(`Invalid ${fields.map((f) => f.path).join(", ")}`, fields);
  if (closes && row.kind === "cut") throw businessRule(`A cut cannot be escalated or cut again; close it as withdrawn to stop the offboarding`);
  if (input.nextReviewOn && input.nextReviewOn < today) {
    throw businessRule(`The next review date ${input.nextReviewOn} is in the past (today is ${today})`);
  }
}

export async function recordReview(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  decisionId: string,
  input: ReviewInput,
  requestId: string,
): Promise<{ review: Review; decision: Decision }> {
  const userId = signerOf(actor);
  const reviewId = uuidv7();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await openDecisionFor(trx, partnerId, decisionId);
    checkReview(row, input, utcToday());
    const now = nowIso();
    const review: RelationshipReviewTable = {
      id: reviewId,
      decision_id: decisionId,
      partner_id: partnerId,
      outcome: input.outcome,
      note: input.note,
      next_review_on: input.nextReviewOn ?? null,
      reviewed_by: userId,
      reviewed_at: now,
    };
    await insertReview(trx, review);
    const closes = input.outcome === "escalate" || input.outcome === "cut" ? closingOutcome[input.outcome] : null;
    const values: Partial<DecisionRow> = closes
      ? { status: "closed", outcome: closes, outcome_reason: input.note, closed_by: userId, closed_at: now }
      : input.nextReviewOn
        ? { review_on: input.nextReviewOn }
        : {};
    if (Object.keys(values).length > 0) await updateDecisionRow(trx, decisionId, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "relationship_decision.review",
        entityType: "relationship_decision",
        entityId: decisionId,
        partnerId: null,
        before: { status: row.status, review_on: row.review_on },
        after: { ...values, partner_id: partnerId, review },
      },
      requestId,
    );
    const next = input.nextReviewOn ? `, next review on ${input.nextReviewOn}` : "";
    await recordTimelineEvent(trx, {
      partnerId,
      kind: "review_recorded",
      title: `${kindLabels[row.kind]} review: ${input.outcome}${next}`,
      detail: input.note,
      actorId: userId,
      decisionId,
      at: now,
    });
    if (closes) {
      await recordTimelineEvent(trx, {
        partnerId,
        kind: "decision_closed",
        title: `${kindLabels[row.kind]} decision closed: ${closes}`,
        detail: input.outcome === "cut" ? "Open a cut decision with its offboarding dates next." : "Open the next decision.",
        actorId: userId,
        decisionId,
        at: now,
      });
    }
  });
  const decision = await oneDecision(ctx.db, partnerId, decisionId);
  const review = decision.reviews.find((r) => r.id === reviewId);
  if (!review) throw new Error("the review just recorded was not found");
  return { review, decision };
}

export async function closeDecision(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  decisionId: string,
  input: CloseInput,
  requestId: string,
): Promise<Decision> {
  const userId = signerOf(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await openDecisionFor(trx, partnerId, decisionId);
    if (row.kind === "cut" && input.outcome === "resolved") {
      throw businessRule("A cut completes by itself on its end date; close it as withdrawn to stop the offboarding");
    }
    const now = nowIso();
    const values = { status: "closed" as const, outcome: input.outcome, outcome_reason: input.reason, closed_by: userId, closed_at: now };
    await updateDecisionRow(trx, decisionId, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "relationship_decision.close",
        entityType: "relationship_decision",
        entityId: decisionId,
        partnerId: null,
        before: { status: row.status },
        after: { ...values, partner_id: partnerId },
      },
      requestId,
    );
    // Staff a withdrawn cut already deactivated stay so; the partner's admin or the vendor reactivates them.
    const reduced =
      row.kind === "cut" && row.cut_stage === "reduced" ? "\nStaff deactivated when access was reduced stay deactivated until reactivated." : "";
    await recordTimelineEvent(trx, {
      partnerId,
      kind: "decision_closed",
      title: `${kindLabels[row.kind]} decision closed: ${input.outcome}`,
      detail: `${input.reason}${reduced}`,
      actorId: userId,
      decisionId,
      at: now,
    });
  });
  return oneDecision(ctx.db, partnerId, decisionId);
}

/** Open decisions whose review date has come: the channel team's to-do list, oldest date first. */
export async function listReviewsDue(
  ctx: AppContext,
  query: { cursor?: string; limit: number; channelManagerId?: string },
  today = utcToday(),
): Promise<Page<ReviewDue>> {
  const cursor = decodeCursor(query.cursor, 2);
  const after = cursor ? { reviewOn: String(cursor[0]), id: String(cursor[1]) } : undefined;
  const rows = await findReviewsDuePage(ctx.db, today, { channelManagerId: query.channelManagerId }, query.limit, after);
  const page = toPage(rows, query.limit, (row) => [row.review_on, row.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      decisionId: row.id,
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      channelManagerId: row.channel_manager_id,
      channelManagerName: row.channel_manager_name,
      kind: row.kind,
      reviewOn: row.review_on ?? today,
      daysOverdue: daysBetween(row.review_on ?? today, today),
      reason: row.reason,
    })),
  };
}
