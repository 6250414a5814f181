import { type Kysely, sql } from "kysely";

// Frozen once landed: add a new migration instead of editing this one.
// The queue's product filter reads only a product's active tickets through this flag (a copy of
// tickets.active kept in step on every status change), instead of every ticket ever filed on it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("ticket_products")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update ticket_products set active = (select tickets.active from tickets where tickets.id = ticket_products.ticket_id)`.execute(db);
  await db.schema.createIndex("ticket_products_active_idx").on("ticket_products").columns(["product_id", "active", "ticket_id"]).execute();
}
