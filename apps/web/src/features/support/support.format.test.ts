import { describe, expect, it } from "vitest";
import type { SlaClock } from "../../api/types";
import { formatMinutes, serialMatches, slaSentence, slaShort } from "./support.format";
import { ticketSearch } from "./tickets.api";
import { compact, filtersFromSaved, toSearch } from "./useQueueFilters";

const clock: SlaClock = {
  state: "on_track",
  firstResponseTarget: 240,
  resolutionTarget: 1200,
  firstResponseDueAt: "2026-03-02T12:00:00Z",
  resolutionDueAt: "2026-03-04T12:00:00Z",
  firstResponseAt: null,
  elapsedMinutes: 110,
  remainingMinutes: 130,
  paused: false,
  firstResponseBreached: false,
  resolutionBreached: false,
};

describe("serialMatches", () => {
  it("anchors the pattern to the whole serial, as the server does", () => {
    expect(serialMatches("CAM-\\d{6}", "CAM-123456")).toBe(true);
    expect(serialMatches("CAM-\\d{6}", "XCAM-123456")).toBe(false);
    expect(serialMatches("CAM-\\d{6}", "CAM-1234567")).toBe(false);
    expect(serialMatches("A|B", "AB")).toBe(false);
  });

  it("matches nothing when the pattern does not compile", () => {
    expect(serialMatches("([", "([")).toBe(false);
  });
});

describe("SLA in words", () => {
  it("formats business minutes as hours and minutes", () => {
    expect(formatMinutes(130)).toBe("2 h 10 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(-65)).toBe("1 h 5 min");
  });

  it("names the next target and how long is left", () => {
    expect(slaSentence(clock, "partner")).toBe("First response due in 2 h 10 min (business hours).");
    const answered = { ...clock, firstResponseAt: "2026-03-02T10:00:00Z", remainingMinutes: -30, state: "breached" as const };
    expect(slaSentence(answered, "vendor")).toBe("Resolution overdue by 30 min (business hours).");
    expect(slaShort(answered)).toBe("overdue 30 min");
  });

  it("says when the clock is paused or no SLA applies", () => {
    expect(slaSentence({ ...clock, state: "paused", paused: true }, "partner")).toMatch(/paused while the ticket waits on your answer/);
    expect(slaSentence({ ...clock, state: null }, "vendor")).toBe("No SLA applies to this ticket.");
  });
});

describe("queue filters", () => {
  it("repeats status and severity in the API query and drops empty values", () => {
    const search = new URLSearchParams(ticketSearch({ status: ["new", "open"], severity: ["P1"], q: "  ", assigneeId: "me" }, { limit: 50 }));
    expect(search.getAll("status")).toEqual(["new", "open"]);
    expect(search.getAll("severity")).toEqual(["P1"]);
    expect(search.get("assigneeId")).toBe("me");
    expect(search.get("limit")).toBe("50");
    expect(search.has("q")).toBe(false);
  });

  it("keeps a saved view's filters through the address bar and back", () => {
    const saved = filtersFromSaved({ status: ["open", "bogus"], severity: "P2", slaState: "at_risk", sort: "newest", extra: 1 });
    expect(saved).toEqual(compact({ status: ["open"], severity: ["P2"], slaState: "at_risk", sort: "newest" }));
    expect(toSearch(saved)).toMatchObject({ status: "open", severity: "P2", sla: "at_risk", sort: "newest", partnerId: null });
    expect(toSearch({ sort: "sla" }).sort).toBeNull();
  });
});
