import type { PlanItemStatus } from "../../../api/business-plans-types";
import type { ActionStatus, DecisionKind, DecisionOutcome, ReviewOutcome } from "../../../api/relationship-decisions-types";
import type { CostCategory, FlagRule, HealthComponentName, ResourceCategory, ScorecardSource } from "../../../api/relationships-types";
import { formatHours, formatMinor } from "./money";

// Words for one partner's relationship page; the portfolio's shared words (flags, quadrants,
// decisions, periods) live in ../portfolio.format.ts.

export const resourceLabels: Record<ResourceCategory, string> = {
  support: "Support desk",
  incentives: "Incentive points",
  training: "Training",
  marketing_funds: "Marketing funds",
  channel_manager: "Channel manager time",
  other: "Other costs",
};

export const costCategoryLabels: Record<CostCategory, string> = {
  marketing_funds: "Marketing funds",
  channel_manager: "Channel manager hours",
  training: "Training",
  other: "Other",
};

export const healthLabels: Record<HealthComponentName, string> = {
  return_on_resources: "Return on resources",
  growth: "Growth",
  engagement: "Engagement",
  certification: "Certification",
  support_within_allowance: "Support within allowance",
};

export const sourceLabels: Record<ScorecardSource, string> = {
  sell_through: "Sell-through reports",
  claims: "Incentive claims",
  support: "Support desk",
  incentives: "Incentive points",
  training: "Training",
  cost_lines: "Cost lines",
  news: "News reads",
  library: "Sales library",
  logins: "Portal sign-ins",
};

export const decisionColors: Record<DecisionKind, string> = { fix: "orange", watch: "yellow", cut: "red" };
export const decisionHelp: Record<DecisionKind, string> = {
  fix: "An improvement plan: dated actions for both sides and a review date.",
  watch: "Probation: nothing changes yet, the partner is reviewed on a date.",
  cut: "Offboarding: notice, then access reduced, then removed; open tickets, claims and rewards settled; data kept.",
};

export const actionStatusLabels: Record<ActionStatus, string> = { open: "Open", done: "Done", missed: "Missed" };
export const actionStatusColors: Record<ActionStatus, string> = { open: "blue", done: "teal", missed: "red" };

export const reviewOutcomeLabels: Record<ReviewOutcome, string> = {
  continue: "Continue: no change yet",
  improved: "Improved: keep going",
  escalate: "Escalate: close and decide again",
  cut: "Cut: close and open a cut",
};

export const decisionOutcomeLabels: Record<DecisionOutcome, string> = {
  resolved: "Resolved",
  withdrawn: "Withdrawn",
  escalated: "Escalated",
  cut: "Cut",
  completed: "Completed",
};

export const planStatusColors: Record<PlanItemStatus, string> = { planned: "gray", in_progress: "blue", done: "teal", missed: "red" };

function monthsOf(from: unknown, to: unknown): string {
  return typeof from === "string" && typeof to === "string" ? formatRange(from, to) : "Over the window";
}

/** A flag's figures in words (the evaluation stores numbers under these keys). */
export function flagFigures(rule: FlagRule, figures: Record<string, unknown>, currency: string): string {
  const number = (key: string) => (typeof figures[key] === "number" ? (figures[key] as number) : null);
  const money = (key: string) => {
    const value = number(key);
    return value === null ? "—" : formatMinor(value, currency);
  };
  switch (rule) {
    case "net_negative":
      return `${monthsOf(figures.fromMonth, figures.toMonth)}: margin ${money("marginMinor")} against resources ${money("resourcesMinor")}, net ${money("netContributionMinor")}`;
    case "health_low":
      return `Health ${number("healthScore") ?? "—"} below the threshold of ${number("threshold") ?? "—"}`;
    case "support_over_allowance": {
      const used = number("supportHours");
      const allowed = number("allowanceHours");
      return `${typeof figures.month === "string" ? formatMonth(figures.month) : "This month"}: ${used === null ? "—" : formatHours(used)} of support against an allowance of ${allowed === null ? "—" : formatHours(allowed)}`;
    }
  }
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
const shortMonthFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "2-digit", timeZone: "UTC" });

/** "2025-03" -> "March 2025" (short: "Mar 25"). */
export function formatMonth(month: string, short = false): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return (short ? shortMonthFormat : monthFormat).format(date);
}

/** A period's months in words: "Apr 24 – Mar 25", or one month's name. */
export function formatRange(fromMonth: string, toMonth: string): string {
  return fromMonth === toMonth ? formatMonth(toMonth) : `${formatMonth(fromMonth, true)} – ${formatMonth(toMonth, true)}`;
}
