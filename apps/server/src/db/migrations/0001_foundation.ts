import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const ts = timestampType(engine);

  await db.schema
    .createTable("vendor_settings")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("vendor_name", "text", (c) => c.notNull())
    .addColumn("supported_partner_capacity", "integer", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("tiers")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  // channel_manager_id references users, created next: SQLite accepts the forward
  // reference inline; PostgreSQL gets the constraint once users exists.
  await db.schema
    .createTable("partners")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("legal_name", "text", (c) => c.notNull())
    .addColumn("address_line1", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address_line2", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postal_code", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("country", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("region", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("territory", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tier_id", "text", (c) => c.references("tiers.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("channel_manager_id", "text", (c) => (engine === "sqlite" ? c.references("users.id") : c))
    .addColumn("logo_key", "text")
    .addColumn("logo_content_type", "text")
    .addColumn("archived_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("partners_name_idx").on("partners").column("name").execute();
  await db.schema.createIndex("partners_status_idx").on("partners").columns(["status", "name"]).execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.references("partners.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("last_login_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_partner_idx").on("users").columns(["partner_id", "name"]).execute();
  if (engine === "postgres") {
    await sql`alter table partners add constraint partners_channel_manager_fk foreign key (channel_manager_id) references users (id)`.execute(db);
  }

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("accepted_at", ts)
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema.createIndex("invitations_user_idx").on("invitations").columns(["user_id", "accepted_at"]).execute();

  await db.schema
    .createTable("password_resets")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("used_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("last_seen_at", ts, (c) => c.notNull())
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("revoked_at", ts)
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("token_prefix", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("last_used_at", ts)
    .addColumn("revoked_at", ts)
    .execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey().notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", ts, (c) => c.notNull())
    .addColumn("blocked_until", ts)
    .execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("legal_name", "text", (c) => c.notNull())
    .addColumn("website", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("principal_name", "text", (c) => c.notNull())
    .addColumn("principal_email", "text", (c) => c.notNull())
    .addColumn("principal_phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contacts", "text", (c) => c.notNull())
    .addColumn("regions", "text", (c) => c.notNull())
    .addColumn("sells", "text", (c) => c.notNull())
    .addColumn("installs", "text", (c) => c.notNull())
    .addColumn("expected_annual_volume_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", ts)
    .addColumn("decision_reason", "text")
    .addColumn("override_reason", "text")
    .addColumn("partner_id", "text", (c) => c.references("partners.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("applications_status_idx").on("applications").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("product_families")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("products")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("sku", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("family_id", "text", (c) => c.notNull().references("product_families.id"))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("list_price_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("lifecycle", "text", (c) => c.notNull())
    .addColumn("serial_pattern", "text", (c) => c.notNull())
    .addColumn("image_key", "text")
    .addColumn("image_content_type", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("products_family_idx").on("products").columns(["family_id", "name"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("at", ts, (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_token_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("request_id", "text")
    .execute();
  await db.schema.createIndex("audit_entity_idx").on("audit_log").columns(["entity_type", "entity_id", "id"]).execute();
  await db.schema.createIndex("audit_partner_idx").on("audit_log").columns(["partner_id", "id"]).execute();

  await db.schema
    .createTable("mail_messages")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("transport", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("file_name", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("job_runs")
    .addColumn("id", engine === "postgres" ? "serial" : "integer", (c) =>
      engine === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement().notNull(),
    )
    .addColumn("job_name", "text", (c) => c.notNull())
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("started_at", ts, (c) => c.notNull())
    .addColumn("finished_at", ts)
    .addColumn("error", "text")
    .addUniqueConstraint("job_runs_slot_unique", ["job_name", "slot"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only");
}
