import type { TicketSeverity, TicketStatus } from "@trellis/shared";
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { containsText, engineOf } from "../../db/dialect.js";
import type { Database, TicketTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { partnerScope } from "../../platform/access/actor.js";

export const farFuture = "9999-12-31T00:00:00.000Z";

const activeStatuses: ReadonlySet<TicketStatus> = new Set(["new", "open", "waiting_on_partner", "waiting_on_engineering"]);

export type TicketRow = TicketTable;

export interface TicketListRow {
  id: string;
  number: number;
  subject: string;
  category: TicketTable["category"];
  severity: TicketSeverity;
  status: TicketStatus;
  partner_id: string;
  partner_name: string;
  tier_name: string | null;
  requester_id: string;
  requester_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  first_response_target: number | null;
  resolution_target: number | null;
  sla_elapsed_minutes: number;
  sla_running_since: string | null;
  first_response_at: string | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_response_breached: number;
  resolution_breached: number;
  queue_due_at: string;
  minutes_logged: number;
  reply_count: number;
  active: number;
  last_activity_at: string;
  created_at: string;
}

export interface QueueFilters {
  statuses?: readonly TicketStatus[];
  severities?: readonly TicketSeverity[];
  partnerId?: string;
  tierId?: string;
  productId?: string;
  /** A user id, or "none" for unassigned. */
  assigneeId?: string;
  sla?: { state: "on_track" | "at_risk" | "breached" | "paused" | "met"; now: string; warnAt: string };
  q?: string;
}

export type QueueSort = "sla" | "newest" | "updated";

const listColumns = [
  "tickets.id",
  "tickets.number",
  "tickets.subject",
  "tickets.category",
  "tickets.severity",
  "tickets.status",
  "tickets.partner_id",
  "partners.name as partner_name",
  "tiers.name as tier_name",
  "tickets.requester_id",
  "requester.name as requester_name",
  "tickets.assignee_id",
  "assignee.name as assignee_name",
  "tickets.first_response_target",
  "tickets.resolution_target",
  "tickets.sla_elapsed_minutes",
  "tickets.sla_running_since",
  "tickets.first_response_at",
  "tickets.first_response_due_at",
  "tickets.resolution_due_at",
  "tickets.first_response_breached",
  "tickets.resolution_breached",
  "tickets.queue_due_at",
  "tickets.minutes_logged",
  "tickets.reply_count",
  "tickets.active",
  "tickets.last_activity_at",
  "tickets.created_at",
] as const;

function slaCondition(eb: ExpressionBuilder<Database, "tickets">, sla: NonNullable<QueueFilters["sla"]>): Expression<SqlBool> {
  const breached = eb.or([
    eb("tickets.first_response_breached", "=", 1),
    eb("tickets.resolution_breached", "=", 1),
    eb("tickets.queue_due_at", "<", sla.now),
  ]);
  switch (sla.state) {
    case "breached":
      return eb.and([eb("tickets.active", "=", 1), breached]);
    case "paused":
      return eb.and([eb("tickets.active", "=", 1), eb("tickets.status", "=", "waiting_on_partner")]);
    case "met":
      return eb.and([eb("tickets.active", "=", 0), eb("tickets.first_response_breached", "=", 0), eb("tickets.resolution_breached", "=", 0)]);
    case "at_risk":
      return eb.and([
        eb("tickets.active", "=", 1),
        eb("tickets.queue_due_at", ">=", sla.now),
        eb("tickets.queue_due_at", "<", sla.warnAt),
        eb("tickets.first_response_breached", "=", 0),
        eb("tickets.resolution_breached", "=", 0),
      ]);
    case "on_track":
      return eb.and([
        eb("tickets.active", "=", 1),
        eb("tickets.status", "!=", "waiting_on_partner"),
        eb("tickets.queue_due_at", ">=", sla.warnAt),
        eb("tickets.first_response_breached", "=", 0),
        eb("tickets.resolution_breached", "=", 0),
      ]);
  }
}

/** The queue / a partner's ticket list: scoped by the actor, filtered, keyset-paged. */
export async function findTicketPage(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  filters: QueueFilters,
  sort: QueueSort,
  after: (string | number | null)[] | undefined,
  limit: number,
): Promise<TicketListRow[]> {
  const scope = partnerScope(actor);
  let query = db
    .selectFrom("tickets")
    .innerJoin("partners", "partners.id", "tickets.partner_id")
    .leftJoin("tiers", "tiers.id", "partners.tier_id")
    .innerJoin("users as requester", "requester.id", "tickets.requester_id")
    .leftJoin("users as assignee", "assignee.id", "tickets.assignee_id")
    .select(listColumns);
  if (scope) query = query.where("tickets.partner_id", "=", scope);
  let onlyActive = false;
  if (filters.statuses && filters.statuses.length > 0) {
    query = query.where("tickets.status", "in", filters.statuses);
    // The active flag as well, when the statuses imply it: it lets the (…, active, queue_due_at)
    // indexes serve the order instead of reading a partner's whole history and sorting it.
    const activeOnes = filters.statuses.filter((status) => activeStatuses.has(status)).length;
    onlyActive = activeOnes === filters.statuses.length;
    if (onlyActive) query = query.where("tickets.active", "=", 1);
    else if (activeOnes === 0) query = query.where("tickets.active", "=", 0);
  } else if (filters.sla?.state !== "met") {
    onlyActive = true;
    query = query.where("tickets.active", "=", 1);
  }
  if (filters.severities && filters.severities.length > 0) query = query.where("tickets.severity", "in", filters.severities);
  if (filters.partnerId) query = query.where("tickets.partner_id", "=", filters.partnerId);
  if (filters.tierId) {
    // On the joined partner: the planner then walks tickets in due order and stops at the page.
    query = query.where("partners.tier_id", "=", filters.tierId);
  }
  if (filters.productId) {
    const productId = filters.productId;
    if (onlyActive && engineOf(db) === "sqlite") {
      // SQLite: the product's active tickets from ticket_products_active_idx, then the queue's order.
      // PostgreSQL plans the EXISTS form better (it starts from the due-ordered ticket indexes).
      query = query.where("tickets.id", "in", (eb) =>
        eb
          .selectFrom("ticket_products")
          .select("ticket_products.ticket_id")
          .where("ticket_products.product_id", "=", productId)
          .where("ticket_products.active", "=", 1),
      );
    } else {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("ticket_products")
            .select("ticket_products.ticket_id")
            .whereRef("ticket_products.ticket_id", "=", "tickets.id")
            .where("ticket_products.product_id", "=", productId),
        ),
      );
    }
  }
  if (filters.assigneeId === "none") query = query.where("tickets.assignee_id", "is", null);
  else if (filters.assigneeId) query = query.where("tickets.assignee_id", "=", filters.assigneeId);
  if (filters.sla) {
    const sla = filters.sla;
    query = query.where((eb) => slaCondition(eb, sla));
  }
  if (filters.q) query = query.where((eb) => ticketTextMatch(eb, filters.q as string));

  if (sort === "sla") {
    if (after) {
      const [due, id] = after as [string, string];
      query = query.where((eb) =>
        eb.or([eb("tickets.queue_due_at", ">", due), eb.and([eb("tickets.queue_due_at", "=", due), eb("tickets.id", ">", id)])]),
      );
    }
    query = query.orderBy("tickets.queue_due_at").orderBy("tickets.id");
  } else {
    const column = sort === "newest" ? "tickets.created_at" : "tickets.last_activity_at";
    if (after) {
      const [at, id] = after as [string, string];
      query = query.where((eb) => eb.or([eb(column, "<", at), eb.and([eb(column, "=", at), eb("tickets.id", "<", id)])]));
    }
    query = query.orderBy(column, "desc").orderBy("tickets.id", "desc");
  }
  const rows = await query.limit(limit + 1).execute();
  return rows as TicketListRow[];
}

function ticketTextMatch(eb: ExpressionBuilder<Database, "tickets">, q: string): Expression<SqlBool> {
  const number = /^(?:t-?)?(\d{1,9})$/i.exec(q.trim());
  const options: Expression<SqlBool>[] = [
    containsText(["tickets.subject"], q),
    eb.exists(
      eb
        .selectFrom("ticket_products")
        .select("ticket_products.ticket_id")
        .whereRef("ticket_products.ticket_id", "=", "tickets.id")
        .where("ticket_products.serial", "=", q.trim()),
    ),
  ];
  if (number) options.push(eb("tickets.number", "=", Number(number[1])));
  return eb.or(options);
}

export async function findTicket(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<TicketRow | undefined> {
  const scope = partnerScope(actor);
  let query = db.selectFrom("tickets").selectAll().where("id", "=", id);
  if (scope) query = query.where("partner_id", "=", scope);
  return query.executeTakeFirst();
}

/** The same row, locked for the rest of the transaction on PostgreSQL (SQLite's writer lock already serialises). */
export async function lockTicket(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  engine: "sqlite" | "postgres",
): Promise<TicketRow | undefined> {
  const scope = partnerScope(actor);
  let query = db.selectFrom("tickets").selectAll().where("id", "=", id);
  if (scope) query = query.where("partner_id", "=", scope);
  if (engine === "postgres") query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findListRow(db: Kysely<Database>, id: string): Promise<TicketListRow | undefined> {
  const row = await db
    .selectFrom("tickets")
    .innerJoin("partners", "partners.id", "tickets.partner_id")
    .leftJoin("tiers", "tiers.id", "partners.tier_id")
    .innerJoin("users as requester", "requester.id", "tickets.requester_id")
    .leftJoin("users as assignee", "assignee.id", "tickets.assignee_id")
    .select(listColumns)
    .where("tickets.id", "=", id)
    .executeTakeFirst();
  return row as TicketListRow | undefined;
}

export async function nextNumber(db: Kysely<Database>, name: "ticket" | "rma"): Promise<number> {
  await db
    .insertInto("support_counters")
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .updateTable("support_counters")
    .set((eb) => ({ value: eb("value", "+", 1) }))
    .where("name", "=", name)
    .returning("value")
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function insertTicket(db: Kysely<Database>, row: TicketRow): Promise<void> {
  await db.insertInto("tickets").values(row).execute();
}

/** Every update of a ticket goes through here, so ticket_products.active follows tickets.active. */
export async function updateTicketRow(db: Kysely<Database>, id: string, changes: Partial<TicketRow>): Promise<void> {
  await db.updateTable("tickets").set(changes).where("id", "=", id).execute();
  if (changes.active !== undefined) await db.updateTable("ticket_products").set({ active: changes.active }).where("ticket_id", "=", id).execute();
}

/** After a bulk load straight into the tables (demo, bench): ticket_products.active from tickets.active. */
export async function syncTicketProductsActive(db: Kysely<Database>): Promise<void> {
  await sql`update ticket_products set active = (select tickets.active from tickets where tickets.id = ticket_products.ticket_id)`.execute(db);
}

export async function insertTicketProducts(db: Kysely<Database>, rows: { ticket_id: string; product_id: string; serial: string }[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("ticket_products").values(rows).execute();
}

export async function findTicketProducts(db: Kysely<Database>, ticketId: string) {
  return db
    .selectFrom("ticket_products")
    .innerJoin("products", "products.id", "ticket_products.product_id")
    .select(["ticket_products.product_id", "ticket_products.serial", "products.name", "products.sku"])
    .where("ticket_products.ticket_id", "=", ticketId)
    .orderBy("products.name")
    .orderBy("ticket_products.serial")
    .execute();
}

/** Active, running tickets whose current target is due before `until` and not yet marked breached: the SLA job's work. */
export async function findTicketsDueBefore(db: Kysely<Database>, until: string, limit: number): Promise<TicketRow[]> {
  return db
    .selectFrom("tickets")
    .selectAll()
    .where("active", "=", 1)
    .where("queue_due_at", "<", until)
    .where((eb) =>
      eb.or([
        eb.and([eb("first_response_at", "is", null), eb("first_response_breached", "=", 0)]),
        eb.and([eb("first_response_at", "is not", null), eb("resolution_breached", "=", 0)]),
      ]),
    )
    .orderBy("queue_due_at")
    .limit(limit)
    .execute();
}

export async function findResolvedBefore(db: Kysely<Database>, before: string, limit: number) {
  return db
    .selectFrom("tickets")
    .select(["id", "partner_id"])
    .where("status", "=", "resolved")
    .where("resolved_at", "<", before)
    .limit(limit)
    .execute();
}

export async function findPartnerTier(db: Kysely<Database>, partnerId: string): Promise<string | null> {
  const row = await db.selectFrom("partners").select("tier_id").where("id", "=", partnerId).executeTakeFirst();
  return row?.tier_id ?? null;
}

/** Tickets of the partner not yet resolved or closed (a cut partner's offboarding settle list). */
export async function countActiveTicketsOf(db: Kysely<Database>, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("partner_id", "=", partnerId)
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
