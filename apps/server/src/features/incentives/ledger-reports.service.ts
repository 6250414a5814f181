import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest } from "../../platform/http/problem.js";
import { partnerNamesByIds } from "../partners/partners.service.js";
import { getIncentiveSettings, pointsValueMinor } from "./incentive-settings.service.js";
import { findLeaderboardRows, findPartnerMonths, findStatementRows, type LeaderboardPeriod, sumRepBalances } from "./ledger.repository.js";
import type { StatementLine } from "./ledger.schemas.js";

// What the ledger answers from its stored balances and rollups (ledger.service.ts re-exports these).

/**
 * Every movement of a rep's accounts, newest first, with its transaction and the account's
 * balance after it (stored with the entry, so no page sums history). Keyset pages.
 */
export async function repStatement(db: Kysely<Database>, userId: string, page: { cursor?: string; limit: number }): Promise<Page<StatementLine>> {
  const cursor = decodeCursor(page.cursor, 2);
  const after = cursor ? { createdAt: String(cursor[0]), id: String(cursor[1]) } : undefined;
  const rows = await findStatementRows(db, userId, page.limit, after);
  const lines = rows.map(
    (row): StatementLine => ({
      entryId: row.id,
      at: row.created_at,
      account: row.account_kind === "rep_reserved" ? "reserved" : "available",
      points: row.amount,
      balanceAfter: row.balance_after ?? 0,
      transactionId: row.transaction_id,
      kind: row.kind,
      sourceType: row.source_type,
      sourceId: row.source_id,
      memo: row.memo,
      reason: row.reason,
    }),
  );
  return toPage(lines, page.limit, (line) => [line.at, line.entryId]);
}

export interface LeaderboardRow {
  /** 1 for the most points; reps with equal points share a rank. */
  rank: number;
  userId: string;
  partnerId: string;
  /** The partner's region at the rep's first movement of the period. */
  region: string;
  points: number;
}

/**
 * The top reps of a quarter (YYYY-Qn) or month (YYYY-MM) by points earned (net of reversals and
 * adjustments), optionally within a region or one partner; reps with nothing earned are left out.
 * Returns user ids: the caller names them and anonymises reps who opted out of being named (they
 * keep their place, so nobody else's rank shifts).
 */
export async function leaderboard(
  db: Kysely<Database>,
  query: LeaderboardPeriod & { region?: string; partnerId?: string; limit?: number },
): Promise<LeaderboardRow[]> {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const period: LeaderboardPeriod = "quarter" in query ? { quarter: query.quarter } : { month: query.month };
  const rows = await findLeaderboardRows(db, period, { region: query.region, partnerId: query.partnerId }, limit);
  let rank = 0;
  return rows.map((row, index) => {
    if (index === 0 || rows[index - 1]?.earned !== row.earned) rank = index + 1;
    return { rank, userId: row.user_id, partnerId: row.partner_id, region: row.region, points: row.earned };
  });
}

export interface PartnerIncentiveCost {
  partnerId: string;
  /** YYYY-MM (UTC). */
  month: string;
  /** Points earned that month, net of reversals and adjustments posted that month. */
  earnedPoints: number;
  redeemedPoints: number;
  expiredPoints: number;
  /** earnedPoints at today's point value. */
  earnedValueMinor: number;
  currency: string;
}

/**
 * Points earned per partner per month and their money value, for the scorecards: one range read of
 * the partner-month rollup. Months without movements are absent. The value uses the current point
 * value (the settings keep no history).
 */
export async function incentiveCostByPartner(
  db: Kysely<Database>,
  query: { fromMonth: string; toMonth: string; partnerIds?: readonly string[] },
): Promise<PartnerIncentiveCost[]> {
  if (query.partnerIds?.length === 0) return [];
  const [settings, rows] = await Promise.all([getIncentiveSettings(db), findPartnerMonths(db, query.fromMonth, query.toMonth, query.partnerIds)]);
  return rows.map((row) => ({
    partnerId: row.partner_id,
    month: row.month,
    earnedPoints: row.earned,
    redeemedPoints: row.redeemed,
    expiredPoints: row.expired,
    earnedValueMinor: pointsValueMinor(row.earned, settings),
    currency: settings.currency,
  }));
}

export interface Liability {
  /** Points reps hold and may still spend or have reserved: available + reserved. */
  points: number;
  availablePoints: number;
  reservedPoints: number;
  valueMinor: number;
  currency: string;
}

/** What the program owes: every rep's stored available and reserved points at today's point value. */
export async function liability(db: Kysely<Database>): Promise<Liability> {
  const [settings, totals] = await Promise.all([getIncentiveSettings(db), sumRepBalances(db)]);
  const points = totals.rep_points + totals.rep_reserved;
  return {
    points,
    availablePoints: totals.rep_points,
    reservedPoints: totals.rep_reserved,
    valueMinor: pointsValueMinor(points, settings),
    currency: settings.currency,
  };
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The cost page and export: incentiveCostByPartner with partner names, for a range of at most 36 months. */
export async function incentiveCostReport(db: Kysely<Database>, query: { fromMonth: string; toMonth: string; partnerId?: string }) {
  const span = monthIndex(query.toMonth) - monthIndex(query.fromMonth);
  if (span < 0) throw badRequest("The range ends before it starts", [{ path: "querystring.toMonth", message: "must not be before fromMonth" }]);
  if (span > 35) throw badRequest("Choose at most 36 months", [{ path: "querystring.toMonth", message: "at most 36 months after fromMonth" }]);
  const [settings, rows] = await Promise.all([
    getIncentiveSettings(db),
    incentiveCostByPartner(db, { fromMonth: query.fromMonth, toMonth: query.toMonth, ...(query.partnerId ? { partnerIds: [query.partnerId] } : {}) }),
  ]);
  const names = await partnerNamesByIds(db, [...new Set(rows.map((row) => row.partnerId))]);
  return {
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    currency: settings.currency,
    items: rows.map(({ currency: _currency, ...row }) => ({ ...row, partnerName: names.get(row.partnerId) ?? "" })),
  };
}
