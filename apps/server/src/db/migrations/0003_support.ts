import type { Kysely } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  // One row: the desk's cost, capacity and business calendar (JSON: time zone, week, holidays).
  await db.schema
    .createTable("support_settings")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("cost_per_hour_minor", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("capacity_hours_per_month", "integer", (c) => c.notNull())
    .addColumn("reopen_window_days", "integer", (c) => c.notNull())
    .addColumn("warn_before_minutes", "integer", (c) => c.notNull())
    .addColumn("team_lead_id", "text", (c) => c.references("users.id"))
    .addColumn("auto_assign", "integer", (c) => c.notNull())
    .addColumn("calendar", "text", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  // A tier's monthly support allowance in hours; null means no allowance is set.
  await db.schema.alterTable("tiers").addColumn("support_allowance_hours", "integer").execute();

  // tier_key: the tier's id, or '*' for the default policy (NULL would not be unique on PostgreSQL).
  await db.schema
    .createTable("sla_policies")
    .addColumn("tier_key", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("first_response_minutes", "integer", (c) => c.notNull())
    .addColumn("resolution_minutes", "integer", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("sla_policies_pk", ["tier_key", "severity"])
    .execute();

  // Which agents cover which product family; last_assigned_at drives the round-robin.
  await db.schema
    .createTable("agent_coverage")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("family_id", "text", (c) => c.notNull().references("product_families.id"))
    .addColumn("last_assigned_at", ts)
    .addPrimaryKeyConstraint("agent_coverage_pk", ["user_id", "family_id"])
    .execute();
  await db.schema.createIndex("agent_coverage_family_idx").on("agent_coverage").columns(["family_id", "last_assigned_at"]).execute();

  await db.schema
    .createTable("support_counters")
    .addColumn("name", "text", (c) => c.primaryKey().notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("known_problems")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("workaround", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("affected_versions", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fix_version", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("known_problem_products")
    .addColumn("known_problem_id", "text", (c) => c.notNull().references("known_problems.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addPrimaryKeyConstraint("known_problem_products_pk", ["known_problem_id", "product_id"])
    .execute();

  // active: 1 until resolved or closed. queue_due_at: the next SLA due time, or far in the future
  // while paused or without a policy, so both engines order the queue the same way without NULLs.
  await db.schema
    .createTable("tickets")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("number", "integer", (c) => c.notNull().unique())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("requester_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("assignee_id", "text", (c) => c.references("users.id"))
    .addColumn("family_id", "text", (c) => c.references("product_families.id"))
    .addColumn("firmware_version", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("site_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("known_problem_id", "text", (c) => c.references("known_problems.id"))
    .addColumn("merged_into_id", "text", (c) => c.references("tickets.id"))
    .addColumn("first_response_target", "integer")
    .addColumn("resolution_target", "integer")
    .addColumn("sla_elapsed_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sla_running_since", ts)
    .addColumn("first_response_at", ts)
    .addColumn("first_response_due_at", ts)
    .addColumn("resolution_due_at", ts)
    .addColumn("first_response_breached", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("resolution_breached", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("warned_at", ts)
    .addColumn("queue_due_at", ts, (c) => c.notNull())
    .addColumn("minutes_logged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("resolved_at", ts)
    .addColumn("closed_at", ts)
    .addColumn("last_activity_at", ts, (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tickets_queue_idx").on("tickets").columns(["active", "queue_due_at", "id"]).execute();
  await db.schema.createIndex("tickets_severity_idx").on("tickets").columns(["active", "severity", "queue_due_at"]).execute();
  await db.schema.createIndex("tickets_status_idx").on("tickets").columns(["status", "queue_due_at"]).execute();
  await db.schema.createIndex("tickets_assignee_idx").on("tickets").columns(["assignee_id", "active", "queue_due_at"]).execute();
  await db.schema.createIndex("tickets_partner_idx").on("tickets").columns(["partner_id", "active", "queue_due_at"]).execute();
  await db.schema.createIndex("tickets_partner_newest_idx").on("tickets").columns(["partner_id", "created_at"]).execute();
  await db.schema.createIndex("tickets_created_idx").on("tickets").columns(["created_at"]).execute();
  await db.schema.createIndex("tickets_family_idx").on("tickets").columns(["family_id", "active", "queue_due_at"]).execute();
  await db.schema.createIndex("tickets_known_problem_idx").on("tickets").columns(["known_problem_id", "created_at"]).execute();
  await db.schema.createIndex("tickets_merged_idx").on("tickets").columns(["merged_into_id"]).execute();

  // One row per product and serial named on a ticket (serial '' when none was given).
  await db.schema
    .createTable("ticket_products")
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("serial", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_products_pk", ["ticket_id", "product_id", "serial"])
    .execute();
  await db.schema.createIndex("ticket_products_product_idx").on("ticket_products").columns(["product_id", "ticket_id"]).execute();
  await db.schema.createIndex("ticket_products_serial_idx").on("ticket_products").columns(["serial"]).execute();

  // Public replies and internal notes; minutes: time logged with it. partner_id is copied from the
  // ticket so time per partner per month is one indexed range.
  await db.schema
    .createTable("ticket_replies")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("internal", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ticket_replies_ticket_idx").on("ticket_replies").columns(["ticket_id", "created_at"]).execute();

  // Rollup maintained on every reply with time: minutes per partner per calendar month (UTC).
  await db.schema
    .createTable("support_time_monthly")
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("tickets_opened", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("support_time_monthly_pk", ["month", "partner_id"])
    .execute();

  await db.schema
    .createTable("ticket_attachments")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("reply_id", "text", (c) => c.references("ticket_replies.id"))
    .addColumn("internal", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ticket_attachments_ticket_idx").on("ticket_attachments").columns(["ticket_id", "created_at"]).execute();

  // The ticket's timeline: status, severity, assignment, merge and SLA events (detail is JSON).
  await db.schema
    .createTable("ticket_events")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("actor_id", "text", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ticket_events_ticket_idx").on("ticket_events").columns(["ticket_id", "created_at"]).execute();

  await db.schema
    .createTable("saved_views")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("filters", "text", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addUniqueConstraint("saved_views_user_name_uq", ["user_id", "name"])
    .execute();

  await db.schema
    .createTable("rmas")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("number", "integer", (c) => c.notNull().unique())
    .addColumn("partner_id", "text", (c) => c.notNull().references("partners.id"))
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("serial", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("replacement_serial", "text")
    .addColumn("authorised_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("received_at", ts)
    .addColumn("replaced_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rmas_partner_idx").on("rmas").columns(["partner_id", "created_at"]).execute();
  await db.schema.createIndex("rmas_ticket_idx").on("rmas").columns(["ticket_id"]).execute();
  await db.schema.createIndex("rmas_serial_idx").on("rmas").columns(["serial"]).execute();
}
