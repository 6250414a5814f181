import { describe, expect, it } from "vitest";
import { regexCompiles, serialPatternField } from "./products.schemas.js";
import { serialMatches } from "./products.service.js";

describe("serialMatches", () => {
  it("matches the whole serial, never a part of it", () => {
    expect(serialMatches("CAM-\\d{6}", "CAM-123456")).toBe(true);
    expect(serialMatches("CAM-\\d{6}", "XCAM-123456")).toBe(false);
    expect(serialMatches("CAM-\\d{6}", "CAM-1234567")).toBe(false);
    expect(serialMatches("CAM-\\d{6}", "CAM-12345")).toBe(false);
  });

  it("anchors alternatives as a group, so each alternative must match the whole serial", () => {
    expect(serialMatches("AB|CD", "AB")).toBe(true);
    expect(serialMatches("AB|CD", "CD")).toBe(true);
    expect(serialMatches("AB|CD", "ABX")).toBe(false);
    expect(serialMatches("AB|CD", "XCD")).toBe(false);
  });

  it("accepts patterns that anchor themselves and refuses everything for one that does not compile", () => {
    expect(serialMatches("^NVR\\d+$", "NVR42")).toBe(true);
    expect(serialMatches("^NVR\\d+$", "NVR42x")).toBe(false);
    expect(serialMatches("CAM-(", "CAM-(")).toBe(false);
  });
});

describe("serial pattern validation", () => {
  it("accepts a compiling pattern of at most 200 characters", () => {
    expect(regexCompiles("CAM-\\d{6}")).toBe(true);
    expect(regexCompiles("CAM-(")).toBe(false);
    expect(serialPatternField.safeParse("[A-Z]{3}-\\d+").success).toBe(true);
    expect(serialPatternField.safeParse("(unclosed").success).toBe(false);
    expect(serialPatternField.safeParse("a".repeat(201)).success).toBe(false);
    expect(serialPatternField.safeParse("").success).toBe(false);
  });
});
