import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type DigestSchedule, describeSchedule, isValidTimeZone, nextDigestAt } from "./digest-schedule.js";

const daily = (hour: number, timeZone: string): DigestSchedule => ({ frequency: "daily", hour, weekday: 1, timeZone });
const weekly = (weekday: number, hour: number, timeZone: string): DigestSchedule => ({ frequency: "weekly", hour, weekday, timeZone });

describe("next digest time", () => {
  // Europe/Berlin: CET (UTC+1) -> CEST (UTC+2) on 30 March 2025, back on 26 October 2025.
  it("keeps a daily 08:00 in Berlin at 08:00 local across the spring change", () => {
    expect(nextDigestAt(daily(8, "Europe/Berlin"), "2025-03-28T07:30:00.000Z")).toBe("2025-03-29T07:00:00.000Z");
    expect(nextDigestAt(daily(8, "Europe/Berlin"), "2025-03-29T07:00:00.000Z")).toBe("2025-03-30T06:00:00.000Z");
    expect(nextDigestAt(daily(8, "Europe/Berlin"), "2025-03-30T06:00:00.000Z")).toBe("2025-03-31T06:00:00.000Z");
  });

  it("keeps a daily 08:00 in Berlin at 08:00 local across the autumn change", () => {
    expect(nextDigestAt(daily(8, "Europe/Berlin"), "2025-10-25T06:00:00.000Z")).toBe("2025-10-26T07:00:00.000Z");
    expect(nextDigestAt(daily(8, "Europe/Berlin"), "2025-10-26T07:00:00.000Z")).toBe("2025-10-27T07:00:00.000Z");
  });

  // America/New_York: EST (UTC-5) -> EDT (UTC-4) on 9 March 2025, back on 2 November 2025.
  it("keeps a weekly Monday 08:00 in New York at 08:00 local across both changes", () => {
    expect(nextDigestAt(weekly(1, 8, "America/New_York"), "2025-03-01T12:00:00.000Z")).toBe("2025-03-03T13:00:00.000Z");
    expect(nextDigestAt(weekly(1, 8, "America/New_York"), "2025-03-03T13:00:00.000Z")).toBe("2025-03-10T12:00:00.000Z");
    expect(nextDigestAt(weekly(1, 8, "America/New_York"), "2025-10-27T12:00:00.000Z")).toBe("2025-11-03T13:00:00.000Z");
  });

  it("puts a weekly digest on the day of a change at the right local hour", () => {
    // Sunday 30 March 2025 08:00 in Berlin is already summer time; Sunday 2 November 09:00 in New York is winter time.
    expect(nextDigestAt(weekly(7, 8, "Europe/Berlin"), "2025-03-27T10:00:00.000Z")).toBe("2025-03-30T06:00:00.000Z");
    expect(nextDigestAt(weekly(7, 9, "America/New_York"), "2025-10-30T10:00:00.000Z")).toBe("2025-11-02T14:00:00.000Z");
  });

  it("keeps a daily New York digest at its hour across both changes", () => {
    expect(nextDigestAt(daily(18, "America/New_York"), "2025-03-08T23:30:00.000Z")).toBe("2025-03-09T22:00:00.000Z");
    expect(nextDigestAt(daily(18, "America/New_York"), "2025-11-01T22:30:00.000Z")).toBe("2025-11-02T23:00:00.000Z");
  });

  it("moves an hour that does not exist forward and takes a repeated hour the first time", () => {
    // 02:00 does not exist in Berlin on 30 March (clocks go 02:00 -> 03:00): 03:00 CEST.
    expect(nextDigestAt(daily(2, "Europe/Berlin"), "2025-03-29T12:00:00.000Z")).toBe("2025-03-30T01:00:00.000Z");
    // 02:00 happens twice in Berlin on 26 October: the first, still CEST.
    expect(nextDigestAt(daily(2, "Europe/Berlin"), "2025-10-25T12:00:00.000Z")).toBe("2025-10-26T00:00:00.000Z");
    // 02:00 does not exist in New York on 9 March: 03:00 EDT.
    expect(nextDigestAt(daily(2, "America/New_York"), "2025-03-09T05:00:00.000Z")).toBe("2025-03-09T07:00:00.000Z");
  });

  it("is strictly after the given time, so a run never takes the same user twice", () => {
    expect(nextDigestAt(daily(8, "UTC"), "2025-06-02T08:00:00.000Z")).toBe("2025-06-03T08:00:00.000Z");
    expect(nextDigestAt(daily(8, "UTC"), "2025-06-02T07:59:59.999Z")).toBe("2025-06-02T08:00:00.000Z");
    expect(nextDigestAt(weekly(1, 8, "UTC"), "2025-06-02T08:00:00.000Z")).toBe("2025-06-09T08:00:00.000Z");
  });

  it("lands every daily digest of a year on the chosen local hour, 23 to 25 hours apart", () => {
    for (const timeZone of ["Europe/Berlin", "America/New_York", "Australia/Sydney"]) {
      let at = "2025-01-01T00:00:00.000Z";
      const gaps = new Set<number>();
      for (let day = 0; day < 366; day++) {
        const next = nextDigestAt(daily(8, timeZone), at) as string;
        const local = DateTime.fromISO(next, { zone: timeZone });
        expect(local.hour, `${timeZone} ${next}`).toBe(8);
        if (day > 0) gaps.add((Date.parse(next) - Date.parse(at)) / 3_600_000);
        at = next;
      }
      expect([...gaps].sort()).toEqual([23, 24, 25]);
    }
  });

  it("is a second away for immediate and never for off", () => {
    expect(nextDigestAt({ frequency: "immediate", hour: 8, weekday: 1, timeZone: "UTC" }, "2025-06-02T08:00:00.000Z")).toBe(
      "2025-06-02T08:00:01.000Z",
    );
    expect(nextDigestAt({ frequency: "off", hour: 8, weekday: 1, timeZone: "UTC" }, "2025-06-02T08:00:00.000Z")).toBeNull();
  });

  it("knows IANA zones and describes a schedule in words", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(describeSchedule(weekly(1, 8, "Europe/Berlin"))).toBe("weekly on Monday at 08:00 (Europe/Berlin)");
    expect(describeSchedule(daily(17, "UTC"))).toBe("daily at 17:00 (UTC)");
  });
});
