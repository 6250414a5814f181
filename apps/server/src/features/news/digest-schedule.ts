import type { DigestFrequency } from "@trellis/shared";
import { DateTime, IANAZone } from "luxon";

/** When a user wants the news digest: the hour (and, weekly, the ISO weekday) on the clock of its time zone. */
export interface DigestSchedule {
  frequency: DigestFrequency;
  /** 0-23 local. */
  hour: number;
  /** 1 (Monday) - 7 (Sunday); weekly only. */
  weekday: number;
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
}

/**
 * "Immediate" users are due at every run of the job (every five minutes, or run-now): the next time
 * is a second after the run, so one run (whose clock is fixed) never takes them twice.
 */
export const immediateGapMs = 1_000;

/** A digest never reaches further back than this, however long the user went without one. */
export const maxWindowDays = 31;

/** The later of two ISO-8601 timestamps. */
export function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The earlier of two ISO-8601 timestamps. */
export function earlierOf(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The first digest time strictly after `after`, computed on the user's own clock with luxon, so
 * "08:00 in Europe/Berlin" stays 08:00 local across daylight-saving changes. An hour that does
 * not exist that day (the spring-forward gap) moves forward to the first valid time (02:00 -> 03:00);
 * an hour that happens twice (autumn) is taken the first time. Off: never (null).
 */
export function nextDigestAt(schedule: DigestSchedule, after: Date | string): string | null {
  const afterMs = typeof after === "string" ? Date.parse(after) : after.getTime();
  if (schedule.frequency === "off") return null;
  if (schedule.frequency === "immediate") return new Date(afterMs + immediateGapMs).toISOString();
  const local = DateTime.fromMillis(afterMs, { zone: schedule.timeZone });
  const today = local.startOf("day");
  const at = (daysAhead: number) => today.plus({ days: daysAhead }).set({ hour: schedule.hour, minute: 0, second: 0, millisecond: 0 });
  const ahead = schedule.frequency === "daily" ? 0 : (schedule.weekday - today.weekday + 7) % 7;
  let candidate = at(ahead);
  if (candidate.toMillis() <= afterMs) candidate = at(ahead + (schedule.frequency === "daily" ? 1 : 7));
  return candidate.toJSDate().toISOString();
}

/** The start of a user's first digest window when it has none: one period back from the due time. */
export function periodStart(frequency: DigestFrequency, dueAt: string): string {
  const days = frequency === "weekly" ? 7 : 1;
  return new Date(Date.parse(dueAt) - days * 86_400_000).toISOString();
}

const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** How a digest's time reads to its reader: "Monday 08:00 (Europe/Berlin)". */
export function describeSchedule(schedule: DigestSchedule): string {
  const hour = `${String(schedule.hour).padStart(2, "0")}:00`;
  if (schedule.frequency === "off") return "off";
  if (schedule.frequency === "immediate") return "as soon as news is posted";
  if (schedule.frequency === "daily") return `daily at ${hour} (${schedule.timeZone})`;
  return `weekly on ${weekdayNames[schedule.weekday - 1] ?? "Monday"} at ${hour} (${schedule.timeZone})`;
}
