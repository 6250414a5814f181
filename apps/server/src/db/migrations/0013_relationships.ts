import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// Measuring partner relationships (docs/relationships.md): sell-through, margins, cost lines, the
// monthly figures and scorecard rollups, alerts, fix-or-cut decisions, joint business plans.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // The vendor's current estimate of gross margin per product family, in basis points (3500 = 35 %).
  await db.schema
    .createTable("product_family_margins")
    .addColumn("family_id", "text", (c) => c.primaryKey().notNull().references("product_families.id"))
    .addColumn("margin_bps", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addCheckConstraint("product_family_margins_bps_check", sql`margin_bps between -10000 and 10000`)
    .execute();

  // One upload or API post of a partner's sell-through; its lines name it.
  await db.schema
    .createTable("sell_through_batches")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("lines", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sell_through_batches_partner_idx").on("sell_through_batches").columns(["partner_id", "created_at"]).execute();

  // A sale (or, with negative quantity and amount, a return) a partner reported. Append-only.
  await db.schema
    .createTable("sell_through_lines")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("batch_id", "text", (c) => c.notNull().references("sell_through_batches.id"))
    .addColumn("sale_date", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("family_id", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("net_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("serials", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("end_customer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sell_through_lines_partner_idx").on("sell_through_lines").columns(["partner_id", "sale_date"]).execute();

  // Kept on write, in the same transaction as the lines: revenue per partner, month and family.
  await db.schema
    .createTable("sell_through_months")
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("family_id", "text", (c) => c.notNull())
    .addColumn("revenue_minor", "bigint", (c) => c.notNull())
    .addColumn("units", "bigint", (c) => c.notNull())
    .addColumn("lines", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("sell_through_months_pk", ["partner_id", "month", "family_id"])
    .execute();
  await db.schema.createIndex("sell_through_months_month_idx").on("sell_through_months").columns(["month", "partner_id"]).execute();

  // Resources a partner consumed that no other feature records: marketing funds, channel-manager
  // hours, training, anything else. A wrong line is voided with a reason, never deleted.
  await db.schema
    .createTable("partner_cost_lines")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("spent_on", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("hours_hundredths", "integer")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("voided_at", ts)
    .addColumn("voided_by", "text", (c) => c.references("users.id"))
    .addColumn("void_reason", "text")
    .execute();
  await db.schema.createIndex("partner_cost_lines_partner_idx").on("partner_cost_lines").columns(["partner_id", "spent_on"]).execute();

  // Kept on write: cost lines per partner, month and category (voided lines leave it).
  await db.schema
    .createTable("partner_cost_months")
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("hours_hundredths", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("partner_cost_months_pk", ["partner_id", "month", "category"])
    .execute();
  await db.schema.createIndex("partner_cost_months_month_idx").on("partner_cost_months").columns(["month", "partner_id"]).execute();

  await db.schema
    .createTable("relationship_settings")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("default_margin_bps", "integer", (c) => c.notNull())
    .addColumn("channel_manager_cost_per_hour_minor", "integer", (c) => c.notNull())
    .addColumn("health_weights", "text", (c) => c.notNull())
    .addColumn("health_threshold", "integer", (c) => c.notNull())
    .addColumn("net_window_months", "integer", (c) => c.notNull())
    .addColumn("target_return_percent", "integer", (c) => c.notNull())
    .addColumn("support_hours_available", "integer", (c) => c.notNull())
    .addColumn("channel_manager_hours_available", "integer", (c) => c.notNull())
    .addColumn("hours_per_partner_hundredths", "integer")
    .addColumn("partner_scorecards_visible", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  // Every figure of a partner for a month, pulled from its source by the refresh. NULL means the
  // source is not measured (no such feature, or nothing recorded by it), never zero.
  await db.schema
    .createTable("partner_month_figures")
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("tier_id", "text")
    .addColumn("revenue_minor", "bigint", (c) => c.notNull())
    .addColumn("margin_minor", "bigint", (c) => c.notNull())
    .addColumn("sell_through_revenue_minor", "bigint", (c) => c.notNull())
    .addColumn("claims_revenue_minor", "bigint", (c) => c.notNull())
    .addColumn("units", "bigint", (c) => c.notNull())
    .addColumn("support_minutes", "bigint")
    .addColumn("support_cost_minor", "bigint")
    .addColumn("support_allowance_minutes", "bigint")
    .addColumn("incentive_points", "bigint")
    .addColumn("incentive_cost_minor", "bigint")
    .addColumn("training_cost_minor", "bigint")
    .addColumn("marketing_cost_minor", "bigint", (c) => c.notNull())
    .addColumn("channel_manager_cost_minor", "bigint", (c) => c.notNull())
    .addColumn("channel_manager_hours_hundredths", "bigint", (c) => c.notNull())
    .addColumn("other_cost_minor", "bigint", (c) => c.notNull())
    .addColumn("active_users", "integer")
    .addColumn("library_users", "integer")
    .addColumn("news_readers", "integer")
    .addColumn("certified_staff", "integer")
    .addColumn("logins", "integer")
    .addColumn("refreshed_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("partner_month_figures_pk", ["partner_id", "month"])
    .execute();
  await db.schema.createIndex("partner_month_figures_month_idx").on("partner_month_figures").columns(["month", "partner_id"]).execute();

  // Each partner's trailing-twelve-month scorecard as of end_month, kept by the refresh: the
  // portfolio reads one row per partner. `scorecard` is the full computed card (JSON).
  await db.schema
    .createTable("partner_scorecards")
    .addColumn("partner_id", "text", (c) => c.primaryKey().notNull())
    .addColumn("end_month", "text", (c) => c.notNull())
    .addColumn("tier_id", "text")
    .addColumn("revenue_minor", "bigint", (c) => c.notNull())
    .addColumn("margin_minor", "bigint", (c) => c.notNull())
    .addColumn("resources_minor", "bigint", (c) => c.notNull())
    .addColumn("net_minor", "bigint", (c) => c.notNull())
    .addColumn("support_minutes", "bigint", (c) => c.notNull())
    .addColumn("channel_manager_hours_hundredths", "bigint", (c) => c.notNull())
    .addColumn("health_score", "integer")
    .addColumn("quadrant", "text", (c) => c.notNull())
    .addColumn("scorecard", "text", (c) => c.notNull())
    .addColumn("refreshed_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("partner_scorecards_tier_idx").on("partner_scorecards").columns(["tier_id", "health_score"]).execute();

  // A partner flagged by the daily evaluation. One open flag per partner and rule.
  await db.schema
    .createTable("relationship_flags")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("raised_on", "text", (c) => c.notNull())
    .addColumn("figures", "text", (c) => c.notNull())
    .addColumn("notified_user_id", "text", (c) => c.references("users.id"))
    .addColumn("notified_at", ts)
    .addColumn("cleared_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("relationship_flags_partner_idx").on("relationship_flags").columns(["partner_id", "status"]).execute();
  await db.schema
    .createIndex("relationship_flags_open_idx")
    .unique()
    .on("relationship_flags")
    .columns(["partner_id", "rule"])
    .where(sql.ref("status"), "=", "open")
    .execute();

  // A fix, watch or cut decision about a partner, with its review date; cut carries the
  // offboarding dates and stage (notice -> reduced -> removed).
  await db.schema
    .createTable("relationship_decisions")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("review_on", "text")
    .addColumn("reminded_for", "text")
    .addColumn("notice_on", "text")
    .addColumn("reduce_on", "text")
    .addColumn("end_on", "text")
    .addColumn("cut_stage", "text")
    .addColumn("outcome", "text")
    .addColumn("outcome_reason", "text")
    .addColumn("decided_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("decided_at", ts, (c) => c.notNull())
    .addColumn("closed_by", "text", (c) => c.references("users.id"))
    .addColumn("closed_at", ts)
    .execute();
  await db.schema.createIndex("relationship_decisions_partner_idx").on("relationship_decisions").columns(["partner_id", "decided_at"]).execute();
  // At most one open decision per partner: a second one is refused even under concurrent requests.
  await db.schema
    .createIndex("relationship_decisions_open_idx")
    .unique()
    .on("relationship_decisions")
    .column("partner_id")
    .where(sql.ref("status"), "=", "open")
    .execute();
  await db.schema.createIndex("relationship_decisions_review_idx").on("relationship_decisions").columns(["status", "review_on"]).execute();

  // Dated actions of an improvement plan, for either side.
  await db.schema
    .createTable("relationship_actions")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("decision_id", "text", (c) => c.notNull().references("relationship_decisions.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("relationship_actions_decision_idx").on("relationship_actions").columns(["decision_id", "due_on"]).execute();

  await db.schema
    .createTable("relationship_reviews")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("decision_id", "text", (c) => c.notNull().references("relationship_decisions.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("next_review_on", "text")
    .addColumn("reviewed_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("reviewed_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("relationship_reviews_decision_idx").on("relationship_reviews").columns(["decision_id", "reviewed_at"]).execute();

  // The partner's relationship timeline: flags, decisions, actions, reviews, outcomes. Append-only.
  await db.schema
    .createTable("relationship_timeline")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("actor_id", "text", (c) => c.references("users.id"))
    .addColumn("decision_id", "text")
    .addColumn("flag_id", "text")
    .execute();
  await db.schema.createIndex("relationship_timeline_partner_idx").on("relationship_timeline").columns(["partner_id", "at"]).execute();

  // Joint business plan: one per partner and year, with targets and both sides' commitments.
  await db.schema
    .createTable("business_plans")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addUniqueConstraint("business_plans_partner_year_key", ["partner_id", "year"])
    .execute();

  await db.schema
    .createTable("business_plan_items")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("plan_id", "text", (c) => c.notNull().references("business_plans.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("target_value", "bigint", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("measure", "text")
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("actual_value", "bigint")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("business_plan_items_plan_idx").on("business_plan_items").columns(["plan_id", "side", "due_on"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "business_plan_items",
    "business_plans",
    "relationship_timeline",
    "relationship_reviews",
    "relationship_actions",
    "relationship_decisions",
    "relationship_flags",
    "partner_scorecards",
    "partner_month_figures",
    "relationship_settings",
    "partner_cost_months",
    "partner_cost_lines",
    "sell_through_months",
    "sell_through_lines",
    "sell_through_batches",
    "product_family_margins",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
