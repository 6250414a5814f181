import type { ClaimingRole, Rule, RuleFields, RuleKind } from "../../api/incentives-types";
import { toMinor } from "../../lib/format";

export type RuleScope = "all" | "family" | "product";

/** Every input of the rule form, as typed. */
export interface RuleFormValues {
  kind: RuleKind;
  name: string;
  scope: RuleScope;
  productId: string | null;
  familyId: string | null;
  points: number | string;
  revenueStepAmount: number | string;
  revenueStepCurrency: string;
  multiplierPercent: number | string;
  startsOn: string;
  endsOn: string;
  tierIds: string[];
  regions: string[];
  partnerRoles: ClaimingRole[];
  monthlyCapPoints: number | string;
  active: boolean;
}

export const emptyRule: RuleFormValues = {
  kind: "per_unit",
  name: "",
  scope: "product",
  productId: null,
  familyId: null,
  points: 10,
  revenueStepAmount: 100,
  revenueStepCurrency: "EUR",
  multiplierPercent: 200,
  startsOn: "",
  endsOn: "",
  tierIds: [],
  regions: [],
  partnerRoles: [],
  monthlyCapPoints: "",
  active: true,
};

export function formOf(rule: Rule): RuleFormValues {
  return {
    kind: rule.kind,
    name: rule.name,
    scope: rule.productId ? "product" : rule.familyId ? "family" : "all",
    productId: rule.productId,
    familyId: rule.familyId,
    points: rule.points,
    revenueStepAmount: rule.revenueStep ? rule.revenueStep.amountMinor / 100 : 100,
    revenueStepCurrency: rule.revenueStep?.currency ?? "EUR",
    multiplierPercent: rule.multiplierPercent ?? 200,
    startsOn: rule.startsOn ?? "",
    endsOn: rule.endsOn ?? "",
    tierIds: rule.eligibility.tierIds,
    regions: rule.eligibility.regions,
    partnerRoles: rule.eligibility.partnerRoles,
    monthlyCapPoints: rule.monthlyCapPoints ?? "",
    active: rule.active,
  };
}

const whole = (value: number | string) => value !== "" && Number.isInteger(Number(value)) && Number(value) >= 0;

/** Problems found before sending, keyed like the form's inputs. */
export function ruleProblems(values: RuleFormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!values.name.trim()) problems.name = "Give the rule a name partners will recognise";
  if ((values.scope === "product" || values.kind === "launch_bonus") && !values.productId) problems.productId = "Choose the product";
  if (values.scope === "family" && values.kind !== "launch_bonus" && !values.familyId) problems.familyId = "Choose the product family";
  if (values.kind !== "multiplier" && !whole(values.points)) problems.points = "A whole number of points, 0 or more";
  if (values.kind === "per_revenue" && !(Number(values.revenueStepAmount) > 0)) problems.revenueStepAmount = "An amount above 0";
  if (values.kind === "per_revenue" && !/^[A-Z]{3}$/.test(values.revenueStepCurrency)) problems.revenueStepCurrency = "A currency code such as EUR";
  if (values.kind === "multiplier") {
    const percent = Number(values.multiplierPercent);
    if (!Number.isInteger(percent) || percent < 101 || percent > 1000) problems.multiplierPercent = "From 101% to 1000% (200% doubles the points)";
  }
  if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) problems.endsOn = "The promotion cannot end before it starts";
  if (values.monthlyCapPoints !== "" && !whole(values.monthlyCapPoints)) problems.monthlyCapPoints = "A whole number, or empty for no cap";
  return problems;
}

/** The body of a create (with the kind) or of an edit (every field but the kind: a new version). */
export function toRuleFields(values: RuleFormValues): RuleFields {
  const scope = values.kind === "launch_bonus" ? "product" : values.scope;
  return {
    name: values.name.trim(),
    productId: scope === "product" ? values.productId : null,
    familyId: scope === "family" ? values.familyId : null,
    points: values.kind === "multiplier" ? 0 : Number(values.points),
    revenueStep: values.kind === "per_revenue" ? { amountMinor: toMinor(values.revenueStepAmount), currency: values.revenueStepCurrency } : null,
    multiplierPercent: values.kind === "multiplier" ? Number(values.multiplierPercent) : null,
    startsOn: values.startsOn || null,
    endsOn: values.endsOn || null,
    eligibility: { tierIds: values.tierIds, regions: values.regions, partnerRoles: values.partnerRoles },
    monthlyCapPoints: values.monthlyCapPoints === "" ? null : Number(values.monthlyCapPoints),
    active: values.active,
  };
}

/** Server field paths ("revenueStep.amountMinor", "eligibility.tierIds") onto the form's inputs. */
export function formErrorsOf(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = path.startsWith("revenueStep")
      ? path.endsWith("currency")
        ? "revenueStepCurrency"
        : "revenueStepAmount"
      : path.startsWith("eligibility.")
        ? (path.split(".")[1] ?? path)
        : path;
    out[key] ??= message;
  }
  return out;
}

/** What a rule gives, in a few words. */
export function ruleGives(rule: Pick<Rule, "kind" | "points" | "revenueStep" | "multiplierPercent" | "monthlyCapPoints">): string {
  const cap = rule.monthlyCapPoints !== null ? `, at most ${rule.monthlyCapPoints.toLocaleString()} a month per rep` : "";
  if (rule.kind === "multiplier") return `${rule.multiplierPercent ?? 100}% of the base points${cap}`;
  if (rule.kind === "per_revenue" && rule.revenueStep)
    return `${rule.points.toLocaleString()} per ${(rule.revenueStep.amountMinor / 100).toLocaleString()} ${rule.revenueStep.currency} net${cap}`;
  if (rule.kind === "launch_bonus") return `${rule.points.toLocaleString()} once, to the first approved claim${cap}`;
  return `${rule.points.toLocaleString()} per unit${cap}`;
}
