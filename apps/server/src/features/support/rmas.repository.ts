import type { RmaStatus } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database, RmaTable } from "../../db/types.js";
import { type AuthenticatedActor, partnerScope } from "../../platform/access/actor.js";

/** RMA statuses that hold the unit: a second RMA for the same serial is refused while one exists. */
export const openRmaStatuses = ["authorised", "received"] as const satisfies readonly RmaStatus[];

/**
 * The next number of a support sequence ('rma', 'ticket'): one upsert, so the row is created on
 * first use and concurrent callers never get the same value. On PostgreSQL the counter row stays
 * locked until the caller's transaction ends, which also serialises whatever the caller checks
 * after it (e.g. the open-RMA-per-serial rule).
 */
export async function nextSupportNumber(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .insertInto("support_counters")
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({ value: eb("support_counters.value", "+", 1) })))
    .returning("value")
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** The ticket an RMA is authorised on, with whom to tell (agents only reach this: no partner scope). */
export function findTicketForRma(db: Kysely<Database>, ticketId: string) {
  return db
    .selectFrom("tickets")
    .innerJoin("users", "users.id", "tickets.requester_id")
    .select([
      "tickets.id",
      "tickets.number",
      "tickets.subject",
      "tickets.partner_id",
      "users.email as requester_email",
      "users.name as requester_name",
      "users.status as requester_status",
    ])
    .where("tickets.id", "=", ticketId)
    .executeTakeFirst();
}

export async function ticketNamesProduct(db: Kysely<Database>, ticketId: string, productId: string): Promise<boolean> {
  const row = await db
    .selectFrom("ticket_products")
    .select("ticket_id")
    .where("ticket_id", "=", ticketId)
    .where("product_id", "=", productId)
    .executeTakeFirst();
  return row !== undefined;
}

export function findOpenRmaForSerial(db: Kysely<Database>, productId: string, serial: string) {
  return db
    .selectFrom("rmas")
    .select(["id", "number", "status"])
    .where("serial", "=", serial)
    .where("product_id", "=", productId)
    .where("status", "in", openRmaStatuses)
    .executeTakeFirst();
}

export async function insertRma(db: Kysely<Database>, row: RmaTable) {
  await db.insertInto("rmas").values(row).execute();
}

/** Changes the RMA only while it still has `fromStatus`; returns the rows changed (0 or 1). */
export async function updateRmaRow(db: Kysely<Database>, id: string, fromStatus: RmaStatus, values: Partial<RmaTable>): Promise<number> {
  const result = await db.updateTable("rmas").set(values).where("id", "=", id).where("status", "=", fromStatus).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** RMAs with their product, partner, ticket and authoriser, confined to the actor's partner. */
function selectRmas(db: Kysely<Database>, actor: AuthenticatedActor) {
  let query = db
    .selectFrom("rmas")
    .innerJoin("products", "products.id", "rmas.product_id")
    .innerJoin("partners", "partners.id", "rmas.partner_id")
    .innerJoin("tickets", "tickets.id", "rmas.ticket_id")
    .innerJoin("users", "users.id", "rmas.authorised_by")
    .selectAll("rmas")
    .select([
      "products.sku as product_sku",
      "products.name as product_name",
      "partners.name as partner_name",
      "tickets.number as ticket_number",
      "tickets.subject as ticket_subject",
      "tickets.requester_id as requester_id",
      "users.name as authorised_by_name",
    ]);
  const scope = partnerScope(actor);
  if (scope !== null) query = query.where("rmas.partner_id", "=", scope);
  return query;
}

export type RmaRow = Awaited<ReturnType<typeof findRmaRow>> & {};

export function findRmaRow(db: Kysely<Database>, actor: AuthenticatedActor, id: string) {
  return selectRmas(db, actor).where("rmas.id", "=", id).executeTakeFirst();
}

/** Newest first, keyset-paged on (created_at, id); limit+1 rows. */
export function listRmaRows(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  filters: { status?: RmaStatus; partnerId?: string },
  page: { after: [string, string] | undefined; limit: number },
) {
  let query = selectRmas(db, actor);
  if (filters.status) query = query.where("rmas.status", "=", filters.status);
  if (filters.partnerId) query = query.where("rmas.partner_id", "=", filters.partnerId);
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple("rmas.created_at", "rmas.id"), "<", eb.tuple(after[0], after[1])));
  return query
    .orderBy("rmas.created_at", "desc")
    .orderBy("rmas.id", "desc")
    .limit(page.limit + 1)
    .execute();
}

export function rmaRowsForTicket(db: Kysely<Database>, actor: AuthenticatedActor, ticketId: string) {
  let query = db.selectFrom("rmas").select(["id", "number", "serial", "status"]).where("ticket_id", "=", ticketId);
  const scope = partnerScope(actor);
  if (scope !== null) query = query.where("partner_id", "=", scope);
  return query.orderBy("number").execute();
}
