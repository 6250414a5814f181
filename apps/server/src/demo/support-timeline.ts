import type { TicketCategory, TicketSeverity, TicketStatus } from "@trellis/shared";
import type { Insertable } from "kysely";
import type { TicketEventTable, TicketProductTable, TicketReplyTable, TicketTable } from "../db/types.js";
import type { BusinessCalendar } from "../features/support/business-hours.js";
import { startClock } from "../features/support/sla-clock.js";
import { afterFirstResponse, afterStatusChange, dueColumns } from "../features/support/ticket-sla.js";
import { farFuture } from "../features/support/tickets.repository.js";
import { uuidv7 } from "../platform/ids.js";

/**
 * One demo ticket's life, replayed in memory with past timestamps. Each step does to the row what
 * the desk's services do (createTicket, addReply, applyStatus, mergeTicket, the SLA job), through
 * the same ticket-sla functions, so the stored SLA columns are the ones the desk would have kept.
 */
export interface Timeline {
  calendar: BusinessCalendar;
  row: TicketTable;
  products: Insertable<TicketProductTable>[];
  replies: TicketReplyTable[];
  events: TicketEventTable[];
}

export interface TicketOpening {
  number: number;
  partnerId: string;
  requesterId: string;
  subject: string;
  description: string;
  category: TicketCategory;
  severity: TicketSeverity;
  assigneeId: string | null;
  familyId: string | null;
  firmware: string;
  site: string;
  targets: { firstResponseMinutes: number; resolutionMinutes: number };
  products: { productId: string; serial: string }[];
  at: string;
}

export interface Author {
  id: string;
  side: "vendor" | "partner";
}

const minute = 60_000;
const later = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * minute).toISOString();

function addEvent(t: Timeline, kind: string, actorId: string | null, detail: Record<string, unknown>, at: string): void {
  t.events.push({ id: uuidv7(), ticket_id: t.row.id, actor_id: actorId, kind, detail: JSON.stringify(detail), created_at: at });
}

/** As createTicket: numbered, clock started, auto-assigned. */
export function openTicket(calendar: BusinessCalendar, opening: TicketOpening): Timeline {
  const id = uuidv7();
  const at = opening.at;
  const base: TicketTable = {
    id,
    number: opening.number,
    partner_id: opening.partnerId,
    requester_id: opening.requesterId,
    subject: opening.subject,
    description: opening.description,
    category: opening.category,
    severity: opening.severity,
    status: "new",
    active: 1,
    assignee_id: opening.assigneeId,
    family_id: opening.familyId,
    firmware_version: opening.firmware,
    site_name: opening.site,
    known_problem_id: null,
    merged_into_id: null,
    first_response_target: opening.targets.firstResponseMinutes,
    resolution_target: opening.targets.resolutionMinutes,
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
  const products: Insertable<TicketProductTable>[] = [];
  for (const product of opening.products) {
    if (!products.some((p) => p.product_id === product.productId && p.serial === product.serial))
      products.push({ ticket_id: id, product_id: product.productId, serial: product.serial });
  }
  const t: Timeline = { calendar, row: { ...base, ...dueColumns(calendar, base, startClock(at)) }, products, replies: [], events: [] };
  addEvent(t, "opened", opening.requesterId, { severity: opening.severity }, at);
  if (opening.assigneeId) addEvent(t, "assigned", null, { assigneeId: opening.assigneeId, auto: true }, at);
  return t;
}

/**
 * What the SLA job (every five minutes) would have done before `until`: flag the current target
 * as breached once its due time passed, with an sla_breached event a few minutes after it.
 */
export function markBreaches(t: Timeline, until: string): void {
  const row = t.row;
  if (row.active !== 1 || row.queue_due_at === farFuture || row.queue_due_at >= until) return;
  const responding = row.first_response_at === null;
  if (responding ? row.first_response_breached === 1 : row.resolution_breached === 1) return;
  const seen = later(row.queue_due_at, 5) < until ? later(row.queue_due_at, 5) : row.queue_due_at;
  if (responding) row.first_response_breached = 1;
  else row.resolution_breached = 1;
  addEvent(t, "sla_breached", null, { target: responding ? "first_response" : "resolution", dueAt: row.queue_due_at }, seen);
}

/** As applyStatus: the clock follows the status; resolving and closing stamp their times, reopening clears them. */
export function setStatus(t: Timeline, status: TicketStatus, at: string, actorId: string | null, note?: string): void {
  markBreaches(t, at);
  const row = t.row;
  const from = row.status;
  if (from === status) return;
  const active = status === "resolved" || status === "closed" ? 0 : 1;
  Object.assign(row, { status, active }, afterStatusChange(t.calendar, { ...row, status, active }, at), { updated_at: at, last_activity_at: at });
  if (status === "resolved") row.resolved_at = at;
  if (status === "closed") {
    row.closed_at = at;
    row.resolved_at = row.resolved_at ?? at;
  }
  const reopened = from === "resolved" && active === 1;
  if (reopened) {
    row.resolved_at = null;
    row.warned_at = null;
  }
  addEvent(t, reopened ? "reopened" : "status", actorId, { from, to: status, ...(note ? { note } : {}) }, at);
}

/** As addReply: the vendor's first public reply is the first response; a partner's answer restarts a paused clock. */
export function addReply(
  t: Timeline,
  at: string,
  author: Author,
  body: string,
  options: { internal?: boolean; minutes?: number; status?: TicketStatus } = {},
): void {
  markBreaches(t, at);
  const row = t.row;
  const internal = options.internal === true;
  const minutes = options.minutes ?? 0;
  t.replies.push({
    id: uuidv7(),
    ticket_id: row.id,
    partner_id: row.partner_id,
    author_id: author.id,
    internal: internal ? 1 : 0,
    body,
    minutes,
    created_at: at,
  });
  Object.assign(row, { reply_count: row.reply_count + 1, minutes_logged: row.minutes_logged + minutes, last_activity_at: at, updated_at: at });
  let openedByReply = false;
  if (author.side === "vendor" && !internal && row.first_response_at === null) {
    Object.assign(row, afterFirstResponse(t.calendar, row, at));
    if (row.status === "new" && !options.status) {
      row.status = "open";
      openedByReply = true;
    }
  }
  const wanted = options.status ?? (author.side === "partner" && row.status === "waiting_on_partner" ? "open" : undefined);
  if (wanted && wanted !== row.status) setStatus(t, wanted, at, author.id);
  else if (openedByReply) Object.assign(row, afterStatusChange(t.calendar, row, at));
}

/** As mergeTicket: the duplicate is closed into the ticket that stays open. */
export function mergeInto(source: Timeline, target: Timeline, at: string, actorId: string): void {
  markBreaches(source, at);
  markBreaches(target, at);
  const next = { ...source.row, status: "closed" as const, active: 0 };
  Object.assign(source.row, {
    status: "closed",
    active: 0,
    merged_into_id: target.row.id,
    closed_at: at,
    resolved_at: source.row.resolved_at ?? at,
    ...afterStatusChange(source.calendar, next, at),
    updated_at: at,
    last_activity_at: at,
  });
  Object.assign(target.row, { last_activity_at: at, updated_at: at });
  addEvent(source, "merged_into", actorId, { ticketId: target.row.id, number: target.row.number }, at);
  addEvent(target, "merged", actorId, { ticketId: source.row.id, number: source.row.number }, at);
}

/** As updateTicket with a known problem: the link and its timeline entry. */
export function linkKnownProblem(t: Timeline, knownProblemId: string, at: string, actorId: string): void {
  markBreaches(t, at);
  Object.assign(t.row, { known_problem_id: knownProblemId, updated_at: at });
  addEvent(t, "known_problem", actorId, { knownProblemId }, at);
}

/** The latest instant anything on the ticket happened. */
export function lastMoment(t: Timeline): string {
  // ISO instants in UTC sort as text.
  return [t.row.updated_at, ...t.events.map((e) => e.created_at), ...t.replies.map((r) => r.created_at)].sort().at(-1) ?? t.row.updated_at;
}
