import { isPartnerRole, type TicketStatus, ticketStatuses } from "@trellis/shared";
import type { z } from "zod";
import { nowIso } from "../../db/dialect.js";
import { type AuthenticatedActor, can, isPartnerActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, businessRule, forbidden, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { renderPageMarkdown } from "../library/library.markdown.js";
import { productSerialRefsByIds, serialMatches } from "../products/products.service.js";
import { isActiveVendorUserWithRole } from "../users/users.service.js";
import type { BusinessCalendar } from "./business-hours.js";
import { rmasForTicket } from "./rmas.service.js";
import { startClock } from "./sla-clock.js";
import type { statusChange, ticketDetail, ticketInput, ticketPatch, ticketQuery, ticketSummary } from "./support.schemas.js";
import { notifyAgentsOfP1, notifyAssigned, notifyPartnerOfStatus } from "./support-mail.js";
import { pickRoundRobinAgent } from "./support-settings.repository.js";
import { agentRoles, businessCalendarOf, getSupportSettings, type SupportSettings, slaTargetsFor } from "./support-settings.service.js";
import { afterStatusChange, dueColumns, slaView, warnHorizon, withTargets } from "./ticket-sla.js";
import {
  addMonthlyTime,
  farFuture,
  findAttachments,
  findEvents,
  findKnownProblemRef,
  findListRow,
  findMergedInto,
  findMergedTickets,
  findPartnerTier,
  findReplies,
  findTicket,
  findTicketPage,
  findTicketProducts,
  insertEvent,
  insertTicket,
  insertTicketProducts,
  lockTicket,
  nextNumber,
  type TicketListRow,
  type TicketRow,
  updateTicketRow,
} from "./tickets.repository.js";

export type TicketSummary = z.infer<typeof ticketSummary>;
export type TicketDetail = z.infer<typeof ticketDetail>;
type TicketQuery = z.infer<typeof ticketQuery>;

export const activeStatuses: readonly TicketStatus[] = ["new", "open", "waiting_on_partner", "waiting_on_engineering"];
/** Timeline entries a partner sees; assignment and internal bookkeeping stay with the vendor. */
const partnerEventKinds = new Set(["opened", "status", "reopened", "merged", "merged_into", "severity"]);

export interface DeskClock {
  settings: SupportSettings;
  calendar: BusinessCalendar;
  now: string;
  warnAt: string;
}

export async function deskClock(ctx: AppContext, now = nowIso()): Promise<DeskClock> {
  const settings = await getSupportSettings(ctx.db);
  const calendar = businessCalendarOf(settings);
  return { settings, calendar, now, warnAt: warnHorizon(calendar, now, settings.warnBeforeMinutes) };
}

export function monthOf(at: string): string {
  return at.slice(0, 7);
}

export function userIdOf(actor: AuthenticatedActor): string {
  if (actor.kind !== "user") throw businessRule("Tickets are written by a signed-in user, not an API token");
  return actor.userId;
}

export function toSummary(row: TicketListRow, clock: DeskClock): TicketSummary {
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    category: row.category,
    severity: row.severity,
    status: row.status,
    partner: { id: row.partner_id, name: row.partner_name, tierName: row.tier_name },
    requester: { id: row.requester_id, name: row.requester_name },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "" } : null,
    sla: slaView(clock.calendar, row, clock.now, clock.warnAt),
    minutesLogged: Number(row.minutes_logged),
    replyCount: Number(row.reply_count),
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
  };
}

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

/** The statuses the viewer may move the ticket to now. */
export function allowedStatuses(actor: AuthenticatedActor, ticket: TicketRow, reopenableUntil: string | null, now: string): TicketStatus[] {
  if (ticket.merged_into_id || ticket.status === "closed") return [];
  const reopenable = ticket.status === "resolved" && reopenableUntil !== null && now <= reopenableUntil;
  if (isPartnerRole(actor.role)) {
    if (ticket.status === "resolved") return reopenable ? ["open"] : [];
    return ticket.status === "waiting_on_partner" ? ["open", "resolved"] : ["resolved"];
  }
  if (!can(actor, "support:work")) return [];
  if (ticket.status === "resolved") return reopenable ? ["open", "closed"] : ["closed"];
  return ticketStatuses.filter((status) => status !== ticket.status && status !== "new");
}

function reopenableUntilOf(ticket: TicketRow, settings: SupportSettings): string | null {
  if (ticket.status !== "resolved" || !ticket.resolved_at) return null;
  return new Date(Date.parse(ticket.resolved_at) + settings.reopenWindowDays * 86_400_000).toISOString();
}

export async function getTicketDetail(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<TicketDetail> {
  const ticket = await findTicket(ctx.db, actor, id);
  if (!ticket) throw notFound("Ticket");
  const vendorView = !isPartnerRole(actor.role);
  const [clock, listRow, products, replies, attachments, events, merged, rmas] = await Promise.all([
    deskClock(ctx),
    findListRow(ctx.db, id),
    findTicketProducts(ctx.db, id),
    findReplies(ctx.db, id, vendorView),
    findAttachments(ctx.db, id, vendorView),
    findEvents(ctx.db, id),
    findMergedTickets(ctx.db, id),
    rmasForTicket(ctx, actor, id),
  ]);
  if (!listRow) throw notFound("Ticket");
  const knownProblem = ticket.known_problem_id ? await findKnownProblemRef(ctx.db, ticket.known_problem_id) : undefined;
  const [mergedInto] = ticket.merged_into_id ? await findMergedInto(ctx.db, [ticket.merged_into_id]) : [];
  const reopenableUntil = reopenableUntilOf(ticket, clock.settings);
  const productMap = new Map<string, { productId: string; name: string; sku: string; serials: string[] }>();
  for (const product of products) {
    const entry = productMap.get(product.product_id) ?? { productId: product.product_id, name: product.name, sku: product.sku, serials: [] };
    if (product.serial) entry.serials.push(product.serial);
    productMap.set(product.product_id, entry);
  }
  return {
    ...toSummary(listRow, clock),
    description: ticket.description,
    descriptionHtml: renderPageMarkdown(ticket.description),
    products: [...productMap.values()],
    firmwareVersion: ticket.firmware_version ?? "",
    siteName: ticket.site_name ?? "",
    replies: replies.map((reply) => ({
      id: reply.id,
      author: { id: reply.author_id, name: reply.author_name, side: reply.author_partner_id ? ("partner" as const) : ("vendor" as const) },
      internal: reply.internal === 1,
      body: reply.body,
      html: renderPageMarkdown(reply.body),
      minutes: vendorView ? Number(reply.minutes) : null,
      createdAt: reply.created_at,
    })),
    attachments: attachments.map((file) => ({
      id: file.id,
      replyId: file.reply_id,
      internal: file.internal === 1,
      fileName: file.file_name,
      contentType: file.content_type,
      size: Number(file.size),
      uploadedBy: { id: file.uploaded_by, name: file.uploader_name },
      createdAt: file.created_at,
      url: `/api/v1/support/tickets/${id}/attachments/${file.id}`,
    })),
    events: events
      .filter((event) => vendorView || partnerEventKinds.has(event.kind))
      .map((event) => ({
        id: event.id,
        kind: event.kind,
        actor: event.actor_id ? { id: event.actor_id, name: event.actor_name ?? "" } : null,
        detail: JSON.parse(event.detail) as Record<string, unknown>,
        createdAt: event.created_at,
      })),
    knownProblem: knownProblem
      ? { id: knownProblem.id, title: knownProblem.title, workaround: knownProblem.workaround, fixVersion: knownProblem.fix_version }
      : null,
    mergedInto: mergedInto ? { id: mergedInto.id, number: Number(mergedInto.number) } : null,
    merged: merged.map((row) => ({ id: row.id, number: Number(row.number), subject: row.subject })),
    rmas,
    resolvedAt: ticket.resolved_at,
    closedAt: ticket.closed_at,
    reopenableUntil,
    allowedStatuses: allowedStatuses(actor, ticket, reopenableUntil, clock.now),
  };
}

/** Agents edit the ticket's classification, assignee and known-problem link. */
export async function updateTicket(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: z.infer<typeof ticketPatch>,
  requestId: string,
): Promise<TicketDetail> {
  if (patch.assigneeId && !(await isActiveVendorUserWithRole(ctx.db, patch.assigneeId, agentRoles))) {
    throw badRequest("assigneeId is not an active support agent", [
      { path: "body.assigneeId", message: "must be an active support agent or vendor admin" },
    ]);
  }
  if (patch.knownProblemId && !(await findKnownProblemRef(ctx.db, patch.knownProblemId))) {
    throw badRequest("knownProblemId is not a known problem", [{ path: "body.knownProblemId", message: "is not a known problem" }]);
  }
  const clock = await deskClock(ctx);
  const actorId = actor.kind === "user" ? actor.userId : null;
  let assignedTo: string | null = null;
  const before = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, actor, id, ctx.engine);
    if (!ticket) throw notFound("Ticket");
    let changes: Partial<TicketRow> = {};
    if (patch.subject !== undefined) changes.subject = patch.subject;
    if (patch.category !== undefined) changes.category = patch.category;
    if (patch.firmwareVersion !== undefined) changes.firmware_version = patch.firmwareVersion;
    if (patch.siteName !== undefined) changes.site_name = patch.siteName;
    if (patch.knownProblemId !== undefined) changes.known_problem_id = patch.knownProblemId;
    if (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assignee_id) {
      changes.assignee_id = patch.assigneeId;
      assignedTo = patch.assigneeId;
      await insertEvent(trx, {
        id: uuidv7(),
        ticket_id: id,
        actor_id: actorId,
        kind: "assigned",
        detail: JSON.stringify({ assigneeId: patch.assigneeId }),
        created_at: clock.now,
      });
    }
    if (patch.severity !== undefined && patch.severity !== ticket.severity) {
      const targets = await slaTargetsFor(trx, await findPartnerTier(trx, ticket.partner_id), patch.severity);
      changes = { ...changes, severity: patch.severity, ...withTargets(clock.calendar, ticket, targets) };
      await insertEvent(trx, {
        id: uuidv7(),
        ticket_id: id,
        actor_id: actorId,
        kind: "severity",
        detail: JSON.stringify({ from: ticket.severity, to: patch.severity }),
        created_at: clock.now,
      });
    }
    if (patch.knownProblemId !== undefined && patch.knownProblemId !== ticket.known_problem_id) {
      await insertEvent(trx, {
        id: uuidv7(),
        ticket_id: id,
        actor_id: actorId,
        kind: "known_problem",
        detail: JSON.stringify({ knownProblemId: patch.knownProblemId }),
        created_at: clock.now,
      });
    }
    if (Object.keys(changes).length === 0) return ticket;
    await updateTicketRow(trx, id, { ...changes, updated_at: clock.now });
    await recordAudit(
      trx,
      actor,
      {
        action: "ticket.update",
        entityType: "ticket",
        entityId: id,
        partnerId: ticket.partner_id,
        before: { ...patch, ...pick(ticket, Object.keys(changes)) },
        after: patch,
      },
      requestId,
    );
    return ticket;
  });
  if (assignedTo) await notifyAssigned(ctx, { ...before, assignee_id: assignedTo });
  return getTicketDetail(ctx, actor, id);
}

function pick(row: TicketRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (row as unknown as Record<string, unknown>)[key]]));
}

/**
 * Moves a ticket to a status inside an open transaction: checks the viewer may, applies the
 * clock, records the event. Returns the row as it was, or null when nothing changed.
 */
export async function applyStatus(
  trx: AppContext["db"],
  actor: AuthenticatedActor,
  ticket: TicketRow,
  status: TicketStatus,
  clock: DeskClock,
  note?: string,
): Promise<TicketRow | null> {
  if (status === ticket.status) return null;
  const reopenableUntil = reopenableUntilOf(ticket, clock.settings);
  if (!allowedStatuses(actor, ticket, reopenableUntil, clock.now).includes(status)) {
    if (ticket.status === "resolved" && status === "open") {
      throw businessRule(`The reopen window of ${clock.settings.reopenWindowDays} day(s) has passed; open a new ticket`, "reopen_window_passed");
    }
    if (ticket.status === "closed" || ticket.merged_into_id) throw businessRule("A closed ticket cannot change; open a new ticket", "ticket_closed");
    if (!isPartnerRole(actor.role) && !can(actor, "support:work")) throw forbidden();
    throw businessRule(
      `A ticket that is ${ticket.status.replaceAll("_", " ")} cannot be set to ${status.replaceAll("_", " ")} by you`,
      "status_not_allowed",
    );
  }
  const active = status === "resolved" || status === "closed" ? 0 : 1;
  const next = { ...ticket, status, active };
  const changes: Partial<TicketRow> = {
    status,
    active,
    ...afterStatusChange(clock.calendar, next, clock.now),
    updated_at: clock.now,
    last_activity_at: clock.now,
  };
  if (status === "resolved") changes.resolved_at = clock.now;
  if (status === "closed") {
    changes.closed_at = clock.now;
    changes.resolved_at = ticket.resolved_at ?? clock.now;
  }
  const reopened = ticket.status === "resolved" && active === 1;
  if (reopened) {
    changes.resolved_at = null;
    changes.warned_at = null;
  }
  await updateTicketRow(trx, ticket.id, changes);
  await insertEvent(trx, {
    id: uuidv7(),
    ticket_id: ticket.id,
    actor_id: actor.kind === "user" ? actor.userId : null,
    kind: reopened ? "reopened" : "status",
    detail: JSON.stringify({ from: ticket.status, to: status, ...(note ? { note } : {}) }),
    created_at: clock.now,
  });
  return ticket;
}

export async function changeStatus(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  input: z.infer<typeof statusChange>,
  requestId: string,
): Promise<TicketDetail> {
  const clock = await deskClock(ctx);
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, actor, id, ctx.engine);
    if (!ticket) throw notFound("Ticket");
    const before = await applyStatus(trx, actor, ticket, input.status, clock, input.note);
    if (before) {
      await recordAudit(
        trx,
        actor,
        {
          action: "ticket.status",
          entityType: "ticket",
          entityId: id,
          partnerId: ticket.partner_id,
          before: { status: ticket.status },
          after: { status: input.status },
        },
        requestId,
      );
    }
    return before;
  });
  if (changed) {
    const by = { id: actor.kind === "user" ? actor.userId : null, name: actor.name };
    await notifyPartnerOfStatus(ctx, changed, input.status, by, input.note);
  }
  return getTicketDetail(ctx, actor, id);
}
