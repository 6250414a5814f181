import type { Kysely } from "kysely";
import { type BulkUpsertSpec, bulkUpsert } from "../../db/bulk-upsert.js";
import type { Database, PartnerMonthFiguresTable, PartnerScorecardTable } from "../../db/types.js";

/** Financial columns: the refresh after new sales or costs rewrites these and leaves engagement alone. */
export const financialColumns = [
  "tier_id",
  "revenue_minor",
  "margin_minor",
  "sell_through_revenue_minor",
  "claims_revenue_minor",
  "units",
  "support_minutes",
  "support_cost_minor",
  "support_allowance_minutes",
  "incentive_points",
  "incentive_cost_minor",
  "training_cost_minor",
  "marketing_cost_minor",
  "channel_manager_cost_minor",
  "channel_manager_hours_hundredths",
  "other_cost_minor",
  "refreshed_at",
] as const;

export const engagementColumns = ["active_users", "library_users", "news_readers", "certified_staff", "logins"] as const;

const monthFigureTypes: BulkUpsertSpec<PartnerMonthFiguresTable>["columns"] = {
  partner_id: "text",
  month: "text",
  tier_id: "text",
  revenue_minor: "bigint",
  margin_minor: "bigint",
  sell_through_revenue_minor: "bigint",
  claims_revenue_minor: "bigint",
  units: "bigint",
  support_minutes: "bigint",
  support_cost_minor: "bigint",
  support_allowance_minutes: "bigint",
  incentive_points: "bigint",
  incentive_cost_minor: "bigint",
  training_cost_minor: "bigint",
  marketing_cost_minor: "bigint",
  channel_manager_cost_minor: "bigint",
  channel_manager_hours_hundredths: "bigint",
  other_cost_minor: "bigint",
  active_users: "integer",
  library_users: "integer",
  news_readers: "integer",
  certified_staff: "integer",
  logins: "integer",
  refreshed_at: "timestamptz",
};

export async function upsertMonthFigures(
  db: Kysely<Database>,
  rows: PartnerMonthFiguresTable[],
  columns: readonly (keyof PartnerMonthFiguresTable)[],
): Promise<void> {
  await bulkUpsert(db, { table: "partner_month_figures", columns: monthFigureTypes, key: ["partner_id", "month"], update: columns }, rows);
}

export async function findMonthFigures(
  db: Kysely<Database>,
  fromMonth: string,
  toMonth: string,
  partnerIds: readonly string[] | null,
): Promise<PartnerMonthFiguresTable[]> {
  if (partnerIds && partnerIds.length === 0) return [];
  if (partnerIds && partnerIds.length === 1) {
    // One partner: the primary key range, not the month index.
    return db
      .selectFrom("partner_month_figures")
      .selectAll()
      .where("partner_id", "=", partnerIds[0] as string)
      .where("month", ">=", fromMonth)
      .where("month", "<=", toMonth)
      .orderBy("month")
      .execute();
  }
  if (partnerIds) {
    return db
      .selectFrom("partner_month_figures")
      .selectAll()
      .where("month", ">=", fromMonth)
      .where("month", "<=", toMonth)
      .where("partner_id", "in", partnerIds)
      .execute();
  }
  // Every partner: pages of the month index, so no single read holds SQLite (and the server) for long.
  const rows: PartnerMonthFiguresTable[] = [];
  let after: { month: string; partnerId: string } | null = null;
  for (;;) {
    const cursor = after;
    let query = db
      .selectFrom("partner_month_figures")
      .selectAll()
      .where("month", ">=", fromMonth)
      .where("month", "<=", toMonth)
      .orderBy("month")
      .orderBy("partner_id")
      .limit(pageSize);
    if (cursor)
      query = query.where((eb) =>
        eb.or([eb("month", ">", cursor.month), eb.and([eb("month", "=", cursor.month), eb("partner_id", ">", cursor.partnerId)])]),
      );
    const page = await query.execute();
    rows.push(...page);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return rows;
    after = { month: last.month, partnerId: last.partner_id };
  }
}

const pageSize = 1000;

/** A stored card's values: every column but its partner and its refresh time. */
export const cardValueColumns = [
  "end_month",
  "tier_id",
  "revenue_minor",
  "margin_minor",
  "resources_minor",
  "net_minor",
  "support_minutes",
  "channel_manager_hours_hundredths",
  "health_score",
  "quadrant",
  "scorecard",
] as const;

const scorecardSpec: BulkUpsertSpec<PartnerScorecardTable> = {
  table: "partner_scorecards",
  columns: {
    partner_id: "text",
    end_month: "text",
    tier_id: "text",
    revenue_minor: "bigint",
    margin_minor: "bigint",
    resources_minor: "bigint",
    net_minor: "bigint",
    support_minutes: "bigint",
    channel_manager_hours_hundredths: "bigint",
    health_score: "integer",
    quadrant: "text",
    scorecard: "text",
    refreshed_at: "timestamptz",
  },
  key: ["partner_id"],
  update: [...cardValueColumns, "refreshed_at"],
};

export async function upsertScorecards(db: Kysely<Database>, rows: PartnerScorecardTable[]): Promise<void> {
  await bulkUpsert(db, scorecardSpec, rows);
}

export async function findScorecardRows(db: Kysely<Database>): Promise<Omit<PartnerScorecardTable, "scorecard">[]> {
  return db
    .selectFrom("partner_scorecards")
    .select(["partner_id", ...cardValueColumns.filter((column) => column !== "scorecard"), "refreshed_at"])
    .execute();
}

export interface PartnerDirectoryRow {
  id: string;
  name: string;
  status: string;
  archived_at: string | null;
  tier_id: string | null;
  tier_name: string | null;
  support_allowance_hours: number | null;
  channel_manager_id: string | null;
  channel_manager_name: string | null;
}

/** Partners with their tier and channel manager: read-only joins of the partners, tiers and users tables. */
export async function findPartnerDirectory(db: Kysely<Database>, partnerIds: readonly string[] | null): Promise<PartnerDirectoryRow[]> {
  if (partnerIds && partnerIds.length === 0) return [];
  let query = db
    .selectFrom("partners")
    .leftJoin("tiers", "tiers.id", "partners.tier_id")
    .leftJoin("users", "users.id", "partners.channel_manager_id")
    .select([
      "partners.id",
      "partners.name",
      "partners.status",
      "partners.archived_at",
      "partners.tier_id",
      "tiers.name as tier_name",
      "tiers.support_allowance_hours",
      "partners.channel_manager_id",
      "users.name as channel_manager_name",
    ]);
  if (partnerIds) query = query.where("partners.id", "in", partnerIds);
  return query.orderBy("partners.name").execute() as Promise<PartnerDirectoryRow[]>;
}

/** Sign-ins per partner in [from, to): sessions are made at sign-in (a read-only join of the auth tables). */
export async function countLoginsByPartner(db: Kysely<Database>, fromIso: string, toIso: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.partner_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("users.partner_id", "is not", null)
    .where("sessions.created_at", ">=", fromIso)
    .where("sessions.created_at", "<", toIso)
    .groupBy("users.partner_id")
    .execute();
  return new Map(rows.map((row) => [row.partner_id as string, Number(row.n)]));
}
