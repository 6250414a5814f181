/**
 * Business hours for the support desk: pure arithmetic, no I/O.
 *
 * Rules
 * - A calendar names an IANA time zone, working periods per ISO weekday (Monday = 1) in local wall-clock "HH:MM"
 *   (start inclusive, end exclusive, "24:00" = the midnight that ends the day) and whole-day holidays as local dates.
 * - An instant is business time when its local wall-clock time falls inside a working period of its local date and
 *   that date is no holiday. Business minutes are the REAL elapsed minutes of such instants, so across DST:
 *   - spring forward: local times that do not exist are skipped, and a period starting inside the gap starts at the
 *     next valid instant (Berlin 2026-03-29: 01:00–04:00 is 2 real hours, 00:00–24:00 is 23);
 *   - fall back: local times that happen twice count twice (Berlin 2026-10-25: 01:00–04:00 is 4 real hours,
 *     00:00–24:00 is 25; 02:00–02:30 is two half hours).
 * - addBusinessMinutes counts forward from `from`; outside hours the count starts at the next opening. A result that
 *   lands exactly on the end of a period is that end (Friday 17:00 + 60 min → Friday 18:00, not Monday 08:00).
 *   0 minutes returns `from` itself (as UTC), even outside hours. Negative or non-finite minutes throw a RangeError.
 * - businessMinutesBetween counts whole minutes, floored; 0 when to <= from. For whole n:
 *   businessMinutesBetween(c, from, addBusinessMinutes(c, from, n)) === n.
 * - Instants in: ISO-8601 with "Z" or an offset (a string without one is read as UTC). Instants out: UTC ISO with "Z".
 * - Calendars are treated as immutable: each is validated and compiled once (cached by object and by content).
 *   An invalid calendar throws a RangeError listing its problems; a search longer than 10 years throws too.
 */
import { DateTime, IANAZone } from "luxon";

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export interface WorkingPeriod {
  start: string;
  end: string;
}
export interface BusinessCalendar {
  timeZone: string;
  week: Partial<Record<IsoWeekday, WorkingPeriod[]>>;
  holidays: readonly string[];
}
export interface CalendarProblem {
  path: string;
  message: string;
}

const workday: WorkingPeriod[] = [{ start: "08:00", end: "18:00" }];
/** Monday–Friday 08:00–18:00 in Berlin, no holidays. Frozen because compiled calendars are cached. */
export const defaultCalendar: BusinessCalendar = Object.freeze({
  timeZone: "Europe/Berlin",
  week: Object.freeze({ 1: workday, 2: workday, 3: workday, 4: workday, 5: workday }),
  holidays: Object.freeze([]),
});
Object.freeze(workday[0]);
Object.freeze(workday);

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SEARCH_LIMIT_DAYS = 3_660;
const DAY_CACHE_LIMIT = 20_000;
const CONTENT_CACHE_LIMIT = 64;
const dayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Interval {
  start: number;
  end: number;
}
interface CompiledCalendar {
  zone: IANAZone;
  /** Index = ISO weekday; minutes of the day, sorted, never overlapping. */
  periods: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  holidays: ReadonlySet<string>;
  /** Local date (days since 1970-01-01) → its business intervals as epoch ms, sorted and merged. */
  days: Map<number, readonly Interval[]>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function minutesOf(text: unknown, isEnd: boolean): number | null {
  if (typeof text !== "string") return null;
  if (isEnd && text === "24:00") return 1440;
  const match = TIME.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Problems with a calendar, each with the path of the field at fault; [] when the calendar is usable. */
export function calendarProblems(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const input: unknown = calendar;
  if (!isRecord(input)) return [{ path: "", message: "Business hours must be an object with timeZone, week and holidays" }];

  const zone = input.timeZone;
  if (typeof zone !== "string" || !IANAZone.isValidZone(zone)) {
    add("timeZone", `${JSON.stringify(zone ?? "")} is not a known time zone; use a name such as "Europe/Berlin"`);
  }

  const week = input.week;
  let periodCount = 0;
  if (!isRecord(week)) {
    add("week", "Working hours must list working periods per weekday (1 = Monday … 7 = Sunday)");
  } else {
    for (const [key, periods] of Object.entries(week)) {
      if (!/^[1-7]$/.test(key)) {
        add(`week.${key}`, "Weekdays are numbered 1 (Monday) to 7 (Sunday)");
        continue;
      }
      if (periods === undefined) continue;
      const day = dayNames[Number(key)];
      if (!Array.isArray(periods)) {
        add(`week.${key}`, `${day} must be a list of working periods`);
        continue;
      }
      periodCount += periods.length;
      const usable: Array<{ index: number; start: number; end: number; text: string }> = [];
      periods.forEach((period: unknown, index) => {
        const path = `week.${key}[${index}]`;
        const startText = isRecord(period) ? period.start : undefined;
        const endText = isRecord(period) ? period.end : undefined;
        const start = minutesOf(startText, false);
        const end = minutesOf(endText, true);
        if (start === null) add(`${path}.start`, `Start time must be a 24-hour time from 00:00 to 23:59, such as "08:00"`);
        if (end === null) add(`${path}.end`, `End time must be a 24-hour time up to 24:00, such as "18:00"`);
        if (start === null || end === null) return;
        if (end <= start) {
          add(`${path}.end`, `End time ${String(endText)} must be later than the start time ${String(startText)}`);
          return;
        }
        usable.push({ index, start, end, text: `${String(startText)}–${String(endText)}` });
      });
      usable.sort((a, b) => a.start - b.start);
      let latest: (typeof usable)[number] | undefined;
      for (const period of usable) {
        if (latest && period.start < latest.end) {
          add(`week.${key}[${period.index}].start`, `${period.text} overlaps ${latest.text} on ${day}`);
        }
        if (!latest || period.end > latest.end) latest = period;
      }
    }
    if (periodCount === 0) add("week", "The week has no working hours; add at least one working period");
  }

  const holidays = input.holidays;
  if (!Array.isArray(holidays)) {
    add("holidays", `Holidays must be a list of dates such as "2026-12-25"`);
  } else {
    holidays.forEach((holiday: unknown, index) => {
      const valid = typeof holiday === "string" && DATE.test(holiday) && DateTime.fromISO(holiday, { zone: "utc" }).isValid;
      if (!valid) add(`holidays[${index}]`, `${JSON.stringify(holiday ?? "")} is not a date such as "2026-12-25"`);
    });
  }
  return problems;
}

const byObject = new WeakMap<BusinessCalendar, CompiledCalendar>();
const byContent = new Map<string, CompiledCalendar>();

/** Validates and precompiles a calendar once; callers that rebuild equal calendars per request share the cache too. */
function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const known = byObject.get(calendar);
  if (known) return known;
  const key = JSON.stringify([calendar.timeZone, calendar.week, calendar.holidays]);
  let compiled = byContent.get(key);
  if (!compiled) {
    const problems = calendarProblems(calendar);
    if (problems.length > 0) {
      throw new RangeError(`Invalid business hours: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    }
    const periods: Array<Array<readonly [number, number]>> = [[], [], [], [], [], [], [], []];
    for (const [key, list] of Object.entries(calendar.week)) {
      const day = periods[Number(key)];
      for (const period of list ?? []) day?.push([minutesOf(period.start, false) ?? 0, minutesOf(period.end, true) ?? 0]);
      day?.sort((a, b) => a[0] - b[0]);
    }
    compiled = { zone: IANAZone.create(calendar.timeZone), periods, holidays: new Set(calendar.holidays), days: new Map() };
    if (byContent.size >= CONTENT_CACHE_LIMIT) byContent.clear();
    byContent.set(key, compiled);
  }
  byObject.set(calendar, compiled);
  return compiled;
}

/** luxon gives the zone's UTC offset at an instant, in minutes; we work in ms. */
function offsetMs(zone: IANAZone, at: number): number {
  return zone.offset(at) * MINUTE_MS;
}

/**
 * A local date (days since 1970-01-01) no later than any date whose business intervals can reach past `at`,
 * found without asking for the zone's offset (slow): a local date is within a day of the UTC date, and after a
 * fall-back at midnight the date before can still be running.
 */
function firstLocalDay(at: number): number {
  return Math.floor(at / DAY_MS) - 2;
}

/** The first instant in (from, to] whose offset is `offset`, given that `to` has it and `from` does not. */
function offsetChange(zone: IANAZone, from: number, to: number, offset: number): number {
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMs(zone, middle) === offset) high = middle;
    else low = middle;
  }
  return high;
}

function pushClipped(out: Interval[], start: number, end: number, from: number, to: number): void {
  const clippedStart = Math.max(start, from);
  const clippedEnd = Math.min(end, to);
  if (clippedEnd > clippedStart) out.push({ start: clippedStart, end: clippedEnd });
}

/**
 * The instants whose local wall-clock time lies in a working period of local date `day`. A wall-clock time maps to
 * the instant `local − offset`, using the offset in force before or after the day's offset change (if any), each
 * clipped to its side of the change: this skips nonexistent times and counts repeated ones twice. (luxon's
 * DateTime.fromObject resolves a repeated time by today's offset, so it cannot be used for this.)
 */
function dayIntervals(calendar: CompiledCalendar, day: number): readonly Interval[] {
  const cached = calendar.days.get(day);
  if (cached) return cached;
  const date = DateTime.fromMillis(day * DAY_MS, { zone: "utc" });
  const periods = calendar.holidays.has(date.toISODate() ?? "") ? [] : (calendar.periods[date.weekday] ?? []);
  const intervals: Interval[] = [];
  if (periods.length > 0) {
    const midnight = day * DAY_MS; // this date's 00:00 wall-clock time, written as if it were UTC
    // Offsets lie within −12h…+14h, so every instant showing this date lies in [low, high].
    const low = midnight - 15 * HOUR_MS;
    const high = midnight + DAY_MS + 13 * HOUR_MS;
    const before = offsetMs(calendar.zone, low);
    const after = offsetMs(calendar.zone, high);
    const change = before === after ? high : offsetChange(calendar.zone, low, high, after);
    for (const [start, end] of periods) {
      const localStart = midnight + start * MINUTE_MS;
      const localEnd = midnight + end * MINUTE_MS;
      pushClipped(intervals, localStart - before, localEnd - before, Number.NEGATIVE_INFINITY, change);
      if (before !== after) pushClipped(intervals, localStart - after, localEnd - after, change, Number.POSITIVE_INFINITY);
    }
  }
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  if (calendar.days.size >= DAY_CACHE_LIMIT) calendar.days.clear();
  calendar.days.set(day, merged);
  return merged;
}

const FULL_ISO = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO-8601 instant; throws a RangeError naming `field` when it is not one. */
export function parseInstant(text: string, field: string): number {
  // Fast path: Date.parse is exact for a full ISO string with an offset once the day is known to exist (it would
  // roll "02-30" over into March). Anything else is left to luxon; a string without an offset is read as UTC.
  const match = typeof text === "string" ? FULL_ISO.exec(text) : null;
  let instant = Number.NaN;
  if (match) {
    const daysInMonth = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
    if (Number(match[3]) <= daysInMonth) instant = Date.parse(text);
  } else if (typeof text === "string") {
    const iso = DateTime.fromISO(text, { zone: "utc" });
    instant = (iso.isValid ? iso : DateTime.fromSQL(text, { zone: "utc" })).toMillis();
  }
  if (!Number.isFinite(instant)) throw new RangeError(`${field} must be an ISO-8601 date-time such as "2026-03-27T16:30:00Z"`);
  return instant;
}

function toIso(instant: number): string {
  return new Date(instant).toISOString();
}

/** The instant `minutes` business minutes after `from`, as a UTC ISO string. */
export function addBusinessMinutes(calendar: BusinessCalendar, from: string, minutes: number): string {
  const compiled = compileCalendar(calendar);
  const start = parseInstant(from, "from");
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError("minutes must be a finite number of at least 0");
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return toIso(start);
  let cursor = start;
  const firstDay = firstLocalDay(start);
  for (let day = firstDay; day <= firstDay + SEARCH_LIMIT_DAYS; day++) {
    for (const { start: open, end: close } of dayIntervals(compiled, day)) {
      if (close <= cursor) continue;
      const begin = Math.max(open, cursor);
      if (remaining <= close - begin) return toIso(begin + remaining);
      remaining -= close - begin;
      cursor = close;
    }
  }
  throw new RangeError(`${minutes} business minutes after ${from} lie more than 10 years ahead (check the holidays)`);
}

/** Whole business minutes between two instants, floored; 0 when `to` is not after `from`. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: string, to: string): number {
  const compiled = compileCalendar(calendar);
  const start = parseInstant(from, "from");
  const end = parseInstant(to, "to");
  if (end <= start) return 0;
  let total = 0;
  const lastDay = Math.floor(end / DAY_MS) + 1;
  for (let day = firstLocalDay(start); day <= lastDay; day++) {
    for (const interval of dayIntervals(compiled, day)) {
      const overlap = Math.min(interval.end, end) - Math.max(interval.start, start);
      if (overlap > 0) total += overlap;
    }
  }
  return Math.floor(total / MINUTE_MS);
}

/** Whether `at` lies inside working hours (a period end itself is outside). */
export function isBusinessTime(calendar: BusinessCalendar, at: string): boolean {
  const compiled = compileCalendar(calendar);
  const instant = parseInstant(at, "at");
  // Each instant belongs to at most one local date, and that date is within a day of its UTC date.
  const utcDay = Math.floor(instant / DAY_MS);
  for (let day = utcDay - 1; day <= utcDay + 1; day++) {
    if (dayIntervals(compiled, day).some((interval) => interval.start <= instant && instant < interval.end)) return true;
  }
  return false;
}
