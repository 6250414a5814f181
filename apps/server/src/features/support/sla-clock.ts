/**
 * A ticket's SLA clock: counts business minutes while running, stands still while paused (waiting on the partner)
 * or stopped. Pure arithmetic over business-hours.ts; the caller stores the clock.
 *
 * Rules
 * - The clock keeps whole business minutes: pausing adds businessMinutesBetween(runningSince, at), floored, so up
 *   to a minute's fraction per pause is not counted. Pausing a paused clock or resuming a running one changes nothing;
 *   pausing at an instant before runningSince adds nothing. Instants are stored as UTC ISO strings.
 * - elapsedAt(at) = elapsedMinutes + business minutes since runningSince (while running).
 *   remainingMinutes(at) = target − elapsedAt(at): whole business minutes, negative once a business minute beyond
 *   the target has passed. It stays 0 outside hours after the due instant (e.g. over the weekend after a Friday
 *   18:00 due), while the state is already "breached".
 * - dueAt: the instant the clock reaches the target; null while paused. When the target was already reached in an
 *   earlier run, that instant is lost, so runningSince is returned (in the past, and no later than the true moment
 *   the running clock is known to be past the target).
 * - A target is overrun by instant t when the clock had reached it before its current run or pause
 *   (elapsedMinutes >= target) or, running, when t > dueAt. A paused clock does not remember when it reached the
 *   target, so one paused exactly at the due instant counts as overrun.
 * - slaState at `at`, first match wins:
 *   1. satisfiedAt given: "met" unless the target was overrun by satisfiedAt, then "breached". Pass the clock as it
 *      stood when the target was satisfied (still running, or stopped at satisfiedAt), or store the outcome then.
 *   2. "breached" when overrun by `at`.
 *   3. "paused" when the clock is paused.
 *   4. "at_risk" when remainingMinutes(at) <= warnMinutes, else "on_track".
 * - Targets must be positive and warnMinutes at least 0 (RangeError otherwise).
 */
import type { SlaState } from "@trellis/shared";
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween, parseInstant } from "./business-hours.js";

export type { SlaState };

export interface SlaClock {
  /** Whole business minutes counted before runningSince (or in total, while paused). */
  elapsedMinutes: number;
  /** When the current run started; null while paused or stopped. */
  runningSince: string | null;
}

export interface SlaStateOptions {
  warnMinutes: number;
  satisfiedAt?: string | null;
}

function utc(at: string, field: string): string {
  return new Date(parseInstant(at, field)).toISOString();
}

function checkClock(clock: SlaClock): void {
  if (!Number.isFinite(clock.elapsedMinutes) || clock.elapsedMinutes < 0) {
    throw new RangeError("elapsedMinutes must be a finite number of at least 0");
  }
}

function checkTarget(targetMinutes: number): void {
  if (!Number.isFinite(targetMinutes) || targetMinutes <= 0) throw new RangeError("targetMinutes must be a positive number");
}

/** A clock that starts running at `at` with nothing counted. */
export function startClock(at: string): SlaClock {
  return { elapsedMinutes: 0, runningSince: utc(at, "at") };
}

/** Stops the clock at `at`, banking the business minutes of the current run. */
export function pauseClock(calendar: BusinessCalendar, clock: SlaClock, at: string): SlaClock {
  checkClock(clock);
  if (clock.runningSince === null) return clock;
  return { elapsedMinutes: clock.elapsedMinutes + businessMinutesBetween(calendar, clock.runningSince, at), runningSince: null };
}

/** Starts a paused clock again at `at`. */
export function resumeClock(clock: SlaClock, at: string): SlaClock {
  checkClock(clock);
  if (clock.runningSince !== null) return clock;
  return { elapsedMinutes: clock.elapsedMinutes, runningSince: utc(at, "at") };
}

/** Whole business minutes on the clock at `at`. */
export function elapsedAt(calendar: BusinessCalendar, clock: SlaClock, at: string): number {
  checkClock(clock);
  if (clock.runningSince === null) return clock.elapsedMinutes;
  return clock.elapsedMinutes + businessMinutesBetween(calendar, clock.runningSince, at);
}

/** When the clock reaches `targetMinutes` (see the rules above); null while paused. */
export function dueAt(calendar: BusinessCalendar, clock: SlaClock, targetMinutes: number): string | null {
  checkClock(clock);
  checkTarget(targetMinutes);
  if (clock.runningSince === null) return null;
  if (clock.elapsedMinutes >= targetMinutes) return utc(clock.runningSince, "runningSince");
  return addBusinessMinutes(calendar, clock.runningSince, targetMinutes - clock.elapsedMinutes);
}

/** Business minutes left before the target at `at`; negative when overdue. */
export function remainingMinutes(calendar: BusinessCalendar, clock: SlaClock, targetMinutes: number, at: string): number {
  checkTarget(targetMinutes);
  return targetMinutes - elapsedAt(calendar, clock, at);
}

function overrunBy(calendar: BusinessCalendar, clock: SlaClock, targetMinutes: number, at: string): boolean {
  if (clock.elapsedMinutes >= targetMinutes) return true;
  const due = dueAt(calendar, clock, targetMinutes);
  return due !== null && parseInstant(at, "at") > parseInstant(due, "due");
}

/** Where one SLA target stands at `at` (see the rules above). */
export function slaState(calendar: BusinessCalendar, clock: SlaClock, targetMinutes: number, at: string, options: SlaStateOptions): SlaState {
  checkClock(clock);
  checkTarget(targetMinutes);
  if (!Number.isFinite(options.warnMinutes) || options.warnMinutes < 0) throw new RangeError("warnMinutes must be a number of at least 0");
  if (options.satisfiedAt != null) return overrunBy(calendar, clock, targetMinutes, options.satisfiedAt) ? "breached" : "met";
  if (overrunBy(calendar, clock, targetMinutes, at)) return "breached";
  if (clock.runningSince === null) return "paused";
  return remainingMinutes(calendar, clock, targetMinutes, at) <= options.warnMinutes ? "at_risk" : "on_track";
}
