import { z } from "zod";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");
const date = z.iso.date({ message: "must be a date YYYY-MM-DD" });
export const ruleKinds = ["per_unit", "per_revenue", "multiplier", "launch_bonus"] as const;
const claimingRoles = ["partner_admin", "sales_rep"] as const;

const money = z
  .object({
    amountMinor: z.number().int().min(1).max(1_000_000_000_000).describe("In minor units (cents)"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
  })
  .strict();

const eligibility = z
  .object({
    tierIds: z.array(id).max(50).default([]).describe("Partner tiers that qualify; empty: every tier"),
    regions: z.array(z.string().min(1).max(80)).max(50).default([]).describe("Partner regions that qualify; empty: every region"),
    partnerRoles: z.array(z.enum(claimingRoles)).max(2).default([]).describe("Roles of the rep that qualify; empty: both"),
  })
  .strict();

/** The fields of a rule; which of them a kind needs is checked on the whole (ruleProblems). */
const ruleFields = {
  name: z.string().trim().min(1).max(200),
  productId: id.nullable().describe("The product the rule is about (required for a launch bonus)"),
  familyId: id.nullable().describe("Or the product family; neither: every product"),
  points: z.number().int().min(0).max(10_000_000).describe("per_unit: per unit; per_revenue: per revenue step; launch_bonus: the bonus"),
  revenueStep: money.nullable().describe("per_revenue: points are earned per this much net amount, in this currency"),
  multiplierPercent: z.number().int().min(101).max(1000).nullable().describe("multiplier: 200 = double points on top of the base"),
  startsOn: date.nullable().describe("First sale date the rule counts (inclusive); null: open"),
  endsOn: date.nullable().describe("Last sale date the rule counts (inclusive); null: open"),
  eligibility,
  monthlyCapPoints: z.number().int().min(0).max(100_000_000).nullable().describe("Most points one rep earns from this rule per month of sale"),
  active: z.boolean(),
};

export const ruleInput = z
  .object({
    kind: z.enum(ruleKinds),
    ...ruleFields,
    productId: ruleFields.productId.default(null),
    familyId: ruleFields.familyId.default(null),
    points: ruleFields.points.default(0),
    revenueStep: ruleFields.revenueStep.default(null),
    multiplierPercent: ruleFields.multiplierPercent.default(null),
    startsOn: ruleFields.startsOn.default(null),
    endsOn: ruleFields.endsOn.default(null),
    eligibility: eligibility.default({ tierIds: [], regions: [], partnerRoles: [] }),
    monthlyCapPoints: ruleFields.monthlyCapPoints.default(null),
    active: ruleFields.active.default(true),
  })
  .strict();
export type RuleInput = z.infer<typeof ruleInput>;

/** Any field but the kind; the change becomes a new version effective from now. */
export const rulePatch = z.object(ruleFields).partial().strict();
export type RulePatch = z.infer<typeof rulePatch>;

export const ruleVersionSummary = z.object({
  version: z.number().int(),
  name: z.string(),
  effectiveFrom: iso,
  effectiveTo: iso.nullable(),
  createdBy: z.object({ id, name: z.string() }).nullable(),
});

export const rule = z.object({
  id,
  version: z.number().int().describe("The current version"),
  kind: z.enum(ruleKinds),
  name: z.string(),
  productId: id.nullable(),
  familyId: id.nullable(),
  points: z.number().int(),
  revenueStep: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  multiplierPercent: z.number().int().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  eligibility: z.object({ tierIds: z.array(z.string()), regions: z.array(z.string()), partnerRoles: z.array(z.enum(claimingRoles)) }),
  monthlyCapPoints: z.number().int().nullable(),
  active: z.boolean(),
  effectiveFrom: iso.describe("When this version took effect"),
  effectiveTo: iso.nullable(),
});
export type Rule = z.infer<typeof rule>;

export const ruleDetail = rule.extend({ versions: z.array(ruleVersionSummary).describe("Every version, newest first (rule editors only)") });
export type RuleDetail = z.infer<typeof ruleDetail>;

export const ruleList = z.object({ items: z.array(rule) });

export const ruleListQuery = z
  .object({
    includeInactive: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true")
      .describe("Rule editors: also rules switched off or whose dates have passed"),
    asOf: date.optional().describe("Rule editors: the versions in force on this sale date instead of the current ones"),
  })
  .strict();
