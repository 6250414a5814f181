import { isPartnerRole, type TicketStatus } from "@trellis/shared";
import type { z } from "zod";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule, forbidden, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { isActiveVendorUserWithRole } from "../users/users.service.js";
import { type DeskClock, deskClock } from "./desk-clock.js";
import { moveTicketInHotspots } from "./hotspots-rollup.js";
import type { statusChange, ticketPatch } from "./support.schemas.js";
import { notifyAssigned, notifyPartnerOfStatus } from "./support-mail.js";
import { agentRoles, slaTargetsFor } from "./support-settings.service.js";
import { findKnownProblemRef, insertEvent } from "./ticket-activity.repository.js";
import { allowedStatuses, getTicketDetail, reopenableUntilOf, type TicketDetail } from "./ticket-detail.service.js";
import { afterStatusChange, withTargets } from "./ticket-sla.js";
import { findPartnerTier, lockTicket, type TicketRow, updateTicketRow } from "./tickets.repository.js";

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
    await moveTicketInHotspots(trx, ticket, { ...ticket, ...changes });
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
