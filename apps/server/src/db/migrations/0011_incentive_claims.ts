import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// Incentive rules (versioned), sales claims, their serials and scores, and the review's bookkeeping
// (docs/incentives.md, "Rules and claims").
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // Every version of every rule; the current one has effective_to null. A claim is scored with the
  // versions in force at the end of its sale date.
  await db.schema
    .createTable("incentive_rule_versions")
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.references("products.id"))
    .addColumn("family_id", "text", (c) => c.references("product_families.id"))
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("revenue_step_minor", "bigint")
    .addColumn("currency", "text")
    .addColumn("multiplier_percent", "integer")
    .addColumn("starts_on", "text")
    .addColumn("ends_on", "text")
    .addColumn("tier_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("regions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("partner_roles", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("monthly_cap_points", "integer")
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("effective_from", ts, (c) => c.notNull())
    .addColumn("effective_to", ts)
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("incentive_rule_versions_pk", ["rule_id", "version"])
    .execute();
  await db.schema
    .createIndex("incentive_rule_versions_window_idx")
    .on("incentive_rule_versions")
    .columns(["effective_from", "effective_to"])
    .execute();

  await db.schema
    .createTable("incentive_claims")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("invoice_number", "text", (c) => c.notNull())
    .addColumn("invoice_date", "text", (c) => c.notNull())
    .addColumn("sale_month", "text", (c) => c.notNull())
    .addColumn("end_customer", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("auto_approved", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ledger_transaction_id", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", ts)
    .addColumn("decision_reason", "text")
    .addColumn("reversed_by", "text", (c) => c.references("users.id"))
    .addColumn("reversed_at", ts)
    .addColumn("reversal_reason", "text")
    .addColumn("reversal_transaction_id", "text")
    .addColumn("reversed_points", "integer")
    .addColumn("shortfall_points", "integer")
    .addColumn("invoice_key", "text")
    .addColumn("invoice_content_type", "text")
    .addColumn("invoice_file_name", "text")
    .addColumn("invoice_size", "bigint")
    .addColumn("import_id", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // Lists keyset on id (UUIDv7: time order): the queue by status (and partner), a partner's and a rep's claims.
  await db.schema.createIndex("incentive_claims_status_idx").on("incentive_claims").columns(["status", "id"]).execute();
  await db.schema.createIndex("incentive_claims_partner_status_idx").on("incentive_claims").columns(["partner_id", "status", "id"]).execute();
  await db.schema.createIndex("incentive_claims_partner_idx").on("incentive_claims").columns(["partner_id", "id"]).execute();
  await db.schema.createIndex("incentive_claims_user_idx").on("incentive_claims").columns(["user_id", "id"]).execute();
  // Monthly caps: a rep's approved claims in the month of sale.
  await db.schema.createIndex("incentive_claims_user_month_idx").on("incentive_claims").columns(["user_id", "sale_month", "status"]).execute();

  await db.schema
    .createTable("incentive_claim_lines")
    .addColumn("claim_id", "text", (c) => c.notNull().references("incentive_claims.id"))
    .addColumn("line_no", "integer", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("unit_net_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incentive_claim_lines_pk", ["claim_id", "line_no"])
    .execute();

  await db.schema
    .createTable("incentive_claim_serials")
    .addColumn("claim_id", "text", (c) => c.notNull().references("incentive_claims.id"))
    .addColumn("line_no", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("serial", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("incentive_claim_serials_pk", ["claim_id", "line_no", "position"])
    .execute();
  // A serial earns points once, ever: the index decides between simultaneous claims. A rejected
  // claim's serials drop out of it (active = 0); a reversed claim's stay.
  await db.schema
    .createIndex("incentive_claim_serials_active_uq")
    .on("incentive_claim_serials")
    .columns(["product_id", "serial"])
    .unique()
    .where(sql.ref("active"), "=", 1)
    .execute();
  await db.schema.createIndex("incentive_claim_serials_serial_idx").on("incentive_claim_serials").columns(["serial"]).execute();

  await db.schema
    .createTable("incentive_claim_score_lines")
    .addColumn("claim_id", "text", (c) => c.notNull().references("incentive_claims.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("rule_name", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("units", "integer", (c) => c.notNull())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("why", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incentive_claim_score_lines_pk", ["claim_id", "seq"])
    .execute();

  await db.schema
    .createTable("incentive_launch_grants")
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("claim_id", "text", (c) => c.notNull().references("incentive_claims.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("incentive_launch_grants_pk", ["rule_id", "product_id"])
    .execute();

  await db.schema
    .createTable("incentive_points_owed")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("claim_id", "text", (c) => c.notNull().references("incentive_claims.id"))
    .addColumn("points_owed", "integer", (c) => c.notNull())
    .addColumn("points_recovered", "integer", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("incentive_points_owed_user_idx").on("incentive_points_owed").columns(["user_id", "id"]).execute();

  await db.schema
    .createTable("incentive_claim_revenue_months")
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("net_minor", "bigint", (c) => c.notNull())
    .addColumn("claims", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("incentive_claim_revenue_months_pk", ["month", "partner_id", "currency"])
    .execute();
}
