import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/types.js";
import { type AuthenticatedActor, isPartnerActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, forbidden } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { productSerialRefsByIds, serialMatches } from "../products/products.service.js";
import { deskClock, monthOf } from "./desk-clock.js";
import { addTicketToHotspots } from "./hotspots-rollup.js";
import { startClock } from "./sla-clock.js";
import type { ticketInput, ticketQuery } from "./support.schemas.js";
import { notifyAgentsOfP1, notifyAssigned } from "./support-mail.js";
import { pickRoundRobinAgent } from "./support-settings.repository.js";
import { slaTargetsFor } from "./support-settings.service.js";
import { addMonthlyTime, insertEvent } from "./ticket-activity.repository.js";
import { getTicketDetail, type TicketDetail, type TicketSummary, toSummary, userIdOf } from "./ticket-detail.service.js";
import { dueColumns } from "./ticket-sla.js";
import {
  countActiveTicketsOf,
  farFuture,
  findPartnerTier,
  findTicketPage,
  insertTicket,
  insertTicketProducts,
  nextNumber,
  type TicketRow,
} from "./tickets.repository.js";

type TicketQuery = z.infer<typeof ticketQuery>;

export async function listTickets(ctx: AppContext, actor: AuthenticatedActor, query: TicketQuery): Promise<Page<TicketSummary>> {
  const clock = await deskClock(ctx);
  const after = decodeCursor(query.cursor, 2);
  const assigneeId = query.assigneeId === "me" ? (actor.kind === "user" ? actor.userId : "none") : query.assigneeId;
  const rows = await findTicketPage(
    ctx.db,
    actor,
    {
      statuses: query.status,
      severities: query.severity,
      partnerId: query.partnerId,
      tierId: query.tierId,
      productId: query.productId,
      assigneeId,
      sla: query.slaState ? { state: query.slaState, now: clock.now, warnAt: clock.warnAt } : undefined,
      q: query.q || undefined,
    },
    query.sort,
    after,
    query.limit,
  );
  const page = toPage(rows, query.limit, (row) =>
    query.sort === "sla" ? [row.queue_due_at, row.id] : [query.sort === "newest" ? row.created_at : row.last_activity_at, row.id],
  );
  return { items: page.items.map((row) => toSummary(row, clock)), nextCursor: page.nextCursor };
}

type TicketInput = z.infer<typeof ticketInput>;

async function validatedProducts(ctx: AppContext, input: TicketInput) {
  const refs = await productSerialRefsByIds(
    ctx.db,
    input.products.map((product) => product.productId),
  );
  const rows: { product_id: string; serial: string }[] = [];
  for (const [index, product] of input.products.entries()) {
    const ref = refs.get(product.productId);
    if (!ref)
      throw badRequest(`products[${index}].productId is not a product`, [{ path: `body.products.${index}.productId`, message: "is not a product" }]);
    for (const [serialIndex, serial] of product.serials.entries()) {
      if (!serialMatches(ref.serialPattern, serial)) {
        throw badRequest(`Serial ${serial} does not match the serial pattern of ${ref.name}`, [
          {
            path: `body.products.${index}.serials.${serialIndex}`,
            message: `does not match the serial pattern of ${ref.name} (${ref.serialPattern})`,
          },
        ]);
      }
    }
    const serials = product.serials.length > 0 ? [...new Set(product.serials)] : [""];
    for (const serial of serials) {
      if (!rows.some((row) => row.product_id === ref.id && row.serial === serial)) rows.push({ product_id: ref.id, serial });
    }
  }
  const firstFamily = input.products[0] ? (refs.get(input.products[0].productId)?.familyId ?? null) : null;
  return { rows, familyId: firstFamily };
}

/** A partner user opens a ticket: numbered, SLA clock started, assigned round-robin when the desk does that. */
export async function createTicket(ctx: AppContext, actor: AuthenticatedActor, input: TicketInput, requestId: string): Promise<TicketDetail> {
  if (!isPartnerActor(actor)) throw forbidden("Tickets are opened by partner staff");
  const requesterId = userIdOf(actor);
  const { rows: productRows, familyId } = await validatedProducts(ctx, input);
  const clock = await deskClock(ctx);
  const tierId = await findPartnerTier(ctx.db, actor.partnerId);
  const targets = await slaTargetsFor(ctx.db, tierId, input.severity);
  const at = clock.now;
  const id = uuidv7();

  const ticket = await ctx.db.transaction().execute(async (trx) => {
    const number = await nextNumber(trx, "ticket");
    const assigneeId = clock.settings.autoAssign && familyId ? await pickRoundRobinAgent(trx, familyId, at) : null;
    const base: TicketRow = {
      id,
      number,
      partner_id: actor.partnerId,
      requester_id: requesterId,
      subject: input.subject,
      description: input.description,
      category: input.category,
      severity: input.severity,
      status: "new",
      active: 1,
      assignee_id: assigneeId,
      family_id: familyId,
      firmware_version: input.firmwareVersion,
      site_name: input.siteName,
      known_problem_id: null,
      merged_into_id: null,
      first_response_target: targets.firstResponseMinutes,
      resolution_target: targets.resolutionMinutes,
      sla_elapsed_minutes: 0,
      sla_running_since: at,
      first_response_at: null,
      first_response_due_at: null,
      resolution_due_at: null,
      first_response_breached: 0,
      resolution_breached: 0,
      warned_at: null,
      queue_due_at: farFuture,
      minutes_logged: 0,
      reply_count: 0,
      resolved_at: null,
      closed_at: null,
      last_activity_at: at,
      created_at: at,
      updated_at: at,
    };
    const row = { ...base, ...dueColumns(clock.calendar, base, startClock(at)) };
    await insertTicket(trx, row);
    await insertTicketProducts(
      trx,
      productRows.map((product) => ({ ticket_id: id, ...product })),
    );
    await addMonthlyTime(trx, actor.partnerId, monthOf(at), 0, 1);
    await addTicketToHotspots(
      trx,
      row,
      productRows.map((product) => product.product_id),
    );
    await insertEvent(trx, {
      id: uuidv7(),
      ticket_id: id,
      actor_id: requesterId,
      kind: "opened",
      detail: JSON.stringify({ severity: input.severity }),
      created_at: at,
    });
    if (assigneeId) {
      await insertEvent(trx, {
        id: uuidv7(),
        ticket_id: id,
        actor_id: null,
        kind: "assigned",
        detail: JSON.stringify({ assigneeId, auto: true }),
        created_at: at,
      });
    }
    await recordAudit(
      trx,
      actor,
      {
        action: "ticket.open",
        entityType: "ticket",
        entityId: id,
        partnerId: actor.partnerId,
        after: { number, subject: input.subject, severity: input.severity },
      },
      requestId,
    );
    return row;
  });

  const detail = await getTicketDetail(ctx, actor, id);
  if (ticket.severity === "P1") await notifyAgentsOfP1(ctx, ticket, detail.partner.name);
  if (ticket.assignee_id) await notifyAssigned(ctx, ticket);
  return detail;
}

/** For other features (a cut partner's offboarding): the partner's tickets not yet resolved or closed. */
export async function openTicketCount(db: Kysely<Database>, partnerId: string): Promise<number> {
  return countActiveTicketsOf(db, partnerId);
}
