import { isPartnerRole, type PartnerRole, type ProblemField } from "@trellis/shared";
import type { Kysely } from "kysely";
import { isUniqueViolation, nowIso } from "../../db/dialect.js";
import type { Database, IncentiveRuleVersionTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import {
  closeVersion,
  existingTierIds,
  familyExists,
  findCurrentVersions,
  findRepContext,
  findVersionsInForce,
  findVersionsOfRule,
  insertRuleVersion,
  lockCurrentVersion,
  productExists,
} from "./rules.repository.js";
import type { Rule, RuleDetail, RuleInput, RulePatch } from "./rules.schemas.js";
import { eligible, endOfDay, inForceOn, type RuleVersion } from "./scoring.js";

// Rules are versioned: creating one writes version 1, every change closes the current version and
// writes the next, both effective from now. Nothing is edited in place, so a claim is always scored
// with the versions that were in force on its sale date.

const parseList = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
};

export function toRuleVersion(row: IncentiveRuleVersionTable): RuleVersion {
  return {
    ruleId: row.rule_id,
    version: Number(row.version),
    name: row.name,
    kind: row.kind,
    productId: row.product_id,
    familyId: row.family_id,
    points: Number(row.points),
    revenueStepMinor: row.revenue_step_minor === null ? null : Number(row.revenue_step_minor),
    currency: row.currency,
    multiplierPercent: row.multiplier_percent === null ? null : Number(row.multiplier_percent),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    tierIds: parseList(row.tier_ids),
    regions: parseList(row.regions),
    partnerRoles: parseList(row.partner_roles) as PartnerRole[],
    monthlyCapPoints: row.monthly_cap_points === null ? null : Number(row.monthly_cap_points),
    active: Number(row.active) === 1,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
  };
}

function toRule(row: IncentiveRuleVersionTable): Rule {
  const v = toRuleVersion(row);
  return {
    id: v.ruleId,
    version: v.version,
    kind: v.kind,
    name: v.name,
    productId: v.productId,
    familyId: v.familyId,
    points: v.points,
    revenueStep: v.revenueStepMinor === null || v.currency === null ? null : { amountMinor: v.revenueStepMinor, currency: v.currency },
    multiplierPercent: v.multiplierPercent,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    eligibility: {
      tierIds: v.tierIds,
      regions: v.regions,
      partnerRoles: v.partnerRoles.filter((r) => r !== "technician") as ("partner_admin" | "sales_rep")[],
    },
    monthlyCapPoints: v.monthlyCapPoints,
    active: v.active,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
  };
}

/** What each kind needs, and references that must exist; every problem named by its field. */
async function ruleProblems(db: Kysely<Database>, rule: RuleInput): Promise<ProblemField[]> {
  const problems: ProblemField[] = [];
  const fail = (path: string, message: string) => problems.push({ path: `body.${path}`, message });
  if (rule.productId !== null && rule.familyId !== null) fail("familyId", "name a product or a family, not both");
  if (rule.kind === "per_revenue" && rule.revenueStep === null) fail("revenueStep", "is required for a per_revenue rule");
  if (rule.kind !== "per_revenue" && rule.revenueStep !== null) fail("revenueStep", "is only for a per_revenue rule");
  if (rule.kind === "multiplier" && rule.multiplierPercent === null) fail("multiplierPercent", "is required for a multiplier rule");
  if (rule.kind !== "multiplier" && rule.multiplierPercent !== null) fail("multiplierPercent", "is only for a multiplier rule");
  if (rule.kind === "multiplier" && rule.points !== 0) fail("points", "a multiplier gives no points of its own; leave points 0");
  if (rule.kind === "launch_bonus" && rule.productId === null) fail("productId", "a launch bonus is for one product");
  if (rule.kind === "launch_bonus" && rule.points < 1) fail("points", "a launch bonus needs at least 1 point");
  if (rule.startsOn !== null && rule.endsOn !== null && rule.endsOn < rule.startsOn) fail("endsOn", "is before startsOn");
  if (rule.productId !== null && !(await productExists(db, rule.productId))) fail("productId", "no such product");
  if (rule.familyId !== null && !(await familyExists(db, rule.familyId))) fail("familyId", "no such product family");
  const tiers = await existingTierIds(db, rule.eligibility.tierIds);
  rule.eligibility.tierIds.forEach((tierId, i) => {
    if (!tiers.has(tierId)) fail(`eligibility.tierIds.${i}`, "no such tier");
  });
  return problems;
}

function versionRow(ruleId: string, version: number, rule: RuleInput, at: string, createdBy: string | null): IncentiveRuleVersionTable {
  return {
    rule_id: ruleId,
    version,
    name: rule.name,
    kind: rule.kind,
    product_id: rule.productId,
    family_id: rule.familyId,
    points: rule.points,
    revenue_step_minor: rule.revenueStep?.amountMinor ?? null,
    currency: rule.revenueStep?.currency ?? null,
    multiplier_percent: rule.multiplierPercent,
    starts_on: rule.startsOn,
    ends_on: rule.endsOn,
    tier_ids: JSON.stringify([...new Set(rule.eligibility.tierIds)]),
    regions: JSON.stringify([...new Set(rule.eligibility.regions)]),
    partner_roles: JSON.stringify([...new Set(rule.eligibility.partnerRoles)]),
    monthly_cap_points: rule.monthlyCapPoints,
    active: rule.active ? 1 : 0,
    effective_from: at,
    effective_to: null,
    created_by: createdBy,
    created_at: at,
  };
}

const userIdOf = (actor: AuthenticatedActor): string | null => (actor.kind === "user" ? actor.userId : null);

export async function createRule(ctx: AppContext, actor: AuthenticatedActor, input: RuleInput, requestId: string): Promise<RuleDetail> {
  const ruleId = uuidv7();
  await ctx.db.transaction().execute(async (trx) => {
    const problems = await ruleProblems(trx, input);
    if (problems.length > 0) throw badRequest("The rule is not valid", problems);
    const row = versionRow(ruleId, 1, input, nowIso(), userIdOf(actor));
    await insertRuleVersion(trx, row);
    await recordAudit(
      trx,
      actor,
      { action: "incentive_rule.create", entityType: "incentive_rule", entityId: ruleId, partnerId: null, after: row },
      requestId,
    );
  });
  return getRule(ctx, actor, ruleId);
}

function inputOf(row: IncentiveRuleVersionTable): RuleInput {
  const rule = toRule(row);
  return {
    kind: rule.kind,
    name: rule.name,
    productId: rule.productId,
    familyId: rule.familyId,
    points: rule.points,
    revenueStep: rule.revenueStep,
    multiplierPercent: rule.multiplierPercent,
    startsOn: rule.startsOn,
    endsOn: rule.endsOn,
    eligibility: rule.eligibility,
    monthlyCapPoints: rule.monthlyCapPoints,
    active: rule.active,
  };
}

/** A change is a new version from now on; the version it replaces keeps scoring sales made before. */
export async function updateRule(
  ctx: AppContext,
  actor: AuthenticatedActor,
  ruleId: string,
  patch: RulePatch,
  requestId: string,
): Promise<RuleDetail> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const current = await lockCurrentVersion(trx, ruleId);
      if (!current || current.effective_to !== null) throw notFound("Rule");
      const merged: RuleInput = { ...inputOf(current), ...patch };
      const problems = await ruleProblems(trx, merged);
      if (problems.length > 0) throw badRequest("The rule is not valid", problems);
      const at = nowIso();
      await closeVersion(trx, ruleId, Number(current.version), at);
      const next = versionRow(ruleId, Number(current.version) + 1, merged, at, userIdOf(actor));
      await insertRuleVersion(trx, next);
      await recordAudit(
        trx,
        actor,
        { action: "incentive_rule.update", entityType: "incentive_rule", entityId: ruleId, partnerId: null, before: current, after: next },
        requestId,
      );
    });
  } catch (error) {
    // Two edits at once on PostgreSQL: the second finds its version number taken.
    if (isUniqueViolation(error)) throw conflict("The rule was changed by someone else at the same time; reload it and try again");
    throw error;
  }
  return getRule(ctx, actor, ruleId);
}

const mayConfigure = (actor: AuthenticatedActor) => can(actor, "incentives:configure");

/** Partner users see the rules that can earn them points today; rule editors see every version. */
export async function getRule(ctx: AppContext, actor: AuthenticatedActor, ruleId: string): Promise<RuleDetail> {
  const versions = await findVersionsOfRule(ctx.db, ruleId);
  const current = (await findCurrentVersions(ctx.db)).find((row) => row.rule_id === ruleId);
  if (!current || versions.length === 0) throw notFound("Rule");
  if (!mayConfigure(actor) && !visibleTo(await viewerOf(ctx.db, actor), current)) throw notFound("Rule");
  return {
    ...toRule(current),
    versions: mayConfigure(actor)
      ? versions.map((v) => ({
          version: Number(v.version),
          name: v.name,
          effectiveFrom: v.effective_from,
          effectiveTo: v.effective_to,
          createdBy: v.created_by ? { id: v.created_by, name: v.created_by_name ?? "" } : null,
        }))
      : [],
  };
}

const today = () => nowIso().slice(0, 10);

type Viewer = { kind: "vendor" } | { kind: "partner"; tierId: string | null; region: string; role: PartnerRole } | { kind: "none" };

/** Who is looking, for eligibility: a partner user's tier, region and role, read once per request. */
async function viewerOf(db: Kysely<Database>, actor: AuthenticatedActor): Promise<Viewer> {
  if (!isPartnerRole(actor.role)) return { kind: "vendor" };
  const context = actor.kind === "user" ? await findRepContext(db, actor.userId) : undefined;
  return context ? { kind: "partner", tierId: context.tier_id, region: context.region, role: actor.role } : { kind: "none" };
}

function visibleTo(viewer: Viewer, row: IncentiveRuleVersionTable): boolean {
  const version = toRuleVersion(row);
  if (!version.active || (version.endsOn !== null && version.endsOn < today())) return false;
  if (viewer.kind === "none") return false;
  return viewer.kind === "vendor" || eligible(version, viewer);
}

export async function listRules(
  ctx: AppContext,
  actor: AuthenticatedActor,
  query: { includeInactive: boolean; asOf?: string | undefined },
): Promise<{ items: Rule[] }> {
  const editor = mayConfigure(actor);
  const rows = editor && query.asOf ? await findVersionsInForce(ctx.db, endOfDay(query.asOf)) : await findCurrentVersions(ctx.db);
  if (editor) return { items: rows.filter((row) => query.includeInactive || Number(row.active) === 1).map(toRule) };
  const viewer = await viewerOf(ctx.db, actor);
  return { items: rows.filter((row) => visibleTo(viewer, row)).map(toRule) };
}

/** For scoring: every rule version in force at the end of the sale date (the scorer applies dates and eligibility). */
export async function ruleVersionsForSaleDate(db: Kysely<Database>, saleDate: string): Promise<RuleVersion[]> {
  return (await findVersionsInForce(db, endOfDay(saleDate))).map(toRuleVersion).filter((v) => inForceOn(v, saleDate));
}
