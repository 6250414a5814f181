import { type TicketStatus, ticketSeverityMeanings, ticketStatusLabels } from "@trellis/shared";
import type { AppContext } from "../../platform/context.js";
import { findActiveAgents, findPartnerRecipients, findUsersByIds } from "./support-directory.repository.js";
import type { TicketRow } from "./tickets.repository.js";

/**
 * Support notifications, sent through the platform mail (the outbox without SMTP). Always called
 * after the transaction commits; a failed send is logged and never undoes the ticket change.
 */
type TicketRef = Pick<TicketRow, "id" | "number" | "subject" | "partner_id" | "requester_id" | "severity" | "assignee_id">;

const label = (ticket: TicketRef) => `[T-${ticket.number}] ${ticket.subject}`;

async function sendAll(ctx: AppContext, recipients: { email: string }[], subject: string, text: string): Promise<void> {
  const seen = new Set<string>();
  for (const recipient of recipients) {
    if (seen.has(recipient.email)) continue;
    seen.add(recipient.email);
    try {
      await ctx.mailer.send({ to: recipient.email, subject, text });
    } catch (error) {
      ctx.log.error({ err: error, subject }, "support notification failed");
    }
  }
}

function partnerLink(ctx: AppContext, ticket: TicketRef): string {
  return `${ctx.config.publicUrl}/portal/support/${ticket.id}`;
}

function agentLink(ctx: AppContext, ticket: TicketRef): string {
  return `${ctx.config.publicUrl}/support/tickets/${ticket.id}`;
}

async function partnerSide(ctx: AppContext, ticket: TicketRef, exceptUserId: string | null) {
  const recipients = await findPartnerRecipients(ctx.db, ticket.partner_id, ticket.requester_id);
  return recipients.filter((user) => user.id !== exceptUserId);
}

/** The vendor answered publicly: the requester and the partner's admins hear of it. */
export async function notifyPartnerOfReply(ctx: AppContext, ticket: TicketRef, author: { id: string | null; name: string }, body: string) {
  const recipients = await partnerSide(ctx, ticket, author.id);
  const excerpt = body.length > 2000 ? `${body.slice(0, 2000)}…` : body;
  await sendAll(
    ctx,
    recipients,
    `Re: ${label(ticket)}`,
    `${author.name} replied to ticket T-${ticket.number}:\n\n${excerpt}\n\nRead and answer it here: ${partnerLink(ctx, ticket)}\n`,
  );
}

export async function notifyPartnerOfStatus(
  ctx: AppContext,
  ticket: TicketRef,
  status: TicketStatus,
  by: { id: string | null; name: string },
  note?: string,
) {
  const recipients = await partnerSide(ctx, ticket, by.id);
  const extra = note ? `\n\n${note}` : "";
  await sendAll(
    ctx,
    recipients,
    `${label(ticket)} is now ${ticketStatusLabels[status].toLowerCase()}`,
    `${by.name} set ticket T-${ticket.number} to "${ticketStatusLabels[status]}".${extra}\n\nSee the ticket: ${partnerLink(ctx, ticket)}\n`,
  );
}

/** The partner answered: the assignee hears of it (an unassigned ticket shows in the queue). */
export async function notifyAssigneeOfReply(ctx: AppContext, ticket: TicketRef, author: { name: string }, body: string) {
  if (!ticket.assignee_id) return;
  const [assignee] = await findUsersByIds(ctx.db, [ticket.assignee_id]);
  if (assignee?.status !== "active") return;
  const excerpt = body.length > 2000 ? `${body.slice(0, 2000)}…` : body;
  await sendAll(ctx, [assignee], `Re: ${label(ticket)}`, `${author.name} replied:\n\n${excerpt}\n\nOpen the ticket: ${agentLink(ctx, ticket)}\n`);
}

export async function notifyAssigned(ctx: AppContext, ticket: TicketRef) {
  if (!ticket.assignee_id) return;
  const [assignee] = await findUsersByIds(ctx.db, [ticket.assignee_id]);
  if (assignee?.status !== "active") return;
  await sendAll(
    ctx,
    [assignee],
    `Assigned to you: ${label(ticket)} (${ticket.severity})`,
    `Ticket T-${ticket.number} is yours.\n\nOpen it: ${agentLink(ctx, ticket)}\n`,
  );
}

/** A new P1: every active support agent hears of it at once. */
export async function notifyAgentsOfP1(ctx: AppContext, ticket: TicketRef, partnerName: string) {
  const agents = await findActiveAgents(ctx.db);
  await sendAll(
    ctx,
    agents,
    `P1 opened by ${partnerName}: ${label(ticket)}`,
    `${partnerName} opened a P1 ticket (${ticketSeverityMeanings.P1}).\n\nOpen it: ${agentLink(ctx, ticket)}\n`,
  );
}

/** Before a breach (warning) or at it: the assignee and the team lead. */
export async function notifySlaRisk(ctx: AppContext, ticket: TicketRef, kind: "warning" | "breach", dueAt: string, teamLeadId: string | null) {
  const ids = [ticket.assignee_id, teamLeadId].filter((id): id is string => id !== null);
  const recipients = (await findUsersByIds(ctx.db, ids)).filter((user) => user.status === "active");
  if (recipients.length === 0) return;
  const subject = kind === "warning" ? `SLA at risk: ${label(ticket)}` : `SLA breached: ${label(ticket)}`;
  const text =
    kind === "warning"
      ? `Ticket T-${ticket.number} (${ticket.severity}) is due at ${dueAt} and will breach its SLA unless it is answered or resolved first.\n\nOpen it: ${agentLink(ctx, ticket)}\n`
      : `Ticket T-${ticket.number} (${ticket.severity}) breached its SLA (it was due at ${dueAt}).\n\nOpen it: ${agentLink(ctx, ticket)}\n`;
  await sendAll(ctx, recipients, subject, text);
}
