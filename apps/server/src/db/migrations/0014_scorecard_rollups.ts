import type { Kysely } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// The portfolio's medians of margin and resources for the stored trailing-twelve-month cards,
// kept by the recompute so one partner's card finds its quadrant without reading every card; and
// each partner's sums over the 23 closed months before the card's end month, so refreshing the
// current month adds one month to them instead of summing 24 again (docs/relationships.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));
  await db.schema
    .createTable("portfolio_medians")
    .addColumn("end_month", "text", (c) => c.primaryKey().notNull())
    .addColumn("partners", "integer", (c) => c.notNull())
    .addColumn("margin_median_minor", "bigint", (c) => c.notNull())
    .addColumn("resources_median_minor", "bigint", (c) => c.notNull())
    .addColumn("refreshed_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("scorecard_bases")
    .addColumn("partner_id", "text", (c) => c.primaryKey().notNull())
    .addColumn("end_month", "text", (c) => c.notNull())
    .addColumn("sums", "text", (c) => c.notNull())
    .addColumn("computed_at", ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("scorecard_bases").execute();
  await db.schema.dropTable("portfolio_medians").execute();
}
