import type { TicketSeverity, TicketStatus } from "@trellis/shared";
import type { TicketTable } from "../apps/server/src/db/types.js";
import { businessMinutesBetween, defaultCalendar } from "../apps/server/src/features/support/business-hours.js";
import { startClock } from "../apps/server/src/features/support/sla-clock.js";
import { defaultSlaTargets } from "../apps/server/src/features/support/support-settings.service.js";
import { afterFirstResponse, afterStatusChange, dueColumns } from "../apps/server/src/features/support/ticket-sla.js";
import { farFuture } from "../apps/server/src/features/support/tickets.repository.js";

/** A bench ticket's life: what it will have become, drawn up front, and its SLA columns walked through the product's own arithmetic. */
export type Plan = "new" | "open" | "waiting_on_partner" | "waiting_on_engineering" | "done";
export const plans: readonly Plan[] = ["new", "open", "waiting_on_partner", "waiting_on_engineering", "done"];
export const calendar = defaultCalendar;
export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** Wall-clock minutes per business minute in a 5 x 10 h week: turns SLA targets into plausible ages. */
const wallPerBusiness = (7 * 24) / (5 * 10);

export const iso = (ms: number) => new Date(ms).toISOString();

/** The latest instant `minutes` business minutes before `until` (to the minute), by bisection on wall time. */
export function businessMinutesBefore(until: number, minutes: number): number {
  const counted = (back: number) => businessMinutesBetween(calendar, iso(until - back), iso(until));
  let low = 0;
  let high = (minutes * wallPerBusiness + 4 * 24 * 60) * MINUTE;
  while (counted(high) < minutes) high *= 2;
  while (high - low > MINUTE) {
    const mid = (low + high) / 2;
    if (counted(mid) >= minutes) high = mid;
    else low = mid;
  }
  return until - high;
}

/** Index by weight in O(log n): the cumulative weights and a binary search. */
export function weightedPicker(weights: number[], random: () => number): () => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    cumulative[i] = total;
  });
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}

export function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Each ticket's plan and reply count, drawn first so the replies add up to the scale exactly. */
export function planTickets(scale: { tickets: number; replies: number }, random: () => number) {
  const active = weightedPicker([25, 40, 20, 15], random);
  const plan = new Uint8Array(scale.tickets);
  const replies = new Uint16Array(scale.tickets);
  let newReplies = 0;
  for (let i = 0; i < scale.tickets; i++) {
    plan[i] = random() < 0.04 ? active() : 4;
    if (plan[i] === 0) {
      replies[i] = random() < 0.5 ? 1 : 0;
      newReplies += replies[i] ?? 0;
    }
  }
  const others = plan.reduce((count, p) => count + (p === 0 ? 0 : 1), 0);
  const mean = (scale.replies - newReplies) / others;
  let total = newReplies;
  for (let i = 0; i < scale.tickets; i++) {
    if (plan[i] === 0) continue;
    replies[i] = Math.min(250, 1 + Math.floor(-Math.log(1 - random()) * (mean - 0.5)));
    total += replies[i] ?? 0;
  }
  // Nudge random tickets (never new ones, never below one reply) until the sum is exact.
  while (total !== scale.replies) {
    const i = Math.floor(random() * scale.tickets);
    const count = replies[i] ?? 0;
    if (plan[i] === 0 || (total > scale.replies && count <= 1) || (total < scale.replies && count >= 250)) continue;
    const step = total > scale.replies ? -1 : 1;
    replies[i] = count + step;
    total += step;
  }
  return { plan, replies };
}

type SlaRow = Pick<
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

/** Moves the ticket through its life with the product's own SLA arithmetic (ticket-sla.ts). */
export function slaAfterLife(
  severity: TicketSeverity,
  life: { created: string; firstResponse?: string; waitSince?: string; resolved?: string; closed?: string; final: TicketStatus },
  now: string,
): SlaRow {
  const targets = defaultSlaTargets[severity];
  let row: SlaRow = {
    status: "new",
    active: 1,
    first_response_target: targets.firstResponseMinutes,
    resolution_target: targets.resolutionMinutes,
    sla_elapsed_minutes: 0,
    sla_running_since: life.created,
    first_response_at: null,
    first_response_due_at: null,
    resolution_due_at: null,
    first_response_breached: 0,
    resolution_breached: 0,
    queue_due_at: farFuture,
  };
  row = { ...row, ...dueColumns(calendar, row, startClock(life.created)) };
  const move = (status: TicketStatus, at: string) => {
    row = { ...row, status, active: status === "resolved" || status === "closed" ? 0 : 1 };
    row = { ...row, ...afterStatusChange(calendar, row, at) };
  };
  if (life.firstResponse) {
    row = { ...row, ...afterFirstResponse(calendar, row, life.firstResponse) };
    move("open", life.firstResponse);
  }
  if (life.waitSince) move(life.final, life.waitSince);
  if (life.resolved) move("resolved", life.resolved);
  if (life.closed) move("closed", life.closed);
  // The SLA job (every minute) has marked what is overdue by now.
  if (row.active === 1 && row.queue_due_at < now) {
    row = row.first_response_at === null ? { ...row, first_response_breached: 1 } : { ...row, resolution_breached: 1 };
  }
  return row;
}
