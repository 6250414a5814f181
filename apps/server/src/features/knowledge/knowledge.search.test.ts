import { describe, expect, it } from "vitest";
import { snippetOf, suggestionTerms } from "./knowledge.search.js";

describe("suggestion terms", () => {
  it("keeps the words that say something about the problem, folded, once each", () => {
    expect(suggestionTerms("The camera does not record at night after the Firmware update")).toEqual([
      "camera",
      "record",
      "night",
      "firmware",
      "update",
    ]);
    expect(suggestionTerms("Ärger mit PoE: PoE-Switch")).toEqual(["arger", "mit", "poe", "switch"]);
  });

  it("cuts common English endings, so a ticket's 'cameras keep rebooting' meets 'camera reboots'", () => {
    expect(suggestionTerms("cameras rebooting crashed lens glass")).toEqual(["camera", "reboot", "crash", "len", "glass"]);
  });

  it("drops one-letter words and filler, and gives nothing for filler alone", () => {
    expect(suggestionTerms("a")).toEqual([]);
    expect(suggestionTerms("it is not the")).toEqual([]);
    expect(suggestionTerms("IP 4k x")).toEqual(["ip", "4k"]);
  });

  it("keeps at most twelve words", () => {
    const text = Array.from({ length: 30 }, (_, index) => `word${index}`).join(" ");
    expect(suggestionTerms(text)).toHaveLength(12);
  });
});

describe("snippet", () => {
  it("returns a short body whole, without markdown syntax", () => {
    expect(snippetOf("## Fix\n\n**Reboot** the recorder.", ["reboot"])).toBe("Fix Reboot the recorder.");
  });

  it("cuts a long body around the first matching word, on word boundaries", () => {
    const body = `${"Lorem ipsum dolor sit amet. ".repeat(20)}Then reset the Überwachung module to factory settings. ${"More text here. ".repeat(20)}`;
    const snippet = snippetOf(body, ["uberwach"]);
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet).toContain("Überwachung module");
    expect(snippet.length).toBeLessThanOrEqual(182);
  });

  it("starts at the beginning when no word matches", () => {
    const snippet = snippetOf("First words of the article. ".repeat(20), ["zzz"]);
    expect(snippet.startsWith("First words")).toBe(true);
  });
});
