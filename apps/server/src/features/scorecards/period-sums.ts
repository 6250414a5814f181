/**
 * A period's figures as sums over its months (pure). periodFigures sums a partner's rows in
 * JavaScript; the stored cards' recompute has the database form the same sums for every partner
 * at once (figures.sums.ts), so reading 24 months x 2,000 partners row by row is not needed. Both
 * end in periodFromSums, so both give the same card.
 *
 * Null rules are those of scorecard-math.ts: a sum of a source that may be missing stays null until
 * a month measures it (as SQL's SUM over no non-null values).
 */
import { addWhole, assertWhole, roundedRatio } from "./ratios.js";
import type { Engagement, MonthFigures, PeriodFigures, ResourceCategory, ResourceLine } from "./scorecard.types.js";

export interface PeriodSums {
  revenueMinor: number;
  marginMinor: number;
  channelManagerHoursHundredths: number;
  supportMinutes: number | null;
  supportAllowanceMinutes: number | null;
  supportMinutesAgainstAllowance: number | null;
  /** Per category; the always-measured ones (marketing funds, channel manager, other) are never null. */
  resources: Record<ResourceCategory, number | null>;
  activeUsersSum: number;
  activeUsersMonths: number;
  /** Library users over the months measuring both them and active users; null when no month did. */
  libraryUsers: number | null;
  libraryActiveUsers: number;
  newsReaders: number | null;
  newsActiveUsers: number;
  /** The latest measured month's count. */
  certifiedStaff: number | null;
  logins: number | null;
}

/** Where each resource category is read from; `null` in a month = not measured that month. */
export const RESOURCE_SOURCES: readonly { category: ResourceCategory; read: (m: MonthFigures) => number | null; alwaysMeasured: boolean }[] = [
  { category: "support", read: (m) => m.supportCostMinor, alwaysMeasured: false },
  { category: "incentives", read: (m) => m.incentiveCostMinor, alwaysMeasured: false },
  { category: "training", read: (m) => m.trainingCostMinor, alwaysMeasured: false },
  { category: "marketing_funds", read: (m) => m.marketingCostMinor, alwaysMeasured: true },
  { category: "channel_manager", read: (m) => m.channelManagerCostMinor, alwaysMeasured: true },
  { category: "other", read: (m) => m.otherCostMinor, alwaysMeasured: true },
];

/** Adds a month's value to a total that stays null until a month measures it. */
export function addMeasured(total: number | null, value: number | null, what: string): number | null {
  return value === null ? total : addWhole(total ?? 0, value, what);
}

/** The sums of a period's rows (already restricted to the period, oldest first). */
export function sumMonths(rows: readonly MonthFigures[]): PeriodSums {
  const sums: PeriodSums = {
    revenueMinor: 0,
    marginMinor: 0,
    channelManagerHoursHundredths: 0,
    supportMinutes: null,
    supportAllowanceMinutes: null,
    supportMinutesAgainstAllowance: null,
    resources: { support: null, incentives: null, training: null, marketing_funds: 0, channel_manager: 0, other: 0 },
    activeUsersSum: 0,
    activeUsersMonths: 0,
    libraryUsers: null,
    libraryActiveUsers: 0,
    newsReaders: null,
    newsActiveUsers: 0,
    certifiedStaff: null,
    logins: null,
  };
  for (const row of rows) {
    sums.revenueMinor = addWhole(sums.revenueMinor, row.revenueMinor, "revenueMinor");
    sums.marginMinor = addWhole(sums.marginMinor, row.marginMinor, "marginMinor");
    sums.supportMinutes = addMeasured(sums.supportMinutes, row.supportMinutes, "supportMinutes");
    if (row.supportAllowanceMinutes !== null) {
      sums.supportAllowanceMinutes = addWhole(sums.supportAllowanceMinutes ?? 0, row.supportAllowanceMinutes, "supportAllowanceMinutes");
      sums.supportMinutesAgainstAllowance = addMeasured(sums.supportMinutesAgainstAllowance, row.supportMinutes, "supportMinutes");
    }
    sums.channelManagerHoursHundredths = addWhole(
      sums.channelManagerHoursHundredths,
      row.channelManagerHoursHundredths,
      "channelManagerHoursHundredths",
    );
    for (const { category, read } of RESOURCE_SOURCES) sums.resources[category] = addMeasured(sums.resources[category], read(row), category);
    if (row.activeUsers !== null) {
      sums.activeUsersSum = addWhole(sums.activeUsersSum, row.activeUsers, "activeUsers");
      sums.activeUsersMonths++;
      if (row.libraryUsers !== null) {
        sums.libraryUsers = addWhole(sums.libraryUsers ?? 0, row.libraryUsers, "engagement count");
        sums.libraryActiveUsers = addWhole(sums.libraryActiveUsers, row.activeUsers, "activeUsers");
      }
      if (row.newsReaders !== null) {
        sums.newsReaders = addWhole(sums.newsReaders ?? 0, row.newsReaders, "engagement count");
        sums.newsActiveUsers = addWhole(sums.newsActiveUsers, row.activeUsers, "activeUsers");
      }
    }
    // rows are oldest first, so the last measured month wins.
    if (row.certifiedStaff !== null) sums.certifiedStaff = row.certifiedStaff;
    sums.logins = addMeasured(sums.logins, row.logins, "logins");
  }
  return sums;
}

/** part / whole; 0 when the whole was 0, capped at 1; null when never measured. */
function share(part: number | null, whole: number): number | null {
  if (part === null) return null;
  return whole <= 0 ? 0 : Math.min(1, roundedRatio(part, whole));
}

function checked(value: number | null, what: string): number | null {
  if (value !== null) assertWhole(value, what);
  return value;
}

/** The period's figures from its sums: the one place resources, net, return and engagement are formed. */
export function periodFromSums(fromMonth: string, toMonth: string, sums: PeriodSums): PeriodFigures {
  const resources: ResourceLine[] = RESOURCE_SOURCES.map(({ category }) => ({ category, amountMinor: checked(sums.resources[category], category) }));
  const resourcesMinor = resources.reduce((total, line) => addWhole(total, line.amountMinor ?? 0, "resources"), 0);
  const marginMinor = checked(sums.marginMinor, "marginMinor") as number;
  const engagement: Engagement = {
    activeUsers: sums.activeUsersMonths === 0 ? null : roundedRatio(sums.activeUsersSum, sums.activeUsersMonths),
    libraryUseShare: share(sums.libraryUsers, sums.libraryActiveUsers),
    newsReadShare: share(sums.newsReaders, sums.newsActiveUsers),
    certifiedStaff: sums.certifiedStaff,
    logins: sums.logins,
  };
  return {
    fromMonth,
    toMonth,
    revenueMinor: checked(sums.revenueMinor, "revenueMinor") as number,
    marginMinor,
    resources,
    resourcesMinor,
    netContributionMinor: marginMinor - resourcesMinor,
    returnOnResources: resourcesMinor > 0 ? roundedRatio(marginMinor, resourcesMinor) : null,
    supportMinutes: checked(sums.supportMinutes, "supportMinutes"),
    supportAllowanceMinutes: checked(sums.supportAllowanceMinutes, "supportAllowanceMinutes"),
    supportMinutesAgainstAllowance: checked(sums.supportMinutesAgainstAllowance, "supportMinutes"),
    channelManagerHoursHundredths: checked(sums.channelManagerHoursHundredths, "channelManagerHoursHundredths") as number,
    engagement,
  };
}

const plus = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : addWhole(a, b, "sum"));

/** The sums of two runs of months, `later` after `earlier`: the latest certified-staff count comes from `later` when measured. */
export function addSums(earlier: PeriodSums, later: PeriodSums): PeriodSums {
  const resources = { ...earlier.resources };
  for (const { category } of RESOURCE_SOURCES) resources[category] = plus(earlier.resources[category], later.resources[category]);
  return {
    revenueMinor: addWhole(earlier.revenueMinor, later.revenueMinor, "revenueMinor"),
    marginMinor: addWhole(earlier.marginMinor, later.marginMinor, "marginMinor"),
    channelManagerHoursHundredths: addWhole(
      earlier.channelManagerHoursHundredths,
      later.channelManagerHoursHundredths,
      "channelManagerHoursHundredths",
    ),
    supportMinutes: plus(earlier.supportMinutes, later.supportMinutes),
    supportAllowanceMinutes: plus(earlier.supportAllowanceMinutes, later.supportAllowanceMinutes),
    supportMinutesAgainstAllowance: plus(earlier.supportMinutesAgainstAllowance, later.supportMinutesAgainstAllowance),
    resources,
    activeUsersSum: addWhole(earlier.activeUsersSum, later.activeUsersSum, "activeUsers"),
    activeUsersMonths: earlier.activeUsersMonths + later.activeUsersMonths,
    libraryUsers: plus(earlier.libraryUsers, later.libraryUsers),
    libraryActiveUsers: addWhole(earlier.libraryActiveUsers, later.libraryActiveUsers, "activeUsers"),
    newsReaders: plus(earlier.newsReaders, later.newsReaders),
    newsActiveUsers: addWhole(earlier.newsActiveUsers, later.newsActiveUsers, "activeUsers"),
    certifiedStaff: later.certifiedStaff ?? earlier.certifiedStaff,
    logins: plus(earlier.logins, later.logins),
  };
}
