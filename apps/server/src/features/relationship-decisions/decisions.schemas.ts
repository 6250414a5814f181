import { z } from "zod";
import { pageQuery } from "../../platform/http/pagination.js";

// Fix / watch / cut decisions about a partner (docs/relationship-decisions.md). Dates are UTC
// calendar days, YYYY-MM-DD. Which fields a kind needs (a fix: a review date and an action) is
// checked by the service, which answers 400 naming the missing fields.

const date = z.iso.date({ message: "must be a date YYYY-MM-DD" });
const reasonText = z.string().trim().min(1, "is required").max(4000);

export const decisionKinds = ["fix", "watch", "cut"] as const;
export const actionSides = ["vendor", "partner"] as const;
export const actionStatuses = ["open", "done", "missed"] as const;
/** continue / improved keep the decision open and move its review date; escalate / cut close it (the caller opens the next). */
export const reviewOutcomes = ["continue", "improved", "escalate", "cut"] as const;
/** How a user closes a decision; a cut completes by itself at its end date ("completed"). */
export const closeOutcomes = ["resolved", "withdrawn"] as const;
export const decisionOutcomes = ["resolved", "withdrawn", "escalated", "cut", "completed"] as const;
export const cutStages = ["notice", "reduced", "removed"] as const;

export type ReviewOutcome = (typeof reviewOutcomes)[number];
export type CloseOutcome = (typeof closeOutcomes)[number];
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const actionInput = z
  .object({
    side: z.enum(actionSides).describe("Whose action: the vendor's or the partner's"),
    title: z.string().trim().min(1, "is required").max(300),
    owner: z.string().trim().min(1, "is required").max(200).describe("Who does it (a name; partner-side owners need not be users)"),
    dueOn: date,
  })
  .strict();

export const cutDates = z
  .object({
    noticeOn: date.describe("The day notice is (or was) given"),
    reduceOn: date.describe("From this day the partner's staff other than its admins are deactivated"),
    endOn: date.describe("From this day the partner is terminated and all its users deactivated; its data is kept"),
  })
  .strict();

export const decisionInput = z
  .object({
    kind: z.enum(decisionKinds),
    reason: reasonText,
    reviewOn: date.optional().describe("Required for fix and watch"),
    actions: z.array(actionInput).max(50).default([]).describe("A fix needs at least one"),
    cut: cutDates.optional().describe("Required for cut, refused otherwise"),
  })
  .strict();

export const actionPatch = z.object({ status: z.enum(actionStatuses) }).strict();

export const reviewInput = z
  .object({
    outcome: z.enum(reviewOutcomes),
    note: reasonText,
    nextReviewOn: date.optional().describe("Required with continue/improved on a fix or watch; refused with escalate/cut"),
  })
  .strict();

export const closeInput = z.object({ outcome: z.enum(closeOutcomes), reason: reasonText }).strict();

export const action = z.object({
  id: z.string(),
  decisionId: z.string(),
  side: z.enum(actionSides),
  title: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(actionStatuses),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const review = z.object({
  id: z.string(),
  decisionId: z.string(),
  outcome: z.enum(reviewOutcomes),
  note: z.string(),
  nextReviewOn: z.string().nullable(),
  reviewedBy: z.string(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string(),
});

export const decision = z.object({
  id: z.string(),
  partnerId: z.string(),
  kind: z.enum(decisionKinds),
  status: z.enum(["open", "closed"]),
  reason: z.string(),
  reviewOn: z.string().nullable(),
  cut: z
    .object({ noticeOn: z.string(), reduceOn: z.string(), endOn: z.string(), stage: z.enum(cutStages) })
    .nullable()
    .describe("Offboarding dates and stage: notice -> reduced -> removed"),
  outcome: z.enum(decisionOutcomes).nullable(),
  outcomeReason: z.string().nullable(),
  decidedBy: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
  closedBy: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(action),
  reviews: z.array(review),
});

export const reviewResult = z.object({ review, decision });

export const timelineEvent = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  decisionId: z.string().nullable(),
  flagId: z.string().nullable(),
});

export const timelineQuery = z.object(pageQuery);

export const reviewDue = z.object({
  decisionId: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  channelManagerId: z.string().nullable(),
  channelManagerName: z.string().nullable(),
  kind: z.enum(decisionKinds),
  reviewOn: z.string(),
  daysOverdue: z.number().int(),
  reason: z.string(),
});

export const reviewsDueQuery = z.object({
  ...pageQuery,
  channelManagerId: z.string().min(1).max(64).optional().describe("Only the partners this channel manager owns"),
});

export const offboarding = z.object({
  decision: decision.nullable().describe("The partner's latest cut decision, open or closed; null when it was never cut"),
  settle: z.object({
    openTickets: z.number().int().describe("Support tickets not yet resolved or closed"),
    pendingClaims: z.number().int().describe("Incentive claims waiting for review"),
    openRedemptions: z.number().int().describe("Reward redemptions requested or approved, not yet fulfilled"),
  }),
});

export type DecisionInput = z.infer<typeof decisionInput>;
export type ActionInput = z.infer<typeof actionInput>;
export type ActionPatch = z.infer<typeof actionPatch>;
export type ReviewInput = z.infer<typeof reviewInput>;
export type CloseInput = z.infer<typeof closeInput>;
export type Decision = z.infer<typeof decision>;
export type Action = z.infer<typeof action>;
export type Review = z.infer<typeof review>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type ReviewDue = z.infer<typeof reviewDue>;
export type Offboarding = z.infer<typeof offboarding>;
export type Settle = Offboarding["settle"];
