// Fix / watch / cut decisions, their actions and reviews, the partner's timeline and offboarding, as the
// API answers (apps/server/src/features/relationship-decisions/*.schemas.ts).

export type DecisionKind = "fix" | "watch" | "cut";
export type ActionSide = "vendor" | "partner";
export type ActionStatus = "open" | "done" | "missed";
export type ReviewOutcome = "continue" | "improved" | "escalate" | "cut";
export type CloseOutcome = "resolved" | "withdrawn";
export type DecisionOutcome = "resolved" | "withdrawn" | "escalated" | "cut" | "completed";
export type CutStage = "notice" | "reduced" | "removed";

export interface DecisionAction {
  id: string;
  decisionId: string;
  side: ActionSide;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DecisionReview {
  id: string;
  decisionId: string;
  outcome: ReviewOutcome;
  note: string;
  nextReviewOn: string | null;
  reviewedBy: string;
  reviewedByName: string | null;
  reviewedAt: string;
}

export interface Decision {
  id: string;
  partnerId: string;
  kind: DecisionKind;
  status: "open" | "closed";
  reason: string;
  reviewOn: string | null;
  cut: { noticeOn: string; reduceOn: string; endOn: string; stage: CutStage } | null;
  outcome: DecisionOutcome | null;
  outcomeReason: string | null;
  decidedBy: string;
  decidedByName: string | null;
  decidedAt: string;
  closedBy: string | null;
  closedByName: string | null;
  closedAt: string | null;
  actions: DecisionAction[];
  reviews: DecisionReview[];
}

export interface ActionInput {
  side: ActionSide;
  title: string;
  owner: string;
  dueOn: string;
}

export interface DecisionInput {
  kind: DecisionKind;
  reason: string;
  /** Required for fix and watch. */
  reviewOn?: string;
  /** A fix needs at least one. */
  actions?: ActionInput[];
  /** Required for cut, refused otherwise. */
  cut?: { noticeOn: string; reduceOn: string; endOn: string };
}

export interface ReviewInput {
  outcome: ReviewOutcome;
  note: string;
  nextReviewOn?: string;
}

export interface CloseInput {
  outcome: CloseOutcome;
  reason: string;
}

export interface ReviewResult {
  review: DecisionReview;
  decision: Decision;
}

export interface TimelineEvent {
  id: string;
  at: string;
  kind: string;
  title: string;
  detail: string;
  actorId: string | null;
  actorName: string | null;
  decisionId: string | null;
  flagId: string | null;
}

export interface ReviewDue {
  decisionId: string;
  partnerId: string;
  partnerName: string;
  channelManagerId: string | null;
  channelManagerName: string | null;
  kind: DecisionKind;
  reviewOn: string;
  daysOverdue: number;
  reason: string;
}

export interface Offboarding {
  decision: Decision | null;
  settle: { openTickets: number; pendingClaims: number; openRedemptions: number };
}
