import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// The rewards catalog, redemptions, leaderboard preferences and expiry warnings (docs/incentives.md).
// Points themselves live in the ledger (0010_incentive_ledger); a redemption names its ledger transactions.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // stock: null = unlimited. The CHECK is the last line of defence behind the conditional
  // UPDATE ... WHERE stock >= quantity that every redemption runs.
  await db.schema
    .createTable("rewards")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("point_cost", "integer", (c) => c.notNull())
    .addColumn("stock", "integer")
    .addColumn("image_key", "text")
    .addColumn("image_content_type", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addCheckConstraint("rewards_stock_check", sql`stock is null or stock >= 0`)
    .addCheckConstraint("rewards_point_cost_check", sql`point_cost > 0`)
    .execute();
  await db.schema.createIndex("rewards_name_idx").on("rewards").columns(["name", "id"]).execute();

  // Who may redeem an item: kind tier | region | role, value the tier id, region name or partner role.
  // Within a kind the values are alternatives; across kinds they narrow; no row of a kind = no limit.
  await db.schema
    .createTable("reward_eligibility")
    .addColumn("reward_id", "text", (c) => c.notNull().references("rewards.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reward_eligibility_pk", ["reward_id", "kind", "value"])
    .execute();

  // status: requested -> approved -> fulfilled, or cancelled before fulfilment.
  // fulfilment: shipped (tracking_number) | delivered | code_sent (voucher_code, shown only to the rep).
  await db.schema
    .createTable("reward_redemptions")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("reward_id", "text", (c) => c.notNull().references("rewards.id"))
    .addColumn("reward_name", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("unit_cost", "integer", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("shipping_address", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("fulfilment", "text")
    .addColumn("tracking_number", "text")
    .addColumn("voucher_code", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("reserve_transaction_id", "text", (c) => c.notNull())
    .addColumn("settle_transaction_id", "text")
    .addColumn("requested_at", ts, (c) => c.notNull())
    .addColumn("approved_at", ts)
    .addColumn("approved_by", "text", (c) => c.references("users.id"))
    .addColumn("fulfilled_at", ts)
    .addColumn("fulfilled_by", "text", (c) => c.references("users.id"))
    .addColumn("cancelled_at", ts)
    .addColumn("cancelled_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addCheckConstraint("reward_redemptions_quantity_check", sql`quantity > 0 and points = quantity * unit_cost`)
    .execute();
  // The fulfilment queue (by status, oldest first), a rep's own list and a partner's team list (newest first).
  await db.schema.createIndex("reward_redemptions_status_idx").on("reward_redemptions").columns(["status", "requested_at", "id"]).execute();
  await db.schema.createIndex("reward_redemptions_user_idx").on("reward_redemptions").columns(["user_id", "requested_at", "id"]).execute();
  await db.schema.createIndex("reward_redemptions_partner_idx").on("reward_redemptions").columns(["partner_id", "requested_at", "id"]).execute();

  // A rep's choice to rank on leaderboards without being named; no row = named.
  await db.schema
    .createTable("reward_preferences")
    .addColumn("user_id", "text", (c) => c.primaryKey().notNull().references("users.id"))
    .addColumn("leaderboard_opt_out", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  // One warning per rep per batch of expiring points (the calendar month they were earned in):
  // the primary key makes the daily job's warning a compare-and-set.
  await db.schema
    .createTable("reward_expiry_warnings")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("earned_month", "text", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("expires_from", ts, (c) => c.notNull())
    .addColumn("warned_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("reward_expiry_warnings_pk", ["user_id", "earned_month"])
    .execute();
}
