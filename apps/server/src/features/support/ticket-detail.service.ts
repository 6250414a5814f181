import { isPartnerRole, type TicketStatus, ticketStatuses } from "@trellis/shared";
import type { z } from "zod";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { businessRule, notFound } from "../../platform/http/problem.js";
import { renderPageMarkdown } from "../library/library.markdown.js";
import { type DeskClock, deskClock } from "./desk-clock.js";
import { rmasForTicket } from "./rmas.service.js";
import type { ticketDetail, ticketSummary } from "./support.schemas.js";
import type { SupportSettings } from "./support-settings.service.js";
import { findAttachments, findEvents, findKnownProblemRef, findMergedInto, findMergedTickets, findReplies } from "./ticket-activity.repository.js";
import { slaView } from "./ticket-sla.js";
import { findListRow, findTicket, findTicketProducts, type TicketListRow, type TicketRow } from "./tickets.repository.js";

export type TicketSummary = z.infer<typeof ticketSummary>;

export type TicketDetail = z.infer<typeof ticketDetail>;

/** Timeline entries a partner sees; assignment and internal bookkeeping stay with the vendor. */
const partnerEventKinds = new Set(["opened", "status", "reopened", "merged", "merged_into", "severity"]);

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

export function reopenableUntilOf(ticket: TicketRow, settings: SupportSettings): string | null {
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
