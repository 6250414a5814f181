import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, PartnerScorecardTable } from "../../db/types.js";
import { cardValueColumns, findMonthFigures, findPartnerDirectory, type PartnerDirectoryRow, upsertScorecards } from "./figures.repository.js";
import { monthFiguresByPartner, toMonthFigures } from "./figures.service.js";
import { sumMonths } from "./period-sums.js";
import type { MonthFigures, Scorecard } from "./scorecard.types.js";
import { trailingTwelveSums } from "./scorecard-bases.service.js";
import { addMonths, computeScorecard, portfolioMedians, quadrantOf, scorecardFromSums } from "./scorecard-math.js";
import { findScorecardPoints, findStoredCards, measuredStatuses as measuredStatusList, upsertPortfolioMedians } from "./scorecards.repository.js";
import { type RelationshipSettings, scorecardSettingsOf } from "./settings.service.js";
import { rowChanged } from "./stored-values.js";

/** Quadrants need the portfolio's medians, known only once every card is computed: set afterwards. */
const provisional = { marginMedian: 0, resourcesMedian: 0 };

/** Partners the portfolio and the evaluation look at: neither archived nor terminated. */
export const measuredStatuses: ReadonlySet<string> = new Set(measuredStatusList);

/**
 * Recomputes the stored trailing-twelve-month scorecards ending with endMonth from 24 months of
 * figures per partner (the period and the one before it), summed by the database and turned into
 * cards by the pure arithmetic (scorecardFromSums, the same as computeScorecard over the rows). The
 * portfolio reads these rows, one per partner. With partnerIds, only those partners' rows change;
 * the quadrant medians then come from every measured partner's stored row. The medians are stored
 * too (portfolio_medians), so one partner's card finds its quadrant without reading every card.
 */
export async function recomputeScorecards(
  db: Kysely<Database>,
  options: {
    partnerIds: readonly string[] | null;
    endMonth: string;
    settings: RelationshipSettings;
    /** The end month's rows as just written (all of the scope's), so they need not be read back. */
    endMonthRows?: ReadonlyMap<string, MonthFigures>;
    /** The scope's partners, when the caller has just read them. */
    directory?: readonly PartnerDirectoryRow[];
  },
): Promise<Scorecard[]> {
  const all = options.partnerIds === null;
  const [directory, stored] = await Promise.all([
    options.directory ?? findPartnerDirectory(db, options.partnerIds),
    all ? findStoredCards(db) : null,
  ]);
  const partners = directory.filter((partner) => partner.archived_at === null && measuredStatuses.has(partner.status));
  const endMonthRows = options.endMonthRows ?? (await endMonthFigures(db, options.endMonth, options.partnerIds));
  const sums = await trailingTwelveSums(
    db,
    options.endMonth,
    partners.map((partner) => partner.id),
    endMonthRows,
  );
  const settings = scorecardSettingsOf(options.settings);
  // A tier change within the period lists its months: those few partners are computed from their rows.
  const changedTier = partners.filter((partner) => (sums.get(partner.id)?.tiersInPeriod ?? 0) > 1).map((partner) => partner.id);
  const rowsOfChanged =
    changedTier.length > 0 ? await monthFiguresByPartner(db, addMonths(options.endMonth, -23), options.endMonth, changedTier) : null;
  const empty = sumMonths([]);
  const cards = partners.map((partner) => {
    const rows = rowsOfChanged?.get(partner.id);
    if (rows)
      return computeScorecard({
        partnerId: partner.id,
        months: rows,
        endMonth: options.endMonth,
        periodMonths: 12,
        settings,
        thresholds: provisional,
      });
    const partnerSums = sums.get(partner.id);
    return scorecardFromSums({
      partnerId: partner.id,
      endMonth: options.endMonth,
      periodMonths: 12,
      settings,
      thresholds: provisional,
      period: partnerSums?.period ?? empty,
      prior: partnerSums?.prior ?? empty,
      tierId: partnerSums?.tierId ?? null,
      tierChanges: [],
    });
  });
  const points = cards.map((card) => ({ marginMinor: card.period.marginMinor, resourcesMinor: card.period.resourcesMinor }));
  if (options.partnerIds) {
    const changed = new Set(cards.map((card) => card.partnerId));
    for (const row of await findScorecardPoints(db)) {
      if (!changed.has(row.partner_id)) points.push({ marginMinor: row.margin_minor, resourcesMinor: row.resources_minor });
    }
  }
  const medians = portfolioMedians(points);
  const refreshedAt = nowIso();
  const tierOf = new Map(partners.map((partner) => [partner.id, partner.tier_id]));
  const rows: PartnerScorecardTable[] = cards.map((card) => {
    card.quadrant = quadrantOf(
      { marginMinor: card.period.marginMinor, resourcesMinor: card.period.resourcesMinor, revenueMinor: card.period.revenueMinor },
      medians,
    );
    return {
      partner_id: card.partnerId,
      end_month: options.endMonth,
      tier_id: tierOf.get(card.partnerId) ?? null,
      revenue_minor: card.period.revenueMinor,
      margin_minor: card.period.marginMinor,
      resources_minor: card.period.resourcesMinor,
      net_minor: card.period.netContributionMinor,
      support_minutes: card.period.supportMinutes ?? 0,
      channel_manager_hours_hundredths: card.period.channelManagerHoursHundredths,
      health_score: card.health.score,
      quadrant: card.quadrant,
      // The health score's components: why the score is what it is, kept with it. The rest of the
      // card is recomputed from the monthly figures whenever it is shown.
      scorecard: JSON.stringify(card.health.components.map((c) => [c.name, c.score, c.appliedWeightPercent])),
      refreshed_at: refreshedAt,
    };
  });
  // Recomputing every card (hourly), write only those that changed; refreshed_at then dates the card's
  // figures, and portfolio_medians.refreshed_at the recompute that last looked at every card.
  const storedBy = new Map((stored ?? []).map((row) => [row.partner_id, row]));
  const changed = all ? rows.filter((row) => rowChanged(storedBy.get(row.partner_id), row, cardValueColumns)) : rows;
  await db.transaction().execute(async (trx) => {
    await upsertScorecards(trx, changed);
    await upsertPortfolioMedians(
      trx,
      {
        end_month: options.endMonth,
        partners: points.length,
        margin_median_minor: Math.round(medians.marginMedian),
        // Whole minor units: a partner's resources are whole, so >= x.5 is >= the next whole number.
        resources_median_minor: Math.ceil(medians.resourcesMedian),
        refreshed_at: refreshedAt,
      },
      all,
    );
  });
  return cards;
}

async function endMonthFigures(db: Kysely<Database>, endMonth: string, partnerIds: readonly string[] | null): Promise<Map<string, MonthFigures>> {
  const rows = await findMonthFigures(db, endMonth, endMonth, partnerIds);
  return new Map(rows.map((row) => [row.partner_id, toMonthFigures(row)]));
}
