import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, LedgerTransactionKind } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { getIncentiveSettings } from "../incentives/incentive-settings.service.js";
import { earningKinds, postLedgerTransaction, repBalance } from "../incentives/ledger.service.js";
import { notify } from "../notifications/notifications.service.js";
import { findRepsWithPoints, recordExpiryWarning, sumEarningsSince } from "./expiry.repository.js";

// Points expiry (docs/incentives.md, "Points expiry"). Points earned in calendar month M (UTC)
// expire on the first day of month M + N + 1, N the program's expiry months: with N = 24, points
// earned any day of March 2025 stay spendable through 31 March 2027 and expire on 1 April 2027.
//
// FIFO: spending (redemptions reserved), reversals, negative adjustments and expiry all consume a
// rep's OLDEST points first. So a rep's available points are made of its most recent earnings,
// and what is older than the cutoff is whatever the available balance holds beyond the points
// earned since the cutoff:  expiring = max(0, available - earned since cutoff).
// Reserved points are spent for this purpose (a pending redemption is safe); a cancellation that
// returns them returns old points, which expire at the next run if past their date.

const earning = [...earningKinds] as LedgerTransactionKind[];
const chunk = 500;
const maxTries = 3;

/** The first instant (ISO) of the UTC month `offset` months from the month of `at`. */
export function monthStart(at: Date, offset: number): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1)).toISOString();
}

const monthName = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const dayName = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Points of the rep that have passed their date: max(0, available - earned since the cutoff). */
async function expiringAt(
  db: Kysely<Database>,
  userId: string,
  cutoff: string,
): Promise<{ available: number; earnedSince: number; expiring: number }> {
  const { available } = await repBalance(db, userId);
  const earnedSince = (await sumEarningsSince(db, [userId], [cutoff], earning)).get(userId)?.[0] ?? 0;
  return { available, earnedSince, expiring: Math.max(0, available - earnedSince) };
}

class ChangedMeanwhile extends Error {}

/**
 * Expires one rep's points past the cutoff, in one transaction; returns the points expired. On
 * PostgreSQL a redemption or a claim may land between the read and postLedgerTransaction's lock:
 * once the lock is held the figure is computed again, and a difference rolls back and retries.
 */
async function expireRep(ctx: AppContext, userId: string, cutoff: string): Promise<number> {
  for (let attempt = 1; attempt <= maxTries; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const { expiring } = await expiringAt(trx, userId, cutoff);
        if (expiring === 0) return 0;
        await postLedgerTransaction(trx, {
          kind: "expiry",
          sourceType: "expiry",
          sourceId: `${userId}:${cutoff.slice(0, 7)}`,
          memo: `Points earned before ${monthName(cutoff)} expired`,
          lines: [
            { account: { kind: "rep_points", userId }, amount: -expiring },
            { account: { kind: "expired" }, amount: expiring },
          ],
        });
        // This transaction holds the account's lock now: recompute from what was there just before
        // this posting (the balance now plus what it took) and what has been earned meanwhile.
        const locked = await expiringAt(trx, userId, cutoff);
        if (Math.max(0, locked.available + expiring - locked.earnedSince) !== expiring) throw new ChangedMeanwhile();
        return expiring;
      });
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile) || attempt === maxTries) throw error;
    }
  }
  return 0;
}

export interface ExpiryRun {
  expiredReps: number;
  expiredPoints: number;
  warnings: number;
}

/**
 * The daily run: expires every rep's points past their date, then warns reps whose next batch
 * expires within the warning period (once per rep and batch). Running it again writes nothing new.
 */
export async function runPointsExpiry(ctx: AppContext, now: Date = new Date()): Promise<ExpiryRun> {
  const settings = await getIncentiveSettings(ctx.db);
  const months = settings.expiryMonths;
  const cutoff = monthStart(now, -months);
  const result: ExpiryRun = { expiredReps: 0, expiredPoints: 0, warnings: 0 };

  for (
    let after: string | undefined, page = await findRepsWithPoints(ctx.db, after, chunk);
    page.length > 0;
    page = await findRepsWithPoints(ctx.db, after, chunk)
  ) {
    after = page[page.length - 1];
    const earned = await sumEarningsSince(ctx.db, page, [cutoff], earning);
    for (const userId of page) {
      // A cheap pre-check from the bulk read; the transaction computes the figure again.
      const { available } = await repBalance(ctx.db, userId);
      if (available - (earned.get(userId)?.[0] ?? 0) <= 0) continue;
      try {
        const expired = await expireRep(ctx, userId, cutoff);
        if (expired > 0) {
          result.expiredReps++;
          result.expiredPoints += expired;
        }
      } catch (error) {
        ctx.log.error({ err: error, userId }, "points expiry failed for a rep");
      }
    }
  }

  if (settings.expiryWarningDays > 0) result.warnings = await sendWarnings(ctx, now, months, settings.expiryWarningDays);
  return result;
}

interface Batch {
  /** YYYY-MM the points were earned in. */
  earnedMonth: string;
  /** When they expire: the first day of month earnedMonth + N + 1. */
  expiresOn: string;
  /** Earnings at or after this instant are younger than the batch. */
  youngerFrom: string;
}

/** The batches whose expiry day falls within the warning period, oldest first. */
export function batchesToWarn(now: Date, months: number, warningDays: number): Batch[] {
  const batches: Batch[] = [];
  const horizon = now.getTime() + warningDays * 86_400_000;
  for (let k = 1; Date.parse(monthStart(now, k)) <= horizon; k++) {
    const earnedMonthStart = monthStart(now, k - 1 - months);
    batches.push({ earnedMonth: earnedMonthStart.slice(0, 7), expiresOn: monthStart(now, k), youngerFrom: monthStart(now, k - months) });
  }
  return batches;
}

async function sendWarnings(ctx: AppContext, now: Date, months: number, warningDays: number): Promise<number> {
  const batches = batchesToWarn(now, months, warningDays);
  if (batches.length === 0) return 0;
  const currentCutoff = monthStart(now, -months);
  const cutoffs = [currentCutoff, ...batches.map((batch) => batch.youngerFrom)];
  let sent = 0;
  for (
    let after: string | undefined, page = await findRepsWithPoints(ctx.db, after, chunk);
    page.length > 0;
    page = await findRepsWithPoints(ctx.db, after, chunk)
  ) {
    after = page[page.length - 1];
    const earned = await sumEarningsSince(ctx.db, page, cutoffs, earning);
    for (const userId of page) {
      const { available } = await repBalance(ctx.db, userId);
      const since = earned.get(userId) ?? cutoffs.map(() => 0);
      // Points past each cutoff under FIFO; a batch's share is the step from the cutoff before.
      const past = since.map((value) => Math.max(0, available - value));
      for (const [index, batch] of batches.entries()) {
        const points = (past[index + 1] ?? 0) - (past[index] ?? 0);
        if (points <= 0) continue;
        const recorded = await recordExpiryWarning(ctx.db, {
          user_id: userId,
          earned_month: batch.earnedMonth,
          points,
          expires_from: batch.expiresOn,
          warned_at: nowIso(),
        });
        if (!recorded) continue;
        sent++;
        await notify(ctx, {
          userIds: [userId],
          kind: "points_expiring",
          title: `${points.toLocaleString("en-US")} points expire on ${dayName(batch.expiresOn)}`,
          body: `Points you earned in ${monthName(`${batch.earnedMonth}-01T00:00:00.000Z`)} expire on ${dayName(batch.expiresOn)} unless you redeem them before. You have ${available.toLocaleString("en-US")} points available.`,
          link: "/portal/rewards",
          sourceType: "points_expiry",
          sourceId: `${userId}:${batch.earnedMonth}`,
        });
      }
    }
  }
  return sent;
}

/** Daily at 02:10 UTC: expire what passed its date, then warn of what comes next. */
export const pointsExpiryJob: JobDefinition = {
  name: "rewards.expiry",
  schedule: "10 2 * * *",
  run: async (ctx) => {
    const run = await runPointsExpiry(ctx);
    ctx.log.info({ job: "rewards.expiry", ...run }, "points expiry ran");
  },
};
