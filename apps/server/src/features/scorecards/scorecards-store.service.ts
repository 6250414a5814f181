import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, PartnerScorecardTable } from "../../db/types.js";
import { findPartnerDirectory, findScorecardRows, upsertScorecards } from "./figures.repository.js";
import { monthFiguresByPartner } from "./figures.service.js";
import type { Scorecard } from "./scorecard.types.js";
import { addMonths, computeScorecard, portfolioMedians, quadrantOf } from "./scorecard-math.js";
import { type RelationshipSettings, scorecardSettingsOf } from "./settings.service.js";

/** Quadrants need the portfolio's medians, known only once every card is computed: set afterwards. */
const provisional = { marginMedian: 0, resourcesMedian: 0 };

/** Partners the portfolio and the evaluation look at: neither archived nor terminated. */
export const measuredStatuses = new Set(["prospect", "active", "probation"]);

/**
 * Recomputes the stored trailing-twelve-month scorecards ending with endMonth: 24 months of
 * figures per partner (the period and the one before it) through the pure arithmetic. The
 * portfolio reads these rows, one per partner. With partnerIds, only those partners' rows change;
 * the quadrant medians then come from every stored row.
 */
export async function recomputeScorecards(
  db: Kysely<Database>,
  options: { partnerIds: readonly string[] | null; endMonth: string; settings: RelationshipSettings },
): Promise<Scorecard[]> {
  const fromMonth = addMonths(options.endMonth, -23);
  const [directory, figures] = await Promise.all([
    findPartnerDirectory(db, options.partnerIds),
    monthFiguresByPartner(db, fromMonth, options.endMonth, options.partnerIds),
  ]);
  const settings = scorecardSettingsOf(options.settings);
  const partners = directory.filter((partner) => partner.archived_at === null && measuredStatuses.has(partner.status));
  const cards = partners.map((partner) =>
    computeScorecard({
      partnerId: partner.id,
      months: figures.get(partner.id) ?? [],
      endMonth: options.endMonth,
      periodMonths: 12,
      settings,
      thresholds: provisional,
    }),
  );
  const points = cards.map((card) => ({ marginMinor: card.period.marginMinor, resourcesMinor: card.period.resourcesMinor }));
  if (options.partnerIds) {
    const changed = new Set(cards.map((card) => card.partnerId));
    for (const row of await findScorecardRows(db)) {
      if (!changed.has(row.partner_id)) points.push({ marginMinor: Number(row.margin_minor), resourcesMinor: Number(row.resources_minor) });
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
      scorecard: JSON.stringify(card),
      refreshed_at: refreshedAt,
    };
  });
  await db.transaction().execute(async (trx) => {
    await upsertScorecards(trx, rows);
  });
  return cards;
}
