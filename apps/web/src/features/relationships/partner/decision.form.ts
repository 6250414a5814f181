import type { ActionInput, DecisionKind } from "../../../api/relationship-decisions-types";

// The "Record a decision" form's own checks: the same rules the server applies (and names the
// same fields: reason, reviewOn, actions.N.title, cut.noticeOn...), said before the round trip.

export interface ActionRow extends ActionInput {
  /** A stable React key for a row that has no id yet. */
  key: number;
}

export interface CutDates {
  noticeOn: string;
  reduceOn: string;
  endOn: string;
}

export type Errors = Record<string, string | undefined>;

/** What the form can tell before asking the server (which says the same, naming the same fields). */
export function decisionProblems(kind: DecisionKind, reason: string, reviewOn: string, actions: ActionInput[], cut: CutDates): Errors {
  const errors: Errors = {};
  if (!reason.trim()) errors.reason = "Say why: the reason is kept on the timeline";
  if (kind !== "cut" && !reviewOn) errors.reviewOn = `A ${kind} decision needs a review date`;
  if (kind === "fix") {
    if (actions.length === 0) errors.actions = "A fix needs at least one action";
    actions.forEach((action, index) => {
      if (!action.title.trim()) errors[`actions.${index}.title`] = "Say what is to be done";
      if (!action.owner.trim()) errors[`actions.${index}.owner`] = "Name who does it";
      if (!action.dueOn) errors[`actions.${index}.dueOn`] = "Choose a due date";
    });
  }
  if (kind === "cut") {
    if (!cut.noticeOn) errors["cut.noticeOn"] = "Choose the notice date";
    if (!cut.reduceOn) errors["cut.reduceOn"] = "Choose when access is reduced";
    if (!cut.endOn) errors["cut.endOn"] = "Choose the end date";
  }
  return errors;
}
