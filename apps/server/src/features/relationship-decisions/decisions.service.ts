import type { ProblemField } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, RelationshipActionTable, RelationshipReviewTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule, conflict, forbidden, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { findPartnerForSystem } from "../partners/partners.service.js";
import { userNamesByIds } from "../users/users.service.js";
import {
  type DecisionRow,
  findAction,
  findActions,
  findDecision,
  findDecisions,
  findOpenDecision,
  findReviews,
  insertActions,
  insertDecision,
  lockPartnerForDecision,
  updateActionRow,
} from "./decisions.repository.js";
import type { Action, ActionInput, ActionPatch, Decision, DecisionInput, DecisionOutcome, Review, ReviewOutcome } from "./decisions.schemas.js";
import { recordTimelineEvent } from "./timeline.service.js";

// Fix / watch / cut decisions (docs/relationship-decisions.md). At most one open decision per
// partner. A review with outcome escalate or cut closes the current decision; the caller then
// opens the next one (two steps, each validated and audited on its own).
//
// Audit entries carry no partner id: the vendor's reasoning about a partner is the vendor's,
// and a partner admin reads its organisation's audit trail. The timeline (vendor-only) shows it.

const kindLabels = { fix: "Fix", watch: "Watch", cut: "Cut" } as const;

/** Today as a UTC calendar day. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Decisions, reviews and actions are signed by a person: an API token has no user to record. */
export function signerOf(actor: AuthenticatedActor): string {
  if (actor.kind !== "user") throw forbidden("Relationship decisions are recorded by a signed-in person, not an API token");
  return actor.userId;
}

function toAction(row: RelationshipActionTable): Action {
  return {
    id: row.id,
    decisionId: row.decision_id,
    side: row.side,
    title: row.title,
    owner: row.owner,
    dueOn: row.due_on,
    status: row.status,
    doneAt: row.done_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type Names = Awaited<ReturnType<typeof userNamesByIds>>;
const nameOf = (names: Names, id: string | null) => (id ? (names.get(id)?.name ?? null) : null);

function toReview(row: RelationshipReviewTable, names: Names): Review {
  return {
    id: row.id,
    decisionId: row.decision_id,
    outcome: row.outcome as ReviewOutcome,
    note: row.note,
    nextReviewOn: row.next_review_on,
    reviewedBy: row.reviewed_by,
    reviewedByName: nameOf(names, row.reviewed_by),
    reviewedAt: row.reviewed_at,
  };
}

/** Decisions with their actions, reviews and the names of who decided, reviewed and closed. */
export async function decisionsWithDetail(db: Kysely<Database>, rows: DecisionRow[]): Promise<Decision[]> {
  const ids = rows.map((row) => row.id);
  const [actions, reviews] = await Promise.all([findActions(db, ids), findReviews(db, ids)]);
  const names = await userNamesByIds(db, [
    ...rows.flatMap((row) => [row.decided_by, ...(row.closed_by ? [row.closed_by] : [])]),
    ...reviews.map((row) => row.reviewed_by),
  ]);
  return rows.map((row) => ({
    id: row.id,
    partnerId: row.partner_id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    reviewOn: row.review_on,
    cut:
      row.kind === "cut" && row.notice_on && row.reduce_on && row.end_on
        ? { noticeOn: row.notice_on, reduceOn: row.reduce_on, endOn: row.end_on, stage: row.cut_stage ?? "notice" }
        : null,
    outcome: row.outcome as DecisionOutcome | null,
    outcomeReason: row.outcome_reason,
    decidedBy: row.decided_by,
    decidedByName: nameOf(names, row.decided_by),
    decidedAt: row.decided_at,
    closedBy: row.closed_by,
    closedByName: nameOf(names, row.closed_by),
    closedAt: row.closed_at,
    actions: actions.filter((a) => a.decision_id === row.id).map(toAction),
    reviews: reviews.filter((r) => r.decision_id === row.id).map((r) => toReview(r, names)),
  }));
}

export async function oneDecision(db: Kysely<Database>, partnerId: string, id: string): Promise<Decision> {
  const row = await findDecision(db, partnerId, id);
  if (!row) throw notFound("Decision");
  const [detail] = await decisionsWithDetail(db, [row]);
  if (!detail) throw notFound("Decision");
  return detail;
}

/** The partner exists (404 otherwise); returns its name. */
async function partnerNamed(db: Kysely<Database>, partnerId: string) {
  const partner = await findPartnerForSystem(db, partnerId);
  if (!partner) throw notFound("Partner");
  return partner;
}

export async function listDecisions(ctx: AppContext, partnerId: string): Promise<Decision[]> {
  await partnerNamed(ctx.db, partnerId);
  return decisionsWithDetail(ctx.db, await findDecisions(ctx.db, partnerId, 200));
}

const invalid = (fields: ProblemField[]) => badRequest(`Invalid ${fields.map((f) => f.path).join(", ")}`, fields);

/** What each kind needs: 400 naming the fields. */
function checkKindFields(input: DecisionInput): void {
  const fields: ProblemField[] = [];
  if (input.kind !== "cut" && !input.reviewOn) fields.push({ path: "body.reviewOn", message: `a ${input.kind} decision needs a review date` });
  if (input.kind === "fix" && input.actions.length === 0) fields.push({ path: "body.actions", message: "a fix decision needs at least one action" });
  if (input.kind === "cut" && !input.cut) fields.push({ path: "body.cut", message: "a cut decision needs noticeOn, reduceOn and endOn" });
  if (input.kind !== "cut" && input.cut) fields.push({ path: "body.cut", message: "only a cut decision has offboarding dates" });
  if (fields.length > 0) throw invalid(fields);
}

/** Dates that schedule work must not be in the past; cut dates must be in order (422). */
function checkDates(input: DecisionInput, today: string): void {
  if (input.reviewOn && input.reviewOn < today) throw businessRule(`The review date ${input.reviewOn} is in the past (today is ${today})`);
  const cut = input.cut;
  if (!cut) return;
  if (!(cut.noticeOn <= cut.reduceOn && cut.reduceOn <= cut.endOn)) {
    throw businessRule(`The cut dates must be in order: noticeOn (${cut.noticeOn}) <= reduceOn (${cut.reduceOn}) <= endOn (${cut.endOn})`);
  }
  if (cut.reduceOn < today) throw businessRule(`reduceOn ${cut.reduceOn} is in the past (today is ${today}): access is reduced on that day`);
}

function openConflict(open: DecisionRow) {
  return conflict(
    `The partner already has an open ${open.kind} decision (${open.id}, decided ${open.decided_at.slice(0, 10)}); review or close it before opening another`,
  );
}

function actionRow(decisionId: string, partnerId: string, input: ActionInput, now: string): RelationshipActionTable {
  return {
    id: uuidv7(),
    decision_id: decisionId,
    partner_id: partnerId,
    side: input.side,
    title: input.title,
    owner: input.owner,
    due_on: input.dueOn,
    status: "open",
    done_at: null,
    created_at: now,
    updated_at: now,
  };
}

function openedTitle(row: DecisionRow): string {
  if (row.kind === "cut") return `Cut decided: notice ${row.notice_on}, access reduced ${row.reduce_on}, removed ${row.end_on}`;
  return `${kindLabels[row.kind]} decision opened, review on ${row.review_on}`;
}

export async function createDecision(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  input: DecisionInput,
  requestId: string,
): Promise<Decision> {
  const userId = signerOf(actor);
  checkKindFields(input);
  const id = uuidv7();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockPartnerForDecision(trx, partnerId))) throw notFound("Partner");
    const partner = await partnerNamed(trx, partnerId);
    if (partner.status === "terminated") throw businessRule(`${partner.name} is terminated`, "invalid_state");
    const open = await findOpenDecision(trx, partnerId);
    if (open) throw openConflict(open);
    checkDates(input, utcToday());
    const now = nowIso();
    const row: DecisionRow = {
      id,
      partner_id: partnerId,
      kind: input.kind,
      status: "open",
      reason: input.reason,
      review_on: input.reviewOn ?? null,
      reminded_for: null,
      notice_on: input.cut?.noticeOn ?? null,
      reduce_on: input.cut?.reduceOn ?? null,
      end_on: input.cut?.endOn ?? null,
      cut_stage: input.kind === "cut" ? "notice" : null,
      outcome: null,
      outcome_reason: null,
      decided_by: userId,
      decided_at: now,
      closed_by: null,
      closed_at: null,
    };
    const actions = input.actions.map((a) => actionRow(id, partnerId, a, now));
    await insertDecision(trx, row);
    await insertActions(trx, actions);
    await recordAudit(
      trx,
      actor,
      { action: "relationship_decision.create", entityType: "relationship_decision", entityId: id, partnerId: null, after: { ...row, actions } },
      requestId,
    );
    const actionLines = actions.map((a) => `- ${a.side === "vendor" ? "Vendor" : "Partner"}: ${a.title} (${a.owner}, due ${a.due_on})`);
    await recordTimelineEvent(trx, {
      partnerId,
      kind: "decision_opened",
      title: openedTitle(row),
      detail: [input.reason, ...actionLines].join("\n"),
      actorId: userId,
      decisionId: id,
      at: now,
    });
  });
  return oneDecision(ctx.db, partnerId, id);
}

/** The decision, which must be open, for a change (404 when not the partner's, 422 when closed). */
export async function openDecisionFor(trx: Kysely<Database>, partnerId: string, id: string): Promise<DecisionRow> {
  await lockPartnerForDecision(trx, partnerId);
  const row = await findDecision(trx, partnerId, id);
  if (!row) throw notFound("Decision");
  if (row.status !== "open") throw businessRule(`The ${row.kind} decision is closed (${row.outcome})`, "invalid_state");
  return row;
}

export async function addAction(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  decisionId: string,
  input: ActionInput,
  requestId: string,
): Promise<Action> {
  const userId = signerOf(actor);
  return ctx.db.transaction().execute(async (trx) => {
    await openDecisionFor(trx, partnerId, decisionId);
    const row = actionRow(decisionId, partnerId, input, nowIso());
    await insertActions(trx, [row]);
    await recordAudit(
      trx,
      actor,
      { action: "relationship_decision.action_add", entityType: "relationship_action", entityId: row.id, partnerId: null, after: row },
      requestId,
    );
    await recordTimelineEvent(trx, {
      partnerId,
      kind: "action_added",
      title: `Action added for the ${input.side}: ${input.title}`,
      detail: `Owner ${input.owner}, due ${input.dueOn}`,
      actorId: userId,
      decisionId,
      at: row.created_at,
    });
    return toAction(row);
  });
}

const statusWords = { open: "reopened", done: "done", missed: "missed" } as const;

export async function updateAction(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  decisionId: string,
  actionId: string,
  patch: ActionPatch,
  requestId: string,
): Promise<Action> {
  const userId = signerOf(actor);
  return ctx.db.transaction().execute(async (trx) => {
    await openDecisionFor(trx, partnerId, decisionId);
    const before = await findAction(trx, decisionId, actionId);
    if (!before) throw notFound("Action");
    if (before.status === patch.status) return toAction(before);
    const now = nowIso();
    const values = { status: patch.status, done_at: patch.status === "done" ? now : null, updated_at: now };
    await updateActionRow(trx, actionId, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "relationship_decision.action_update",
        entityType: "relationship_action",
        entityId: actionId,
        partnerId: null,
        before: { status: before.status },
        after: { status: patch.status },
      },
      requestId,
    );
    await recordTimelineEvent(trx, {
      partnerId,
      kind: "action_updated",
      title: `Action ${statusWords[patch.status]}: ${before.title}`,
      detail: `${before.side === "vendor" ? "Vendor" : "Partner"} action, owner ${before.owner}, due ${before.due_on}`,
      actorId: userId,
      decisionId,
      at: now,
    });
    return toAction({ ...before, ...values });
  });
}
