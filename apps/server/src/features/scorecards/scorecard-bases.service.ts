import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { figureSumsByPartner, type PartnerSums } from "./figures-sums.service.js";
import { addMonths } from "./months.js";
import { addSums, type PeriodSums, sumMonths } from "./period-sums.js";
import type { MonthFigures } from "./scorecard.types.js";
import { findScorecardBases, lockScorecardBases, upsertScorecardBases } from "./scorecards.repository.js";

/**
 * A partner's sums over the 23 closed months before a card's end month: the period's first eleven
 * months and the whole prior period. They change only when a closed month's figures do (the refresh
 * then forgets them, in the same transaction), so the hourly and after-write refreshes of the current
 * month add that one month to them instead of summing 24 months again.
 */
interface ScorecardBase {
  period: PeriodSums;
  prior: PeriodSums;
  /** The tier of the base period's latest month with figures, and how many tiers those months recorded. */
  tierId: string | null;
  tiers: number;
}

function baseOf(sums: PartnerSums): ScorecardBase {
  return { period: sums.period, prior: sums.prior, tierId: sums.tierId, tiers: sums.tiersInPeriod };
}

const emptyBase = (): ScorecardBase => ({ period: sumMonths([]), prior: sumMonths([]), tierId: null, tiers: 0 });

/** The bases for the card ending with endMonth: the stored ones, the missing ones summed by the database and kept. */
async function scorecardBases(db: Kysely<Database>, endMonth: string, partnerIds: readonly string[]): Promise<Map<string, ScorecardBase>> {
  const stored = await findScorecardBases(db, endMonth, partnerIds.length > 400 ? null : partnerIds);
  const bases = new Map(stored.map((row) => [row.partner_id, JSON.parse(row.sums) as ScorecardBase]));
  const missing = partnerIds.filter((id) => !bases.has(id));
  if (missing.length === 0) return bases;
  await db.transaction().execute(async (trx) => {
    await lockScorecardBases(trx);
    // The base period ends the month before endMonth: a 12-month card's first eleven months.
    const summed = await figureSumsByPartner(trx, addMonths(endMonth, -1), 11, missing.length > 400 ? null : missing, 12);
    const computedAt = nowIso();
    const fresh = missing.map((partnerId) => {
      const partnerSums = summed.get(partnerId);
      const base = partnerSums ? baseOf(partnerSums) : emptyBase();
      bases.set(partnerId, base);
      return { partner_id: partnerId, end_month: endMonth, sums: JSON.stringify(base), computed_at: computedAt };
    });
    await upsertScorecardBases(trx, fresh);
  });
  return bases;
}

/**
 * Each partner's trailing-twelve-month sums ending with endMonth: its base plus the end month's row
 * (absent = no figures that month). The same sums figureSumsByPartner forms over the 24 months.
 */
export async function trailingTwelveSums(
  db: Kysely<Database>,
  endMonth: string,
  partnerIds: readonly string[],
  endMonthRows: ReadonlyMap<string, MonthFigures>,
): Promise<Map<string, PartnerSums>> {
  const bases = await scorecardBases(db, endMonth, partnerIds);
  const result = new Map<string, PartnerSums>();
  for (const partnerId of partnerIds) {
    const base = bases.get(partnerId) ?? emptyBase();
    const row = endMonthRows.get(partnerId);
    if (!row) {
      result.set(partnerId, { partnerId, period: base.period, prior: base.prior, tierId: base.tierId, tiersInPeriod: base.tiers });
      continue;
    }
    const endTier = row.tierId ?? "";
    const tiers = base.tiers === 0 ? 1 : base.tiers === 1 ? ((base.tierId ?? "") === endTier ? 1 : 2) : base.tiers;
    result.set(partnerId, { partnerId, period: addSums(base.period, sumMonths([row])), prior: base.prior, tierId: row.tierId, tiersInPeriod: tiers });
  }
  return result;
}
