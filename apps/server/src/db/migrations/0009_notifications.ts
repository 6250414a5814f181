import { type Kysely, sql } from "kysely";
import { engineOf, timestampType } from "../dialect.js";

// Frozen once landed: add a new migration instead of editing this one.
// The in-app notification centre (docs/notifications.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(engineOf(db));

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey().notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source_type", "text")
    .addColumn("source_id", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("read_at", ts)
    .execute();
  // A user's list, newest first (keyset on created_at, id), and the bell's unread count and
  // unread list: a partial index holds only the unread rows, so both stay small however much
  // a user has read.
  await db.schema.createIndex("notifications_user_newest_idx").on("notifications").columns(["user_id", "created_at", "id"]).execute();
  await db.schema
    .createIndex("notifications_user_unread_idx")
    .on("notifications")
    .columns(["user_id", "created_at", "id"])
    .where(sql.ref("read_at"), "is", null)
    .execute();

  // Which kinds also email the user; a missing row means the kind's default.
  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", "integer", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .execute();
}
