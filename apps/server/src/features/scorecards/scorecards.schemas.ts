import { z } from "zod";

// The scorecards' request and response shapes (types in scorecard.types.ts; docs/relationships.md).

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");
const money = z.number().int();
const nullableMoney = money.nullable();
const quadrant = z.enum(["invest", "maintain", "fix", "cut"]);
const flagRule = z.enum(["net_negative", "health_low", "support_over_allowance"]);

export const periodQuery = z.object({
  period: z.enum(["month", "quarter", "t12"]).default("t12").describe("month, quarter or trailing twelve months, ending with endMonth"),
  endMonth: month.optional().describe("The period's last month (YYYY-MM, UTC); this month by default"),
});

export const partnerParams = z.object({ partnerId: z.string().min(1).max(64) });

const resourceLine = z.object({
  category: z.enum(["support", "incentives", "training", "marketing_funds", "channel_manager", "other"]),
  amountMinor: nullableMoney,
});

const engagement = z.object({
  activeUsers: z.number().nullable(),
  libraryUseShare: z.number().nullable(),
  newsReadShare: z.number().nullable(),
  certifiedStaff: z.number().nullable(),
  logins: z.number().nullable(),
});

const periodFigures = z.object({
  fromMonth: z.string(),
  toMonth: z.string(),
  revenueMinor: money,
  marginMinor: money,
  resources: z.array(resourceLine),
  resourcesMinor: money,
  netContributionMinor: money,
  returnOnResources: z.number().nullable(),
  supportMinutes: z.number().nullable(),
  supportAllowanceMinutes: z.number().nullable(),
  supportMinutesAgainstAllowance: z.number().nullable(),
  channelManagerHoursHundredths: z.number(),
  engagement,
});

const healthComponent = z.object({
  name: z.enum(["return_on_resources", "growth", "engagement", "certification", "support_within_allowance"]),
  weight: z.number(),
  score: z.number().nullable(),
  appliedWeightPercent: z.number(),
  basis: z.string(),
});

export const scorecard = z.object({
  partnerId: z.string(),
  currency: z.string(),
  tierId: z.string().nullable(),
  period: periodFigures,
  prior: periodFigures,
  revenueGrowth: z.number().nullable(),
  marginGrowth: z.number().nullable(),
  health: z.object({ score: z.number().nullable(), components: z.array(healthComponent) }),
  quadrant,
  tierChanges: z.array(z.object({ month: z.string(), tierId: z.string().nullable() })),
});

const trendPoint = z.object({
  month: z.string(),
  revenueMinor: money,
  marginMinor: money,
  resourcesMinor: money,
  netContributionMinor: money,
  supportMinutes: z.number().nullable(),
});

const flag = z.object({
  id: z.string(),
  rule: flagRule,
  status: z.string(),
  raisedOn: z.string(),
  figures: z.record(z.string(), z.unknown()),
});

export const partnerScorecard = z.object({
  partner: z.object({
    id: z.string(),
    name: z.string(),
    tierId: z.string().nullable(),
    tierName: z.string().nullable(),
    status: z.string(),
    channelManagerName: z.string().nullable(),
  }),
  scorecard,
  trend: z.array(trendPoint),
  percentile: z.number().nullable(),
  peers: z.number().int(),
  flags: z.array(flag),
  refreshedAt: z.string().nullable(),
  sources: z.array(
    z.object({
      source: z.enum(["sell_through", "claims", "support", "incentives", "training", "cost_lines", "news", "library", "logins"]),
      measured: z.boolean(),
    }),
  ),
});

export const portfolioView = z.object({
  period: z.enum(["month", "quarter", "t12"]),
  endMonth: z.string(),
  currency: z.string(),
  refreshedAt: z.string().nullable(),
  /** Sources whose money is kept in another currency: their cost is not measured (no exchange rates are kept). */
  otherCurrencies: z.array(z.object({ source: z.enum(["support", "incentives"]), currency: z.string() })),
  thresholds: z.object({ marginMedianMinor: z.number(), resourcesMedianMinor: z.number() }),
  quadrantCounts: z.object({ invest: z.number(), maintain: z.number(), fix: z.number(), cut: z.number() }),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      tierId: z.string().nullable(),
      tierName: z.string().nullable(),
      status: z.string(),
      channelManagerId: z.string().nullable(),
      channelManagerName: z.string().nullable(),
      revenueMinor: money,
      marginMinor: money,
      resourcesMinor: money,
      netContributionMinor: money,
      returnOnResources: z.number().nullable(),
      healthScore: z.number().nullable(),
      quadrant,
      openFlags: z.array(flagRule),
      decision: z.object({ id: z.string(), kind: z.string(), status: z.string(), reviewOn: z.string().nullable() }).nullable(),
    }),
  ),
});

const capacityModel = z.object({
  hoursAvailable: z.number(),
  hoursPerPartner: z.number(),
  hoursPerPartnerSource: z.enum(["set", "measured"]),
  partnersSupportable: z.number().int(),
  activePartners: z.number().int(),
  hoursUsed: z.number(),
  overBy: z.number().int(),
});

export const capacityView = capacityModel.extend({
  supportHoursAvailable: z.number(),
  channelManagerHoursAvailable: z.number(),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      tierName: z.string().nullable(),
      monthlyHours: z.number(),
      healthScore: z.number().nullable(),
      netContributionMinor: money,
      quadrant,
    }),
  ),
});

export const whatIfInput = z
  .object({
    cut: z.array(z.string().min(1).max(64)).max(2000).default([]),
    add: z
      .array(
        z
          .object({
            label: z.string().trim().min(1).max(120),
            monthlyHours: z.number().min(0).max(10_000),
            netContributionMinor: z.number().int().min(-1e13).max(1e13),
          })
          .strict(),
      )
      .max(200)
      .default([]),
  })
  .strict();

export const whatIfResult = z.object({
  freedHoursPerMonth: z.number(),
  addedHoursPerMonth: z.number(),
  partnersAfter: z.number().int(),
  hoursPerPartnerAfter: z.number(),
  netContributionBeforeMinor: money,
  netContributionAfterMinor: money,
  capacityAfter: capacityModel,
});

export const flagQuery = z.object({ status: z.enum(["open", "cleared"]).default("open") });

export const flagList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      partnerId: z.string(),
      partnerName: z.string(),
      rule: flagRule,
      status: z.string(),
      raisedOn: z.string(),
      figures: z.record(z.string(), z.unknown()),
      notifiedAt: z.string().nullable(),
      clearedAt: z.string().nullable(),
    }),
  ),
});

export const refreshResult = z.object({ partners: z.number().int(), months: z.number().int(), ms: z.number() });

export const evaluationResult = z.object({
  today: z.string(),
  partners: z.number().int(),
  raised: z.number().int(),
  cleared: z.number().int(),
  open: z.number().int(),
  refreshMs: z.number(),
  ms: z.number(),
});

export const refreshInput = z
  .object({ months: z.array(month).min(1).max(36).optional().describe("Months to pull again; this month and the last by default") })
  .strict();
