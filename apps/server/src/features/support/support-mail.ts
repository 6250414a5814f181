import { type TicketStatus, ticketSeverityMeanings, ticketStatusLabels } from "@trellis/shared";
import type { AppContext } from "../../platform/context.js";
import { notify } from "../notifications/notifications.service.js";
import { findActiveAgents, findPartnerRecipients } from "./support-directory.repository.js";
import type { TicketRow } from "./tickets.repository.js";

/**
 * The desk's events, raised in the notification centre (which mails each user whose preference
 * for the kind says so; by default all of these are mailed, with the subjects and texts below).
 * Always called after the transaction commits; a failed send never undoes the ticket change.
 */
type TicketRef = Pick<TicketRow, "id" | "number" | "subject" | "partner_id" | "requester_id" | "severity" | "assignee_id">;

const label = (ticket: TicketRef) => `[T-${ticket.number}] ${ticket.subject}`;
const excerptOf = (body: string, max: number) => (body.length > max ? `${body.slice(0, max)}…` : body);

/** App paths: partner users read a ticket in the portal, vendor users in the console. */
const partnerPath = (ticket: TicketRef) => `/portal/support/${ticket.id}`;
const agentPath = (ticket: TicketRef) => `/support/tickets/${ticket.id}`;

function partnerLink(ctx: AppContext, ticket: TicketRef): string {
  return `${ctx.config.publicUrl}${partnerPath(ticket)}`;
}

function agentLink(ctx: AppContext, ticket: TicketRef): string {
  return `${ctx.config.publicUrl}${agentPath(ticket)}`;
}

const source = (ticket: TicketRef) => ({ sourceType: "ticket", sourceId: ticket.id });

async function partnerSide(ctx: AppContext, ticket: TicketRef, exceptUserId: string | null) {
  const recipients = await findPartnerRecipients(ctx.db, ticket.partner_id, ticket.requester_id);
  return recipients.filter((user) => user.id !== exceptUserId).map((user) => user.id);
}

/** The vendor answered publicly: the requester and the partner's admins hear of it. */
export async function notifyPartnerOfReply(ctx: AppContext, ticket: TicketRef, author: { id: string | null; name: string }, body: string) {
  await notify(ctx, {
    userIds: await partnerSide(ctx, ticket, author.id),
    kind: "ticket_reply",
    title: `${author.name} replied on ${label(ticket)}`,
    body: excerptOf(body, 300),
    link: partnerPath(ticket),
    mail: {
      subject: `Re: ${label(ticket)}`,
      text: `${author.name} replied to ticket T-${ticket.number}:\n\n${excerptOf(body, 2000)}\n\nRead and answer it here: ${partnerLink(ctx, ticket)}\n`,
    },
    ...source(ticket),
  });
}

export async function notifyPartnerOfStatus(
  ctx: AppContext,
  ticket: TicketRef,
  status: TicketStatus,
  by: { id: string | null; name: string },
  note?: string,
) {
  const extra = note ? `\n\n${note}` : "";
  const subject = `${label(ticket)} is now ${ticketStatusLabels[status].toLowerCase()}`;
  await notify(ctx, {
    userIds: await partnerSide(ctx, ticket, by.id),
    kind: "ticket_status",
    title: subject,
    body: note ? excerptOf(note, 300) : `${by.name} set it to "${ticketStatusLabels[status]}".`,
    link: partnerPath(ticket),
    mail: {
      subject,
      text: `${by.name} set ticket T-${ticket.number} to "${ticketStatusLabels[status]}".${extra}\n\nSee the ticket: ${partnerLink(ctx, ticket)}\n`,
    },
    ...source(ticket),
  });
}

/** The partner answered: the assignee hears of it (an unassigned ticket shows in the queue). */
export async function notifyAssigneeOfReply(ctx: AppContext, ticket: TicketRef, author: { name: string }, body: string) {
  if (!ticket.assignee_id) return;
  await notify(ctx, {
    userIds: [ticket.assignee_id],
    kind: "ticket_reply",
    title: `${author.name} replied on ${label(ticket)}`,
    body: excerptOf(body, 300),
    link: agentPath(ticket),
    mail: {
      subject: `Re: ${label(ticket)}`,
      text: `${author.name} replied:\n\n${excerptOf(body, 2000)}\n\nOpen the ticket: ${agentLink(ctx, ticket)}\n`,
    },
    ...source(ticket),
  });
}

export async function notifyAssigned(ctx: AppContext, ticket: TicketRef) {
  if (!ticket.assignee_id) return;
  const subject = `Assigned to you: ${label(ticket)} (${ticket.severity})`;
  await notify(ctx, {
    userIds: [ticket.assignee_id],
    kind: "ticket_assigned",
    title: subject,
    body: `Ticket T-${ticket.number} is yours.`,
    link: agentPath(ticket),
    mail: { subject, text: `Ticket T-${ticket.number} is yours.\n\nOpen it: ${agentLink(ctx, ticket)}\n` },
    ...source(ticket),
  });
}

/** A new P1: every active support agent hears of it at once. */
export async function notifyAgentsOfP1(ctx: AppContext, ticket: TicketRef, partnerName: string) {
  const agents = await findActiveAgents(ctx.db);
  const subject = `P1 opened by ${partnerName}: ${label(ticket)}`;
  await notify(ctx, {
    userIds: agents.map((agent) => agent.id),
    kind: "ticket_new_p1",
    title: subject,
    body: `${partnerName} opened a P1 ticket (${ticketSeverityMeanings.P1}).`,
    link: agentPath(ticket),
    mail: { subject, text: `${partnerName} opened a P1 ticket (${ticketSeverityMeanings.P1}).\n\nOpen it: ${agentLink(ctx, ticket)}\n` },
    ...source(ticket),
  });
}

/** Before a breach (warning) or at it: the assignee and the team lead. */
export async function notifySlaRisk(ctx: AppContext, ticket: TicketRef, kind: "warning" | "breach", dueAt: string, teamLeadId: string | null) {
  const userIds = [ticket.assignee_id, teamLeadId].filter((id): id is string => id !== null);
  const subject = kind === "warning" ? `SLA at risk: ${label(ticket)}` : `SLA breached: ${label(ticket)}`;
  const summary =
    kind === "warning"
      ? `Ticket T-${ticket.number} (${ticket.severity}) is due at ${dueAt} and will breach its SLA unless it is answered or resolved first.`
      : `Ticket T-${ticket.number} (${ticket.severity}) breached its SLA (it was due at ${dueAt}).`;
  await notify(ctx, {
    userIds,
    kind: "ticket_sla",
    title: subject,
    body: summary,
    link: agentPath(ticket),
    mail: { subject, text: `${summary}\n\nOpen it: ${agentLink(ctx, ticket)}\n` },
    ...source(ticket),
  });
}
