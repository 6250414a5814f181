import { slaStates } from "@trellis/shared";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { defaultCalendar } from "./business-hours.js";
import { dueAt, elapsedAt, pauseClock, remainingMinutes, resumeClock, type SlaClock, slaState, startClock } from "./sla-clock.js";

const cal = defaultCalendar;

/** UTC ISO string of a Berlin wall-clock time (January 2026: CET, UTC+1). */
function berlin(wallClock: string): string {
  return new Date(DateTime.fromISO(wallClock, { zone: "Europe/Berlin" }).toMillis()).toISOString();
}

describe("starting, pausing and resuming", () => {
  it("starts running at the given instant, stored in UTC", () => {
    expect(startClock("2026-01-16T10:00:00+01:00")).toEqual({ elapsedMinutes: 0, runningSince: "2026-01-16T09:00:00.000Z" });
  });

  it("excludes the paused time: paused on Friday, resumed on Tuesday", () => {
    const started = startClock(berlin("2026-01-16T10:00"));
    const paused = pauseClock(cal, started, berlin("2026-01-16T16:00"));
    expect(paused).toEqual({ elapsedMinutes: 360, runningSince: null });
    expect(elapsedAt(cal, paused, berlin("2026-01-19T12:00"))).toBe(360);
    const resumed = resumeClock(paused, berlin("2026-01-20T09:00"));
    expect(elapsedAt(cal, resumed, berlin("2026-01-20T10:00"))).toBe(420);
    // Without the pause, 600 minutes from Friday 10:00 are reached on Monday 10:00.
    expect(dueAt(cal, started, 600)).toBe(berlin("2026-01-19T10:00"));
    expect(dueAt(cal, resumed, 600)).toBe(berlin("2026-01-20T13:00"));
    expect(slaState(cal, paused, 600, berlin("2026-01-19T12:00"), { warnMinutes: 30 })).toBe("paused");
    expect(slaState(cal, resumed, 600, berlin("2026-01-20T12:29"), { warnMinutes: 30 })).toBe("on_track");
    expect(slaState(cal, resumed, 600, berlin("2026-01-20T12:30"), { warnMinutes: 30 })).toBe("at_risk");
  });

  it("ignores a second pause or resume", () => {
    const running = startClock(berlin("2026-01-19T09:00"));
    expect(resumeClock(running, berlin("2026-01-19T10:00"))).toBe(running);
    const paused = pauseClock(cal, running, berlin("2026-01-19T10:00"));
    expect(pauseClock(cal, paused, berlin("2026-01-19T11:00"))).toBe(paused);
    expect(paused.elapsedMinutes).toBe(60);
  });

  it("banks whole minutes only, and nothing for a pause dated before the run", () => {
    const running = startClock(berlin("2026-01-19T09:00"));
    expect(pauseClock(cal, running, berlin("2026-01-19T09:01:30")).elapsedMinutes).toBe(1);
    expect(pauseClock(cal, running, berlin("2026-01-19T08:00")).elapsedMinutes).toBe(0);
  });
});

describe("dueAt and remainingMinutes", () => {
  it("is null while paused", () => {
    expect(dueAt(cal, { elapsedMinutes: 10, runningSince: null }, 60)).toBeNull();
  });

  it("returns the start of the current run once the target was reached in an earlier run", () => {
    const resumed: SlaClock = { elapsedMinutes: 90, runningSince: berlin("2026-01-20T09:00") };
    expect(dueAt(cal, resumed, 60)).toBe(berlin("2026-01-20T09:00"));
    expect(remainingMinutes(cal, resumed, 60, berlin("2026-01-20T09:30"))).toBe(-60);
  });

  it("follows the calendar's time zone", () => {
    const newYork = { ...defaultCalendar, timeZone: "America/New_York" };
    // Friday 16:30 EST + 120 business minutes: 90 on Friday, 30 on Monday from 08:00 EST (13:00Z).
    expect(dueAt(newYork, startClock("2026-01-16T21:30:00Z"), 120)).toBe("2026-01-19T13:30:00.000Z");
  });

  it("stays at 0 over the weekend after a Friday-evening due and goes negative on Monday", () => {
    const clock = startClock(berlin("2026-01-16T17:00"));
    expect(dueAt(cal, clock, 60)).toBe(berlin("2026-01-16T18:00"));
    expect(remainingMinutes(cal, clock, 60, berlin("2026-01-17T12:00"))).toBe(0);
    expect(remainingMinutes(cal, clock, 60, berlin("2026-01-19T08:01"))).toBe(-1);
  });
});

describe("slaState", () => {
  const monday = startClock(berlin("2026-01-19T09:00"));
  const state = (at: string, options: { warnMinutes: number; satisfiedAt?: string | null } = { warnMinutes: 30 }) =>
    slaState(cal, monday, 120, berlin(at), options);

  it("is on track until warnMinutes remain, then at risk up to and including the due instant", () => {
    expect(dueAt(cal, monday, 120)).toBe(berlin("2026-01-19T11:00"));
    expect(state("2026-01-19T09:00")).toBe("on_track");
    expect(state("2026-01-19T10:29")).toBe("on_track");
    expect(state("2026-01-19T10:30")).toBe("at_risk");
    expect(state("2026-01-19T11:00")).toBe("at_risk");
    expect(state("2026-01-19T11:00:00.001")).toBe("breached");
    expect(slaStates).toContain(state("2026-01-19T09:00"));
  });

  it("is breached as soon as the due instant has passed, even outside hours", () => {
    const friday = startClock(berlin("2026-01-16T17:00"));
    expect(slaState(cal, friday, 60, berlin("2026-01-16T17:59"), { warnMinutes: 0 })).toBe("on_track");
    expect(slaState(cal, friday, 60, berlin("2026-01-17T12:00"), { warnMinutes: 0 })).toBe("breached");
  });

  it("is paused while paused before the target, breached when paused or resumed after it", () => {
    const pausedEarly = pauseClock(cal, monday, berlin("2026-01-19T10:00"));
    expect(slaState(cal, pausedEarly, 120, berlin("2026-01-26T10:00"), { warnMinutes: 30 })).toBe("paused");
    expect(remainingMinutes(cal, pausedEarly, 120, berlin("2026-01-26T10:00"))).toBe(60);
    const pausedLate = pauseClock(cal, monday, berlin("2026-01-19T11:30"));
    expect(slaState(cal, pausedLate, 120, berlin("2026-01-19T11:30"), { warnMinutes: 30 })).toBe("breached");
    const resumed = resumeClock(pausedLate, berlin("2026-01-20T09:00"));
    expect(slaState(cal, resumed, 120, berlin("2026-01-20T09:00"), { warnMinutes: 30 })).toBe("breached");
  });

  it("is met when satisfied by the due instant, whatever `at` is, and breached when satisfied later", () => {
    expect(state("2026-02-02T09:00", { warnMinutes: 30, satisfiedAt: berlin("2026-01-19T10:59") })).toBe("met");
    expect(state("2026-02-02T09:00", { warnMinutes: 30, satisfiedAt: berlin("2026-01-19T11:00") })).toBe("met");
    expect(state("2026-01-19T10:00", { warnMinutes: 30, satisfiedAt: berlin("2026-01-19T11:00:01") })).toBe("breached");
    expect(state("2026-01-19T10:00", { warnMinutes: 30, satisfiedAt: null })).toBe("on_track");
  });

  it("judges a clock stopped at satisfiedAt by the minutes it had counted", () => {
    const satisfied = berlin("2026-01-19T10:59");
    const stopped = pauseClock(cal, monday, satisfied);
    expect(slaState(cal, stopped, 120, berlin("2026-02-02T09:00"), { warnMinutes: 30, satisfiedAt: satisfied })).toBe("met");
    // Due Friday 18:00, answered first thing Monday: the clock shows the full 60 minutes and the target is breached.
    const friday = startClock(berlin("2026-01-16T17:00"));
    const answered = berlin("2026-01-19T08:00:30");
    const stoppedLate = pauseClock(cal, friday, answered);
    expect(stoppedLate.elapsedMinutes).toBe(60);
    expect(slaState(cal, stoppedLate, 60, answered, { warnMinutes: 0, satisfiedAt: answered })).toBe("breached");
    expect(slaState(cal, friday, 60, answered, { warnMinutes: 0, satisfiedAt: answered })).toBe("breached");
  });

  it("refuses a target that is not positive, a negative warning, a broken clock or instant", () => {
    expect(() => slaState(cal, monday, 0, berlin("2026-01-19T10:00"), { warnMinutes: 0 })).toThrow(/targetMinutes/);
    expect(() => slaState(cal, monday, 60, berlin("2026-01-19T10:00"), { warnMinutes: -1 })).toThrow(/warnMinutes/);
    expect(() => elapsedAt(cal, { elapsedMinutes: -5, runningSince: null }, berlin("2026-01-19T10:00"))).toThrow(/elapsedMinutes/);
    expect(() => startClock("next Tuesday")).toThrow(/at must be/);
  });
});
