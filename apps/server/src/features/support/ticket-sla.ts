import type { SlaState, TicketStatus } from "@trellis/shared";
import type { z } from "zod";
import type { TicketTable } from "../../db/types.js";
import { addBusinessMinutes, type BusinessCalendar } from "./business-hours.js";
import { dueAt, elapsedAt, pauseClock, remainingMinutes, resumeClock, type SlaClock, slaState } from "./sla-clock.js";
import type { slaClock } from "./support.schemas.js";
import { farFuture } from "./tickets.repository.js";

/**
 * How a ticket's status drives its SLA clock: it runs while the vendor owes work (new, open,
 * waiting on engineering), pauses while waiting on the partner, and stops at resolved or closed.
 * Both targets (first response, resolution) are measured on the same clock.
 */
type SlaColumns = Pick<
  TicketTable,
  | "status"
  | "active"
  | "first_response_target"
  | "resolution_target"
  | "sla_elapsed_minutes"
  | "sla_running_since"
  | "first_response_at"
  | "first_response_due_at"
  | "resolution_due_at"
  | "first_response_breached"
  | "resolution_breached"
  | "queue_due_at"
>;

export function clockRuns(status: TicketStatus): boolean {
  return status === "new" || status === "open" || status === "waiting_on_engineering";
}

export function clockOf(row: Pick<TicketTable, "sla_elapsed_minutes" | "sla_running_since">): SlaClock {
  return { elapsedMinutes: row.sla_elapsed_minutes ?? 0, runningSince: row.sla_running_since };
}

/** The due times and queue key that follow from the clock; call after every clock change. */
export function dueColumns(calendar: BusinessCalendar, row: SlaColumns, clock: SlaClock) {
  const firstResponseDue =
    row.first_response_at !== null
      ? row.first_response_due_at
      : row.first_response_target !== null
        ? dueAt(calendar, clock, row.first_response_target)
        : null;
  const resolutionDue = row.resolution_target !== null ? dueAt(calendar, clock, row.resolution_target) : null;
  const next = row.first_response_at === null && row.first_response_target !== null ? firstResponseDue : resolutionDue;
  const running = clock.runningSince !== null && row.active === 1;
  return {
    sla_elapsed_minutes: clock.elapsedMinutes,
    sla_running_since: clock.runningSince,
    first_response_due_at: firstResponseDue,
    resolution_due_at: resolutionDue,
    queue_due_at: running && next ? next : farFuture,
  };
}

/** The SLA columns after a status change at `at` (the status and active flag already set on `row`). */
export function afterStatusChange(calendar: BusinessCalendar, row: SlaColumns, at: string) {
  const current = clockOf(row);
  const clock = clockRuns(row.status) ? resumeClock(current, at) : pauseClock(calendar, current, at);
  const columns = dueColumns(calendar, row, clock);
  const stopped = row.status === "resolved" || row.status === "closed";
  const lateResolution = stopped && row.resolution_target !== null && overrun(calendar, current, row.resolution_target, at);
  return { ...columns, resolution_breached: row.resolution_breached === 1 || lateResolution ? 1 : 0 };
}

/** Whether the target was overrun when it was satisfied at `at` (the clock as it stood then). */
function overrun(calendar: BusinessCalendar, clock: SlaClock, target: number, at: string): boolean {
  return slaState(calendar, clock, target, at, { warnMinutes: 0, satisfiedAt: at }) === "breached";
}

/** First public reply from the vendor: records it and whether it came too late. */
export function afterFirstResponse(calendar: BusinessCalendar, row: SlaColumns, at: string) {
  const clock = clockOf(row);
  const late = row.first_response_target !== null && overrun(calendar, clock, row.first_response_target, at);
  const breached = row.first_response_breached === 1 || late ? 1 : 0;
  const dueAtReply = row.first_response_due_at ?? (row.first_response_target !== null ? dueAt(calendar, clock, row.first_response_target) : null);
  const withResponse = { ...row, first_response_at: at, first_response_due_at: dueAtReply };
  return {
    ...dueColumns(calendar, withResponse, clock),
    first_response_at: at,
    first_response_due_at: dueAtReply,
    first_response_breached: breached,
  };
}

/** New targets (a severity change) on the same clock. */
export function withTargets(calendar: BusinessCalendar, row: SlaColumns, targets: { firstResponseMinutes: number; resolutionMinutes: number }) {
  const next = { ...row, first_response_target: targets.firstResponseMinutes, resolution_target: targets.resolutionMinutes };
  const firstResponseAt = row.first_response_at;
  const columns = dueColumns(calendar, { ...next, first_response_due_at: firstResponseAt ? row.first_response_due_at : null }, clockOf(row));
  return { ...columns, first_response_target: targets.firstResponseMinutes, resolution_target: targets.resolutionMinutes };
}

/** The wall-clock instant `warnMinutes` business minutes from now: due times before it are at risk. */
export function warnHorizon(calendar: BusinessCalendar, now: string, warnMinutes: number): string {
  return addBusinessMinutes(calendar, now, warnMinutes);
}

/** The clock as the API shows it. */
export function slaView(calendar: BusinessCalendar, row: SlaColumns, now: string, warnAt: string): z.infer<typeof slaClock> {
  const clock = clockOf(row);
  const paused = clock.runningSince === null;
  const firstResponseBreached = row.first_response_breached === 1;
  const respondedOrNone = row.first_response_at !== null || row.first_response_target === null;
  const target = respondedOrNone ? row.resolution_target : row.first_response_target;
  const due = respondedOrNone ? row.resolution_due_at : row.first_response_due_at;
  const overdue = row.active === 1 && due !== null && !paused && due < now;
  const breached = firstResponseBreached || row.resolution_breached === 1 || overdue;
  let state: SlaState | null;
  if (target === null) state = null;
  else if (row.active === 0) state = breached ? "breached" : "met";
  else if (breached) state = "breached";
  else if (paused) state = "paused";
  else if (due !== null && due < warnAt) state = "at_risk";
  else state = "on_track";
  return {
    state,
    firstResponseTarget: row.first_response_target,
    resolutionTarget: row.resolution_target,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    firstResponseAt: row.first_response_at,
    elapsedMinutes: elapsedAt(calendar, clock, now),
    remainingMinutes: target !== null && row.active === 1 ? remainingMinutes(calendar, clock, target, now) : null,
    paused,
    firstResponseBreached,
    resolutionBreached: row.resolution_breached === 1 || (overdue && respondedOrNone),
  };
}
