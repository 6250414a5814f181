/**
 * The health score, 0..100 (docs/relationships.md). Pure: it reads the period's and the prior period's figures.
 *
 * Rules
 * - Five components, each scored 0..1 (4 decimals) or null when not measured:
 *   - return_on_resources: min(return / target, 1), the target being targetReturnPercent / 100 (300 = 3x). A margin of
 *     0 or less scores 0 (a partner with nothing sold included); a positive margin with no resources spent scores 1,
 *     as does any positive margin when the target is 0 or less.
 *   - growth: revenue growth against the prior period mapped linearly from -50 % -> 0 to +50 % -> 1 (0 % -> 0.5),
 *     clamped. With no prior revenue: revenue now scores 1 (the partner started selling), refunds only score 0, and
 *     no revenue in either period is null (nothing to compare).
 *   - engagement: the mean of the measured shares (library use, news read); null when neither is measured.
 *   - certification: min(certified staff / CERTIFIED_STAFF_TARGET, 1) with the latest certified-staff count; 0 staff
 *     scores 0; null when not measured.
 *   - support_within_allowance: 1 when the support minutes are within the allowance, falling linearly to 0 at twice
 *     the allowance (an allowance of 0: 1 for no minutes, else 0). Minutes and allowance are those of the months that
 *     recorded an allowance. null when no allowance was set or support was not measured in those months.
 * - Weights are configured per component (non-negative; a negative or non-finite weight is a RangeError). A null
 *   component is dropped and the weights of the measured ones are spread to 100 % (appliedWeightPercent, 2 decimals;
 *   0 for a dropped component).
 * - Score = round(sum(component score x applied weight)), from the unrounded weights, half up. null when every
 *   component is null or the measured components all weigh 0.
 */
import { clamp01, roundedRatio, roundTo, shortNumber } from "./ratios.js";
import type { HealthComponent, HealthComponentName, PeriodFigures, Scorecard, ScorecardSettings } from "./scorecard.types.js";

/** Certified staff that scores full marks on certification. */
export const CERTIFIED_STAFF_TARGET = 2;

export const HEALTH_COMPONENTS: readonly HealthComponentName[] = [
  "return_on_resources",
  "growth",
  "engagement",
  "certification",
  "support_within_allowance",
];

type Scored = { score: number | null; basis: string };

function percent(ratio: number): string {
  return `${shortNumber(ratio * 100)} %`;
}

function returnOnResources(period: PeriodFigures, targetReturnPercent: number): Scored {
  const { marginMinor, resourcesMinor } = period;
  if (marginMinor <= 0) return { score: 0, basis: `margin ${marginMinor}: nothing earned against resources of ${resourcesMinor}` };
  if (resourcesMinor <= 0) return { score: 1, basis: `margin ${marginMinor} with no resources spent` };
  const ror = period.returnOnResources ?? roundedRatio(marginMinor, resourcesMinor);
  if (targetReturnPercent <= 0) return { score: 1, basis: `return ${shortNumber(ror)}x with no target set` };
  return {
    score: Math.min(1, roundedRatio(marginMinor * 100, resourcesMinor * targetReturnPercent)),
    basis: `return ${shortNumber(ror)}x against a ${shortNumber(targetReturnPercent / 100)}x target`,
  };
}

function revenueGrowth(period: PeriodFigures, prior: PeriodFigures): Scored {
  const current = period.revenueMinor;
  const before = prior.revenueMinor;
  if (before === 0) {
    if (current > 0) return { score: 1, basis: `revenue ${current} after none in the prior period` };
    if (current < 0) return { score: 0, basis: `refunds only (${current}) after no revenue in the prior period` };
    return { score: null, basis: "no revenue in this period or the prior one" };
  }
  const change = roundedRatio(current - before, Math.abs(before));
  return {
    // g + 0.5 with g = (current - before) / |before|, as one integer ratio.
    score: clamp01(roundedRatio(2 * (current - before) + Math.abs(before), 2 * Math.abs(before))),
    basis: `revenue ${change >= 0 ? "+" : ""}${percent(change)} against the prior period (${current} against ${before})`,
  };
}

function engagement(period: PeriodFigures): Scored {
  const { libraryUseShare, newsReadShare } = period.engagement;
  const parts: string[] = [];
  const shares: number[] = [];
  if (libraryUseShare !== null) {
    shares.push(libraryUseShare);
    parts.push(`library use ${percent(libraryUseShare)}`);
  }
  if (newsReadShare !== null) {
    shares.push(newsReadShare);
    parts.push(`news read ${percent(newsReadShare)}`);
  }
  if (shares.length === 0) return { score: null, basis: "library use and news reading not measured" };
  // Shares have 4 decimals: averaging them as whole ten-thousandths keeps a .5 an exact .5.
  const tenThousandths = shares.reduce((total, s) => total + Math.round(s * 10_000), 0);
  return { score: roundedRatio(tenThousandths, shares.length * 10_000), basis: `${parts.join(", ")} of active users` };
}

function certification(period: PeriodFigures): Scored {
  const staff = period.engagement.certifiedStaff;
  if (staff === null) return { score: null, basis: "certified staff not measured" };
  return {
    score: staff <= 0 ? 0 : Math.min(1, roundedRatio(staff, CERTIFIED_STAFF_TARGET)),
    basis: `${staff} certified staff against a target of ${CERTIFIED_STAFF_TARGET}`,
  };
}

function supportWithinAllowance(period: PeriodFigures): Scored {
  const allowance = period.supportAllowanceMinutes;
  const minutes = period.supportMinutesAgainstAllowance;
  if (allowance === null) return { score: null, basis: "no support allowance set" };
  if (minutes === null) return { score: null, basis: "support not measured" };
  const basis = `${minutes} support minutes against an allowance of ${allowance}`;
  if (allowance <= 0) return { score: minutes <= 0 ? 1 : 0, basis };
  return { score: clamp01(roundedRatio(2 * allowance - minutes, allowance)), basis };
}

export function healthScore(
  period: PeriodFigures,
  prior: PeriodFigures,
  settings: Pick<ScorecardSettings, "healthWeights" | "targetReturnPercent">,
): Scorecard["health"] {
  const scored: Record<HealthComponentName, Scored> = {
    return_on_resources: returnOnResources(period, settings.targetReturnPercent),
    growth: revenueGrowth(period, prior),
    engagement: engagement(period),
    certification: certification(period),
    support_within_allowance: supportWithinAllowance(period),
  };
  for (const name of HEALTH_COMPONENTS) {
    const weight = settings.healthWeights[name];
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`health weight of ${name} must be a number of at least 0, got ${weight}`);
  }
  const measuredWeight = HEALTH_COMPONENTS.reduce((total, name) => total + (scored[name].score === null ? 0 : settings.healthWeights[name]), 0);
  const components: HealthComponent[] = HEALTH_COMPONENTS.map((name) => {
    const { score, basis } = scored[name];
    const weight = settings.healthWeights[name];
    const applied = score === null || measuredWeight === 0 ? 0 : roundTo((weight * 100) / measuredWeight, 2);
    return { name, weight, score, appliedWeightPercent: applied, basis };
  });
  if (measuredWeight === 0) return { score: null, components };
  // Component scores have 4 decimals: as whole ten-thousandths the weighted sum stays exact for whole weights.
  const weighted = components.reduce((total, c) => total + (c.score === null ? 0 : Math.round(c.score * 10_000) * c.weight), 0);
  return { score: roundedRatio(weighted, measuredWeight * 100, 0), components };
}
