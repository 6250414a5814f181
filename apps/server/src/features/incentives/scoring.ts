import type { PartnerRole } from "@trellis/shared";

// Scoring a claim against the rule versions in force on its sale date. Pure: the caller loads the
// versions, the rep's context, the points it already earned this month per rule and the launch
// bonuses already paid, so every case can be computed by hand in a unit test.

export type RuleKind = "per_unit" | "per_revenue" | "multiplier" | "launch_bonus";

export interface RuleVersion {
  ruleId: string;
  version: number;
  name: string;
  kind: RuleKind;
  productId: string | null;
  familyId: string | null;
  points: number;
  revenueStepMinor: number | null;
  currency: string | null;
  multiplierPercent: number | null;
  /** YYYY-MM-DD, inclusive; null: open. */
  startsOn: string | null;
  endsOn: string | null;
  tierIds: string[];
  regions: string[];
  partnerRoles: PartnerRole[];
  monthlyCapPoints: number | null;
  active: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface ScoreLine {
  ruleId: string;
  version: number;
  ruleName: string;
  productId: string;
  units: number;
  points: number;
  why: string;
}

export interface ClaimToScore {
  /** YYYY-MM-DD. */
  saleDate: string;
  /** The rep's partner: its tier and region, and the rep's own role. */
  tierId: string | null;
  region: string;
  role: PartnerRole;
  lines: { productId: string; familyId: string; productName: string; units: number; unitNetMinor: number; currency: string }[];
}

export interface ScoringState {
  /** Points the rep already earned from each rule in the month of sale (approved claims). */
  earnedThisMonth: ReadonlyMap<string, number>;
  /** `${ruleId}|${productId}` of launch bonuses already paid to someone. */
  launchBonusesPaid: ReadonlySet<string>;
}

export interface Score {
  points: number;
  lines: ScoreLine[];
  /** Launch bonuses this score pays (`ruleId`, `productId`): recorded when the claim is approved. */
  launchBonuses: { ruleId: string; productId: string }[];
}

/** The instant a sale date is judged at: versions in force at the end of that UTC day apply. */
export const endOfDay = (date: string): string => `${date}T23:59:59.999Z`;

/** Whether this version was the rule's version in force on the sale date (its version window, not its promotion dates). */
export function inForceOn(version: Pick<RuleVersion, "effectiveFrom" | "effectiveTo">, saleDate: string): boolean {
  const at = endOfDay(saleDate);
  return version.effectiveFrom <= at && (version.effectiveTo === null || version.effectiveTo > at);
}

function appliesOnDate(rule: RuleVersion, saleDate: string): boolean {
  return rule.active && (rule.startsOn === null || rule.startsOn <= saleDate) && (rule.endsOn === null || rule.endsOn >= saleDate);
}

/** Within a dimension the choices are alternatives; across dimensions they narrow; empty means everyone. */
export function eligible(
  rule: Pick<RuleVersion, "tierIds" | "regions" | "partnerRoles">,
  claim: Pick<ClaimToScore, "tierId" | "region" | "role">,
): boolean {
  if (rule.tierIds.length > 0 && (claim.tierId === null || !rule.tierIds.includes(claim.tierId))) return false;
  if (rule.regions.length > 0 && !rule.regions.includes(claim.region)) return false;
  return rule.partnerRoles.length === 0 || rule.partnerRoles.includes(claim.role);
}

/** 3: the product itself, 2: its family, 1: every product, 0: not about this product. */
function specificity(rule: RuleVersion, line: { productId: string; familyId: string }): number {
  if (rule.productId !== null) return rule.productId === line.productId ? 3 : 0;
  if (rule.familyId !== null) return rule.familyId === line.familyId ? 2 : 0;
  return 1;
}

const digitsOf = (currency: string): number => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** 45000 USD -> "450.00 USD": amounts as people read them, in the currency's own minor digits. */
export function formatMoney(amountMinor: number, currency: string): string {
  const digits = digitsOf(currency);
  return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
}

interface Candidate {
  rule: RuleVersion;
  rank: number;
  points: number;
  why: string;
}

function baseCandidate(rule: RuleVersion, rank: number, line: ClaimToScore["lines"][number]): Candidate | null {
  if (rule.kind === "per_unit") {
    return { rule, rank, points: rule.points * line.units, why: `${rule.points} points per unit x ${line.units} of ${line.productName}` };
  }
  if (rule.kind !== "per_revenue" || rule.revenueStepMinor === null || rule.revenueStepMinor <= 0 || rule.currency !== line.currency) return null;
  const net = line.units * line.unitNetMinor;
  const steps = Math.floor(net / rule.revenueStepMinor);
  return {
    rule,
    rank,
    points: steps * rule.points,
    why:
      `${rule.points} points per ${formatMoney(rule.revenueStepMinor, line.currency)} of net amount: ` +
      `${line.units} x ${formatMoney(line.unitNetMinor, line.currency)} = ${formatMoney(net, line.currency)}, ${steps} x ${rule.points}`,
  };
}

/** Most specific first, then most points, then the lowest rule id (a stable order). */
function best(candidates: Candidate[]): Candidate | undefined {
  return [...candidates].sort((a, b) => b.rank - a.rank || b.points - a.points || a.rule.ruleId.localeCompare(b.rule.ruleId))[0];
}

/**
 * Per line: the most specific base rule (per unit or per revenue; product over family over every
 * product, then the one worth most), the largest multiplier matching the line on top of it (never
 * compounded), and each launch bonus for the product once. Each rule's monthly cap then limits what
 * the rep earns from it, counting what it earned before in the month of sale and earlier lines of
 * this claim. Every rule that applied is a line, even when its cap left 0 points.
 */
export function scoreClaim(versions: readonly RuleVersion[], claim: ClaimToScore, state: ScoringState): Score {
  const rules = versions.filter((v) => inForceOn(v, claim.saleDate) && appliesOnDate(v, claim.saleDate) && eligible(v, claim));
  const used = new Map(state.earnedThisMonth);
  const paid = new Set(state.launchBonusesPaid);
  const lines: ScoreLine[] = [];
  const launchBonuses: Score["launchBonuses"] = [];

  const add = (rule: RuleVersion, line: ClaimToScore["lines"][number], raw: number, why: string): number => {
    let points = raw;
    let reason = why;
    if (rule.monthlyCapPoints !== null) {
      const before = used.get(rule.ruleId) ?? 0;
      const room = Math.max(0, rule.monthlyCapPoints - before);
      if (raw > room) {
        points = room;
        reason = `${why}; capped at ${rule.monthlyCapPoints} points a month per rep (${before} earned before), ${raw} -> ${points}`;
      }
      used.set(rule.ruleId, before + points);
    }
    lines.push({
      ruleId: rule.ruleId,
      version: rule.version,
      ruleName: rule.name,
      productId: line.productId,
      units: line.units,
      points,
      why: reason,
    });
    return points;
  };

  for (const line of claim.lines) {
    const matching = rules.map((rule) => ({ rule, rank: specificity(rule, line) })).filter((m) => m.rank > 0);
    const base = best(matching.flatMap(({ rule, rank }) => baseCandidate(rule, rank, line) ?? []));
    const basePoints = base ? add(base.rule, line, base.points, base.why) : 0;

    const multiplier = [...matching]
      .filter(({ rule }) => rule.kind === "multiplier" && rule.multiplierPercent !== null && rule.multiplierPercent > 100)
      .sort(
        (a, b) => (b.rule.multiplierPercent ?? 0) - (a.rule.multiplierPercent ?? 0) || b.rank - a.rank || a.rule.ruleId.localeCompare(b.rule.ruleId),
      )[0];
    if (multiplier && basePoints > 0) {
      const percent = multiplier.rule.multiplierPercent ?? 100;
      const extra = Math.floor((basePoints * (percent - 100)) / 100);
      add(multiplier.rule, line, extra, `x${percent / 100} on ${basePoints} base points of ${line.productName}: +${extra}`);
    }

    for (const { rule } of matching.filter(({ rule }) => rule.kind === "launch_bonus" && rule.productId === line.productId)) {
      const key = `${rule.ruleId}|${line.productId}`;
      if (paid.has(key)) continue;
      paid.add(key);
      launchBonuses.push({ ruleId: rule.ruleId, productId: line.productId });
      add(rule, line, rule.points, `launch bonus: the first approved sale of ${line.productName} in the program`);
    }
  }
  return { points: lines.reduce((sum, line) => sum + line.points, 0), lines, launchBonuses };
}
