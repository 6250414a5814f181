import { type Kysely, sql } from "kysely";
import { bulkUpsert } from "../../db/bulk-upsert.js";
import { engineOf } from "../../db/dialect.js";
import type { Database, PartnerScorecardTable, PortfolioMediansTable, ScorecardBaseTable } from "../../db/types.js";
import { cardValueColumns } from "./figures.repository.js";

/** Partners the portfolio and the evaluation look at: neither archived nor terminated. */
export const measuredStatuses = ["prospect", "active", "probation"] as const;

/** Margin and resources of the stored cards of measured partners (read-only join of partners), for the medians. */
export async function findScorecardPoints(db: Kysely<Database>): Promise<{ partner_id: string; margin_minor: number; resources_minor: number }[]> {
  const rows = await db
    .selectFrom("partner_scorecards")
    .innerJoin("partners", "partners.id", "partner_scorecards.partner_id")
    .select(["partner_scorecards.partner_id", "partner_scorecards.margin_minor", "partner_scorecards.resources_minor"])
    .where("partners.archived_at", "is", null)
    .where("partners.status", "in", measuredStatuses)
    .execute();
  return rows.map((row) => ({ partner_id: row.partner_id, margin_minor: Number(row.margin_minor), resources_minor: Number(row.resources_minor) }));
}

export async function findScorecardRefreshedAt(db: Kysely<Database>, partnerId: string): Promise<string | null> {
  const row = await db.selectFrom("partner_scorecards").select("refreshed_at").where("partner_id", "=", partnerId).executeTakeFirst();
  return row ? String(row.refreshed_at) : null;
}

/**
 * The other partners of a tier with a stored health score, and how many score below and equal to
 * `score`: one range of partner_scorecards_tier_idx, counted in the database.
 */
export async function countTierPeers(
  db: Kysely<Database>,
  tierId: string | null,
  exceptPartnerId: string,
  score: number | null,
): Promise<{ peers: number; lower: number; equal: number }> {
  const probe = score ?? -1;
  let query = db
    .selectFrom("partner_scorecards")
    .select((eb) => [
      eb.fn.countAll<number>().as("peers"),
      eb.fn.sum<number>(eb.case().when("health_score", "<", probe).then(1).else(0).end()).as("lower"),
      eb.fn.sum<number>(eb.case().when("health_score", "=", probe).then(1).else(0).end()).as("equal"),
    ])
    .where("health_score", "is not", null)
    .where("partner_id", "!=", exceptPartnerId);
  query = tierId === null ? query.where("tier_id", "is", null) : query.where("tier_id", "=", tierId);
  const row = await query.executeTakeFirst();
  return { peers: Number(row?.peers ?? 0), lower: Number(row?.lower ?? 0), equal: Number(row?.equal ?? 0) };
}

export async function findPortfolioMedians(db: Kysely<Database>, endMonth: string): Promise<PortfolioMediansTable | undefined> {
  return db.selectFrom("portfolio_medians").selectAll().where("end_month", "=", endMonth).executeTakeFirst();
}

/** refreshed_at changes only with `allRefreshed` (a recompute of every card), so it dates the whole portfolio. */
export async function upsertPortfolioMedians(db: Kysely<Database>, row: PortfolioMediansTable, allRefreshed: boolean): Promise<void> {
  await db
    .insertInto("portfolio_medians")
    .values(row)
    .onConflict((oc) =>
      oc.column("end_month").doUpdateSet((eb) => ({
        partners: eb.ref("excluded.partners"),
        margin_median_minor: eb.ref("excluded.margin_median_minor"),
        resources_median_minor: eb.ref("excluded.resources_median_minor"),
        refreshed_at: allRefreshed ? eb.ref("excluded.refreshed_at") : eb.ref("portfolio_medians.refreshed_at"),
      })),
    )
    .execute();
}

/** Every stored card but its refresh time, to write only the cards that changed. */
export async function findStoredCards(db: Kysely<Database>): Promise<Omit<PartnerScorecardTable, "refreshed_at">[]> {
  return db
    .selectFrom("partner_scorecards")
    .select(["partner_id", ...cardValueColumns])
    .execute();
}

/**
 * What the portfolio is built from, as one string: stored cards, flags, decisions and reviews, partners
 * and tiers, settings (the support desk's and the incentive program's for their currencies; read-only). Equal strings mean the same portfolio (names of channel managers aside, which
 * the cache's age bounds). Each part is a count or a maximum over a small table.
 */
export async function portfolioVersion(db: Kysely<Database>): Promise<string> {
  const result = await sql<Record<string, unknown>>`select
      (select count(*) from partner_scorecards) as cards,
      (select max(refreshed_at) from partner_scorecards) as refreshed,
      (select max(refreshed_at) from portfolio_medians) as portfolio_refreshed,
      (select count(*) from relationship_flags) as flags,
      (select max(created_at) from relationship_flags) as flag_raised,
      (select max(cleared_at) from relationship_flags) as flag_cleared,
      (select count(*) from relationship_decisions) as decisions,
      (select max(closed_at) from relationship_decisions) as decision_closed,
      (select count(*) from relationship_reviews) as reviews,
      (select count(*) from partners) as partners,
      (select max(updated_at) from partners) as partner_updated,
      (select max(updated_at) from tiers) as tier_updated,
      (select max(updated_at) from relationship_settings) as settings_updated,
      (select max(updated_at) from support_settings) as support_settings_updated,
      (select max(updated_at) from incentive_settings) as incentive_settings_updated`.execute(db);
  const row = result.rows[0] ?? {};
  return Object.values(row)
    .map((value) => (value instanceof Date ? value.toISOString() : String(value)))
    .join("|");
}

export async function findScorecardBases(
  db: Kysely<Database>,
  endMonth: string,
  partnerIds: readonly string[] | null,
): Promise<{ partner_id: string; sums: string }[]> {
  if (partnerIds && partnerIds.length === 0) return [];
  let query = db.selectFrom("scorecard_bases").select(["partner_id", "sums"]).where("end_month", "=", endMonth);
  if (partnerIds) query = query.where("partner_id", "in", partnerIds);
  return query.execute();
}

export async function upsertScorecardBases(db: Kysely<Database>, rows: ScorecardBaseTable[]): Promise<void> {
  await bulkUpsert(
    db,
    {
      table: "scorecard_bases",
      columns: { partner_id: "text", end_month: "text", sums: "text", computed_at: "timestamptz" },
      key: ["partner_id"],
      update: ["end_month", "sums", "computed_at"],
    },
    rows,
  );
}

/** Forgets the partners' bases (all partners' with null): a closed month of theirs has changed. */
export async function deleteScorecardBases(db: Kysely<Database>, partnerIds: readonly string[] | null): Promise<void> {
  if (partnerIds === null) {
    await db.deleteFrom("scorecard_bases").execute();
    return;
  }
  for (let start = 0; start < partnerIds.length; start += 500) {
    await db
      .deleteFrom("scorecard_bases")
      .where("partner_id", "in", partnerIds.slice(start, start + 500))
      .execute();
  }
}

/**
 * Inside a transaction: serialises forgetting bases with summing them again, so a base summed from
 * months that another refresh is rewriting cannot be stored after that refresh forgot it. SQLite
 * transactions are serialised already; PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockScorecardBases(trx: Kysely<Database>): Promise<void> {
  if (engineOf(trx) === "postgres") await sql`select pg_advisory_xact_lock(73700014)`.execute(trx);
}
