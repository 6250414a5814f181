import { systemActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { uuidv7 } from "../../platform/ids.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { deskClock } from "./desk-clock.js";
import { notifySlaRisk } from "./support-mail.js";
import { insertEvent } from "./ticket-activity.repository.js";
import { applyStatus } from "./ticket-changes.service.js";
import { findResolvedBefore, findTicketsDueBefore, lockTicket, updateTicketRow } from "./tickets.repository.js";

const batch = 500;

/**
 * Marks breaches and warns before them. A ticket's current target is its first response until
 * that is given, then its resolution. Each ticket is flagged in its own short transaction, and
 * mail goes out after it commits; a flag already set is never sent twice.
 */
export async function runSlaCheck(ctx: AppContext, now = new Date().toISOString()): Promise<{ warned: number; breached: number }> {
  const clock = await deskClock(ctx, now);
  let warned = 0;
  let breached = 0;
  const seen = new Set<string>();
  for (;;) {
    const due = (await findTicketsDueBefore(ctx.db, clock.warnAt, batch)).filter((ticket) => !seen.has(ticket.id));
    if (due.length === 0) break;
    for (const ticket of due) {
      seen.add(ticket.id);
      const overdue = ticket.queue_due_at < now;
      if (!overdue && ticket.warned_at) continue;
      const responding = ticket.first_response_at === null;
      await ctx.db.transaction().execute(async (trx) => {
        if (!overdue) {
          await updateTicketRow(trx, ticket.id, { warned_at: now });
          return;
        }
        await updateTicketRow(trx, ticket.id, responding ? { first_response_breached: 1 } : { resolution_breached: 1 });
        await insertEvent(trx, {
          id: uuidv7(),
          ticket_id: ticket.id,
          actor_id: null,
          kind: "sla_breached",
          detail: JSON.stringify({ target: responding ? "first_response" : "resolution", dueAt: ticket.queue_due_at }),
          created_at: now,
        });
      });
      await notifySlaRisk(ctx, ticket, overdue ? "breach" : "warning", ticket.queue_due_at, clock.settings.teamLeadId);
      if (overdue) breached += 1;
      else warned += 1;
    }
    if (due.length < batch) break;
  }
  return { warned, breached };
}

/** Resolved tickets whose reopen window has passed are closed for good. */
export async function closeResolvedTickets(ctx: AppContext, now = new Date().toISOString()): Promise<number> {
  const clock = await deskClock(ctx, now);
  const before = new Date(Date.parse(now) - clock.settings.reopenWindowDays * 86_400_000).toISOString();
  let closed = 0;
  for (;;) {
    const rows = await findResolvedBefore(ctx.db, before, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      await ctx.db.transaction().execute(async (trx) => {
        const ticket = await lockTicket(trx, systemActor, row.id, ctx.engine);
        if (ticket?.status !== "resolved") return;
        await applyStatus(trx, systemActor, ticket, "closed", clock, "Closed automatically after the reopen window");
        closed += 1;
      });
    }
    if (rows.length < batch) break;
  }
  return closed;
}

export const supportSlaJob: JobDefinition = {
  name: "support.sla-check",
  schedule: "*/5 * * * *",
  run: async (ctx) => {
    await runSlaCheck(ctx);
  },
};

export const supportCloseJob: JobDefinition = {
  name: "support.close-resolved",
  schedule: "20 * * * *",
  run: async (ctx) => {
    await closeResolvedTickets(ctx);
  },
};
