import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  calendarProblems,
  defaultCalendar,
  type IsoWeekday,
  isBusinessTime,
  type WorkingPeriod,
} from "./business-hours.js";

const allDays: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5];

function calendar(timeZone: string, days: IsoWeekday[], periods: WorkingPeriod[], holidays: string[] = []): BusinessCalendar {
  return { timeZone, week: Object.fromEntries(days.map((day) => [day, periods])), holidays };
}

/** The UTC ISO string of an unambiguous local wall-clock time, computed by luxon as an independent reference. */
function local(wallClock: string, zone = "Europe/Berlin"): string {
  const instant = DateTime.fromISO(wallClock, { zone });
  expect(instant.isValid).toBe(true);
  return new Date(instant.toMillis()).toISOString();
}

function minutesOfDay(text: string): number {
  const [hours = 0, minutes = 0] = text.split(":").map(Number);
  return hours * 60 + minutes;
}

/** Counts business minutes one minute at a time straight from luxon's local time: slow, but shares no code with the module. */
function bruteForceMinutes(cal: BusinessCalendar, from: string, to: string): number {
  let count = 0;
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
    const wall = DateTime.fromMillis(t, { zone: cal.timeZone });
    if (cal.holidays.includes(wall.toISODate() ?? "")) continue;
    const minute = wall.hour * 60 + wall.minute;
    const periods = cal.week[wall.weekday as IsoWeekday] ?? [];
    if (periods.some((p) => minutesOfDay(p.start) <= minute && minute < minutesOfDay(p.end))) count++;
  }
  return count;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const lunchBreak = calendar("Europe/Berlin", weekdays, [
  { start: "13:00", end: "17:00" },
  { start: "08:00", end: "12:00" },
]);
const roundTheClock = (zone: string) => calendar(zone, allDays, [{ start: "00:00", end: "24:00" }]);

describe("default calendar", () => {
  it("is valid and open Monday to Friday 08:00–18:00 in Berlin", () => {
    expect(calendarProblems(defaultCalendar)).toEqual([]);
    expect(isBusinessTime(defaultCalendar, local("2026-01-19T08:00"))).toBe(true);
    expect(isBusinessTime(defaultCalendar, local("2026-01-19T07:59:59"))).toBe(false);
    expect(isBusinessTime(defaultCalendar, local("2026-01-23T17:59"))).toBe(true);
    expect(isBusinessTime(defaultCalendar, local("2026-01-23T18:00"))).toBe(false);
    expect(isBusinessTime(defaultCalendar, local("2026-01-24T12:00"))).toBe(false);
    expect(Object.isFrozen(defaultCalendar.week)).toBe(true);
  });
});

describe("addBusinessMinutes across weekends and holidays", () => {
  it("carries Friday 17:30 + 60 minutes over to Monday 08:30", () => {
    expect(addBusinessMinutes(defaultCalendar, "2026-01-16T16:30:00Z", 60)).toBe("2026-01-19T07:30:00.000Z");
    // The weekend of the spring change: Friday is CET, Monday CEST.
    expect(addBusinessMinutes(defaultCalendar, "2026-03-27T16:30:00Z", 60)).toBe("2026-03-30T06:30:00.000Z");
  });

  it("ends exactly at closing time rather than at the next opening", () => {
    expect(addBusinessMinutes(defaultCalendar, local("2026-01-16T17:00"), 60)).toBe(local("2026-01-16T18:00"));
  });

  it("starts counting at the next opening when asked outside hours", () => {
    expect(addBusinessMinutes(defaultCalendar, local("2026-01-17T11:00"), 1)).toBe(local("2026-01-19T08:01"));
    expect(addBusinessMinutes(defaultCalendar, local("2026-01-19T06:00"), 90)).toBe(local("2026-01-19T09:30"));
  });

  it("returns `from` itself for 0 minutes, even outside hours, and accepts offsets and fractions", () => {
    expect(addBusinessMinutes(defaultCalendar, "2026-01-17T11:00:00Z", 0)).toBe("2026-01-17T11:00:00.000Z");
    expect(addBusinessMinutes(defaultCalendar, "2026-01-19T09:00:00+01:00", 30)).toBe("2026-01-19T08:30:00.000Z");
    expect(addBusinessMinutes(defaultCalendar, "2026-01-19T08:00:00Z", 1.5)).toBe("2026-01-19T08:01:30.000Z");
  });

  it("skips holidays, including a Monday holiday after a weekend", () => {
    const easter = { ...defaultCalendar, holidays: ["2026-04-03", "2026-04-06"] };
    expect(addBusinessMinutes(easter, local("2026-04-02T17:30"), 60)).toBe(local("2026-04-07T08:30"));
    expect(businessMinutesBetween(easter, local("2026-04-02T00:00"), local("2026-04-08T00:00"))).toBe(2 * 600);
    expect(isBusinessTime(easter, local("2026-04-06T10:00"))).toBe(false);
    expect(isBusinessTime(defaultCalendar, local("2026-04-06T10:00"))).toBe(true);
  });

  it("walks three weeks of working time into the right week", () => {
    // 3 × 50 working hours from Monday 08:00 ends at the close of the third Friday.
    expect(addBusinessMinutes(defaultCalendar, local("2026-01-05T08:00"), 3 * 3000)).toBe(local("2026-01-23T18:00"));
  });
});

describe("several working periods a day", () => {
  it("skips the lunch break, whatever order the periods are listed in", () => {
    expect(addBusinessMinutes(lunchBreak, local("2026-01-19T11:30"), 60)).toBe(local("2026-01-19T13:30"));
    expect(addBusinessMinutes(lunchBreak, local("2026-01-19T11:30"), 30)).toBe(local("2026-01-19T12:00"));
    expect(addBusinessMinutes(lunchBreak, local("2026-01-19T16:30"), 60)).toBe(local("2026-01-20T08:30"));
    expect(businessMinutesBetween(lunchBreak, local("2026-01-19T11:00"), local("2026-01-19T14:00"))).toBe(120);
    expect(isBusinessTime(lunchBreak, local("2026-01-19T12:30"))).toBe(false);
  });

  it("treats back-to-back periods as one stretch", () => {
    const split = calendar(
      "Europe/Berlin",
      [1],
      [
        { start: "08:00", end: "12:00" },
        { start: "12:00", end: "18:00" },
      ],
    );
    expect(calendarProblems(split)).toEqual([]);
    expect(addBusinessMinutes(split, local("2026-01-19T11:00"), 120)).toBe(local("2026-01-19T13:00"));
  });
});

describe("time zones", () => {
  it("gives the right UTC instant for the same hours in New York and Kolkata", () => {
    const newYork = { ...defaultCalendar, timeZone: "America/New_York" };
    const kolkata = { ...defaultCalendar, timeZone: "Asia/Kolkata" };
    expect(addBusinessMinutes(newYork, "2026-01-16T22:30:00Z", 60)).toBe("2026-01-19T13:30:00.000Z");
    expect(addBusinessMinutes(kolkata, "2026-01-16T12:00:00Z", 60)).toBe("2026-01-19T03:00:00.000Z");
    expect(isBusinessTime(newYork, "2026-01-19T13:00:00Z")).toBe(true);
    expect(isBusinessTime(newYork, "2026-01-19T12:59:00Z")).toBe(false);
    expect(isBusinessTime(kolkata, "2026-01-19T02:30:00Z")).toBe(true);
    expect(isBusinessTime(kolkata, "2026-01-19T02:29:00Z")).toBe(false);
  });
});

describe("daylight saving time", () => {
  it("has 23 and 25 real hours on a 24h calendar in Berlin", () => {
    const berlin = roundTheClock("Europe/Berlin");
    expect(businessMinutesBetween(berlin, local("2026-03-29T00:00"), local("2026-03-30T00:00"))).toBe(23 * 60);
    expect(businessMinutesBetween(berlin, local("2026-10-25T00:00"), local("2026-10-26T00:00"))).toBe(25 * 60);
    expect(addBusinessMinutes(berlin, "2026-03-28T23:00:00Z", 24 * 60)).toBe("2026-03-29T23:00:00.000Z");
    expect(addBusinessMinutes(berlin, "2026-10-24T22:00:00Z", 25 * 60)).toBe("2026-10-25T23:00:00.000Z");
  });

  it("has 23 and 25 real hours on a 24h calendar in New York", () => {
    const newYork = roundTheClock("America/New_York");
    expect(businessMinutesBetween(newYork, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")).toBe(23 * 60);
    expect(businessMinutesBetween(newYork, "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")).toBe(25 * 60);
  });

  it("measures a 01:00–04:00 period in real time: 2 hours in spring, 4 in autumn", () => {
    const night = calendar("Europe/Berlin", [7], [{ start: "01:00", end: "04:00" }]);
    expect(businessMinutesBetween(night, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z")).toBe(120);
    expect(businessMinutesBetween(night, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z")).toBe(240);
    expect(addBusinessMinutes(night, "2026-10-24T12:00:00Z", 240)).toBe("2026-10-25T03:00:00.000Z");
  });

  it("starts a period beginning in the skipped hour at the next valid instant", () => {
    const late = calendar("Europe/Berlin", [7], [{ start: "02:30", end: "05:00" }]);
    // 03:00 CEST = 01:00Z is the first instant after the gap.
    expect(addBusinessMinutes(late, "2026-03-28T12:00:00Z", 1)).toBe("2026-03-29T01:01:00.000Z");
    expect(isBusinessTime(late, "2026-03-29T00:59:00Z")).toBe(false);
    expect(isBusinessTime(late, "2026-03-29T01:00:00Z")).toBe(true);
    expect(businessMinutesBetween(late, "2026-03-28T12:00:00Z", "2026-03-30T00:00:00Z")).toBe(120);
    const lost = calendar("America/New_York", [7], [{ start: "02:00", end: "03:00" }]);
    expect(businessMinutesBetween(lost, "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z")).toBe(0);
  });

  it("counts a repeated half hour twice when the clocks go back", () => {
    const repeated = calendar("Europe/Berlin", [7], [{ start: "02:00", end: "02:30" }]);
    expect(businessMinutesBetween(repeated, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z")).toBe(60);
    expect(isBusinessTime(repeated, "2026-10-25T00:15:00Z")).toBe(true); // 02:15 CEST
    expect(isBusinessTime(repeated, "2026-10-25T00:45:00Z")).toBe(false); // 02:45 CEST
    expect(isBusinessTime(repeated, "2026-10-25T01:15:00Z")).toBe(true); // 02:15 CET
    expect(addBusinessMinutes(repeated, "2026-10-25T00:00:00Z", 45)).toBe("2026-10-25T01:15:00.000Z");
  });

  it("carries office hours over the change weekend at the new offset", () => {
    expect(addBusinessMinutes(defaultCalendar, "2026-10-23T15:30:00Z", 60)).toBe("2026-10-26T07:30:00.000Z");
    const newYork = { ...defaultCalendar, timeZone: "America/New_York" };
    expect(addBusinessMinutes(newYork, "2026-03-06T22:30:00Z", 60)).toBe("2026-03-09T12:30:00.000Z");
    expect(addBusinessMinutes(newYork, "2026-10-30T21:30:00Z", 60)).toBe("2026-11-02T13:30:00.000Z");
  });

  it("agrees with a minute-by-minute count around every change", () => {
    const odd = (zone: string) =>
      calendar(zone, allDays, [
        { start: "00:30", end: "01:45" },
        { start: "02:15", end: "03:30" },
        { start: "22:00", end: "24:00" },
      ]);
    const windows: Array<[string, string, string]> = [
      ["Europe/Berlin", "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"],
      ["Europe/Berlin", "2026-10-23T12:00:00Z", "2026-10-26T12:00:00Z"],
      ["America/New_York", "2026-03-06T12:00:00Z", "2026-03-09T12:00:00Z"],
      ["America/New_York", "2026-10-30T12:00:00Z", "2026-11-02T12:00:00Z"],
    ];
    for (const [zone, from, to] of windows) {
      for (const cal of [{ ...defaultCalendar, timeZone: zone }, roundTheClock(zone), odd(zone)]) {
        expect(businessMinutesBetween(cal, from, to)).toBe(bruteForceMinutes(cal, from, to));
      }
    }
  });
});

describe("businessMinutesBetween", () => {
  it("is 0 when `to` is not after `from` and floors partial minutes", () => {
    expect(businessMinutesBetween(defaultCalendar, local("2026-01-19T10:00"), local("2026-01-19T09:00"))).toBe(0);
    expect(businessMinutesBetween(defaultCalendar, local("2026-01-19T10:00"), local("2026-01-19T10:00"))).toBe(0);
    expect(businessMinutesBetween(defaultCalendar, local("2026-01-19T10:00"), local("2026-01-19T10:01:59"))).toBe(1);
  });

  it("inverts addBusinessMinutes for many seeded random inputs", () => {
    const random = seededRandom(20260327);
    const calendars = [
      defaultCalendar,
      { ...lunchBreak, holidays: ["2026-04-06", "2026-12-24", "2026-12-25"] },
      roundTheClock("Europe/Berlin"),
      calendar("America/New_York", [7, 1, 2, 3, 4], [{ start: "07:30", end: "19:15" }]),
      calendar("Asia/Kolkata", weekdays, [{ start: "09:30", end: "18:30" }]),
    ];
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 2_000; i++) {
      const cal = calendars[i % calendars.length] ?? defaultCalendar;
      const from = new Date(start + Math.floor(random() * 365 * 86_400_000)).toISOString();
      const minutes = Math.floor(random() * 20_000);
      const due = addBusinessMinutes(cal, from, minutes);
      expect(businessMinutesBetween(cal, from, due)).toBe(minutes);
      expect(Date.parse(due)).toBeGreaterThanOrEqual(Date.parse(from));
      // The last counted minute is business time, so the result is as early as it can be.
      if (minutes > 0) expect(isBusinessTime(cal, new Date(Date.parse(due) - 1).toISOString())).toBe(true);
    }
  });
});

describe("calendarProblems", () => {
  it("names every problem with the path of the field at fault", () => {
    const bad = {
      timeZone: "Europe/Atlantis",
      week: {
        1: [
          { start: "8:00", end: "18:00" },
          { start: "09:00", end: "09:00" },
        ],
        2: [
          { start: "08:00", end: "12:00" },
          { start: "11:30", end: "24:00" },
        ],
        3: [{ start: "08:00", end: "24:30" }],
      },
      holidays: ["2026-02-30", "25.12.2026"],
    } as BusinessCalendar;
    const problems = calendarProblems(bad);
    expect(problems.map((p) => p.path)).toEqual([
      "timeZone",
      "week.1[0].start",
      "week.1[1].end",
      "week.2[1].start",
      "week.3[0].end",
      "holidays[0]",
      "holidays[1]",
    ]);
    expect(problems[3]?.message).toBe("11:30–24:00 overlaps 08:00–12:00 on Tuesday");
    expect(problems[0]?.message).toContain("Europe/Atlantis");
  });

  it("rejects a week without working time and unknown weekdays", () => {
    expect(calendarProblems({ timeZone: "UTC", week: {}, holidays: [] })).toEqual([
      { path: "week", message: "The week has no working hours; add at least one working period" },
    ]);
    const eighthDay = { timeZone: "UTC", week: { 8: [{ start: "08:00", end: "09:00" }] }, holidays: [] } as unknown as BusinessCalendar;
    expect(calendarProblems(eighthDay).map((p) => p.path)).toEqual(["week.8", "week"]);
  });

  it("makes the arithmetic refuse an invalid calendar, a bad instant or negative minutes", () => {
    const closed = { timeZone: "Europe/Berlin", week: {}, holidays: [] };
    expect(() => addBusinessMinutes(closed, "2026-01-19T08:00:00Z", 10)).toThrow(/week: The week has no working hours/);
    expect(() => addBusinessMinutes(defaultCalendar, "2026-02-30T08:00:00Z", 10)).toThrow(RangeError);
    expect(() => businessMinutesBetween(defaultCalendar, "yesterday", "2026-01-19T08:00:00Z")).toThrow(/from must be/);
    expect(() => addBusinessMinutes(defaultCalendar, "2026-01-19T08:00:00Z", -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(defaultCalendar, "2026-01-19T08:00:00Z", Number.NaN)).toThrow(RangeError);
  });

  it("stops searching after ten years instead of looping forever", () => {
    const mondays: string[] = [];
    for (let day = DateTime.fromISO("2026-01-05"); day.year < 2038; day = day.plus({ weeks: 1 })) mondays.push(day.toISODate() ?? "");
    const mondaysOff = calendar("Europe/Berlin", [1], [{ start: "08:00", end: "18:00" }], mondays);
    expect(calendarProblems(mondaysOff)).toEqual([]);
    expect(() => addBusinessMinutes(mondaysOff, "2026-01-01T00:00:00Z", 1)).toThrow(/more than 10 years/);
  });
});

describe("speed", () => {
  it("computes 10,000 three-week due times in well under a second", () => {
    const random = seededRandom(4);
    const start = Date.parse("2026-01-01T00:00:00Z");
    const froms = Array.from({ length: 10_000 }, () => new Date(start + Math.floor(random() * 365 * 86_400_000)).toISOString());
    const threeWeeks = 3 * 7 * 24 * 60;
    const began = performance.now();
    let latest = "";
    for (const from of froms) {
      const due = addBusinessMinutes(defaultCalendar, from, threeWeeks);
      if (due > latest) latest = due;
    }
    const took = performance.now() - began;
    expect(latest > "2026-12-31").toBe(true);
    expect(took).toBeLessThan(1_000);
  });
});
