import type { ProductLifecycle, RmaStatus, TicketSeverity, TicketStatus } from "@trellis/shared";
import { nowIso } from "../db/dialect.js";
import { addMinutesToHotspots, addTicketToHotspots } from "../features/support/hotspots-rollup.js";
import { nextSupportNumber } from "../features/support/rmas.repository.js";
import { uuidv7 } from "../platform/ids.js";
import type { TestApp } from "./harness.js";

/**
 * Support-desk rows inserted straight through Kysely, for tests that need tickets without going
 * through the ticket API (hot-spots over many months, RMAs on a given ticket). Columns follow
 * migration 0003_support; SLA fields are left "no policy" (queue_due_at far in the future).
 */

const noDue = "9999-12-31T00:00:00.000Z";

/** A product family and a product in it, straight into the catalogue. */
export async function createProductFixture(
  app: TestApp,
  input: { name?: string; sku?: string; serialPattern?: string; lifecycle?: ProductLifecycle; familyId?: string } = {},
): Promise<{ id: string; name: string; sku: string; familyId: string; serialPattern: string }> {
  const now = nowIso();
  const id = uuidv7();
  let familyId = input.familyId;
  if (!familyId) {
    familyId = uuidv7();
    await app.ctx.db
      .insertInto("product_families")
      .values({ id: familyId, name: `Family ${familyId.slice(-8)}`, description: "", created_at: now, updated_at: now })
      .execute();
  }
  const product = {
    id,
    sku: input.sku ?? `SKU-${id.slice(-8)}`,
    name: input.name ?? `Product ${id.slice(-6)}`,
    familyId,
    serialPattern: input.serialPattern ?? "CAM-\\d{6}",
  };
  await app.ctx.db
    .insertInto("products")
    .values({
      id,
      sku: product.sku,
      name: product.name,
      family_id: familyId,
      description: "",
      list_price_minor: 10000,
      currency: "USD",
      lifecycle: input.lifecycle ?? "active",
      serial_pattern: product.serialPattern,
      image_key: null,
      image_content_type: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return product;
}

export interface TicketFixtureInput {
  partnerId: string;
  requesterId: string;
  subject?: string;
  severity?: TicketSeverity;
  status?: TicketStatus;
  products?: { productId: string; serials?: string[] }[];
  firmwareVersion?: string;
  knownProblemId?: string | null;
  minutesLogged?: number;
  createdAt?: string;
}

/** A ticket (numbered from the same 'ticket' counter the API uses) with its product rows. */
export async function createTicketFixture(app: TestApp, input: TicketFixtureInput): Promise<{ id: string; number: number }> {
  const id = uuidv7();
  const createdAt = input.createdAt ?? nowIso();
  const status = input.status ?? "open";
  const number = await nextSupportNumber(app.ctx.db, "ticket");
  await app.ctx.db
    .insertInto("tickets")
    .values({
      id,
      number,
      partner_id: input.partnerId,
      requester_id: input.requesterId,
      subject: input.subject ?? `Ticket ${number}`,
      description: "Fixture ticket",
      category: "installation",
      severity: input.severity ?? "P3",
      status,
      active: status === "resolved" || status === "closed" ? 0 : 1,
      assignee_id: null,
      family_id: null,
      firmware_version: input.firmwareVersion ?? "",
      site_name: "",
      known_problem_id: input.knownProblemId ?? null,
      merged_into_id: null,
      first_response_target: null,
      resolution_target: null,
      sla_elapsed_minutes: 0,
      sla_running_since: null,
      first_response_at: null,
      first_response_due_at: null,
      resolution_due_at: null,
      first_response_breached: 0,
      resolution_breached: 0,
      warned_at: null,
      queue_due_at: noDue,
      minutes_logged: input.minutesLogged ?? 0,
      reply_count: 0,
      resolved_at: null,
      closed_at: null,
      last_activity_at: createdAt,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
  const productRows = (input.products ?? []).flatMap((p) =>
    (p.serials && p.serials.length > 0 ? p.serials : [""]).map((serial) => ({ ticket_id: id, product_id: p.productId, serial })),
  );
  if (productRows.length > 0) await app.ctx.db.insertInto("ticket_products").values(productRows).execute();
  // Kept like the API keeps it, so the hot-spots report sees fixture tickets.
  await addTicketToHotspots(
    app.ctx.db,
    {
      id,
      partner_id: input.partnerId,
      created_at: createdAt,
      firmware_version: input.firmwareVersion ?? "",
      known_problem_id: input.knownProblemId ?? null,
      minutes_logged: input.minutesLogged ?? 0,
    },
    productRows.map((row) => row.product_id),
  );
  return { id, number };
}

/** A reply or note with time logged: adds the minutes to the ticket and to the monthly rollup. */
export async function addReplyFixture(
  app: TestApp,
  input: { ticketId: string; authorId: string; minutes?: number; internal?: boolean; body?: string; createdAt?: string },
): Promise<string> {
  const ticket = await app.ctx.db
    .selectFrom("tickets")
    .select(["id", "partner_id", "created_at", "firmware_version", "known_problem_id", "minutes_logged"])
    .where("id", "=", input.ticketId)
    .executeTakeFirstOrThrow();
  const id = uuidv7();
  const createdAt = input.createdAt ?? nowIso();
  const minutes = input.minutes ?? 0;
  await app.ctx.db
    .insertInto("ticket_replies")
    .values({
      id,
      ticket_id: input.ticketId,
      partner_id: ticket.partner_id,
      author_id: input.authorId,
      internal: input.internal ? 1 : 0,
      body: input.body ?? "Fixture reply",
      minutes,
      created_at: createdAt,
    })
    .execute();
  await app.ctx.db
    .updateTable("tickets")
    .set((eb) => ({ minutes_logged: eb("minutes_logged", "+", minutes), reply_count: eb("reply_count", "+", 1), last_activity_at: createdAt }))
    .where("id", "=", input.ticketId)
    .execute();
  if (minutes > 0) {
    await app.ctx.db
      .insertInto("support_time_monthly")
      .values({ partner_id: ticket.partner_id, month: createdAt.slice(0, 7), minutes, tickets_opened: 0 })
      .onConflict((oc) => oc.columns(["month", "partner_id"]).doUpdateSet((eb) => ({ minutes: eb("support_time_monthly.minutes", "+", minutes) })))
      .execute();
    await addMinutesToHotspots(app.ctx.db, ticket, minutes);
  }
  return id;
}

/** An RMA straight into the table (numbered from the 'rma' counter), for access tests. */
export async function createRmaFixture(
  app: TestApp,
  input: { ticketId: string; productId: string; serial: string; authorisedBy: string; status?: RmaStatus },
): Promise<{ id: string; number: number }> {
  const ticket = await app.ctx.db.selectFrom("tickets").select(["partner_id"]).where("id", "=", input.ticketId).executeTakeFirstOrThrow();
  const id = uuidv7();
  const now = nowIso();
  const number = await nextSupportNumber(app.ctx.db, "rma");
  await app.ctx.db
    .insertInto("rmas")
    .values({
      id,
      number,
      partner_id: ticket.partner_id,
      ticket_id: input.ticketId,
      product_id: input.productId,
      serial: input.serial,
      reason: "Fixture RMA",
      status: input.status ?? "authorised",
      replacement_serial: null,
      authorised_by: input.authorisedBy,
      received_at: null,
      replaced_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, number };
}
