import { describe, expect, it } from "vitest";
import type { AssetDetail } from "../../api/types";
import { boxError, formKey, inputOf, patchOf, tagError, valuesOf } from "./asset.form";
import { assetQuery, lastDays, noFilters } from "./library.api";
import { formatLine, formatSize, viewerKind } from "./library.labels";

const saved: AssetDetail = {
  id: "a1",
  title: "Aurora brochure",
  summary: "Two pages",
  type: "brochure",
  format: "file",
  language: "en",
  status: "draft",
  markets: ["retail"],
  tags: ["dome"],
  productIds: ["p1"],
  contentType: "application/pdf",
  size: 2048,
  currentVersion: 1,
  coBrandable: true,
  reviewBy: null,
  needsReview: false,
  useCount: 0,
  publishedAt: null,
  contentUpdatedAt: null,
  updatedAt: "2026-01-01T00:00:00Z",
  updatedSinceOpened: false,
  openedVersion: null,
  ownerId: "u1",
  ownerName: "Lena",
  audience: "tiers",
  audienceTargets: { tierIds: ["t1"], regions: [], partnerIds: [] },
  cobrandBox: { page: "last", x: 0.05, y: 0.88, width: 0.9, height: 0.08 },
  products: [{ id: "p1", sku: "LC-1", name: "Dome" }],
  bodyMarkdown: null,
  bodyHtml: null,
  versions: [],
  hiddenFromPartners: false,
};

describe("asset form", () => {
  it("sends nothing when nothing changed", () => {
    expect(patchOf(saved, valuesOf(saved))).toEqual({});
  });

  it("sends only the changed fields, with the audience targets of the chosen audience", () => {
    const values = { ...valuesOf(saved), title: "  Aurora brochure 2026 ", audience: "regions" as const, regions: ["Western Europe"] };
    expect(patchOf(saved, values)).toEqual({
      title: "Aurora brochure 2026",
      audience: "regions",
      audienceTargets: { tierIds: [], regions: ["Western Europe"], partnerIds: [] },
    });
  });

  it("drops the co-brand box when co-branding is off, and never co-brands a page", () => {
    expect(inputOf({ ...valuesOf(saved), coBrandable: false }).cobrandBox).toBeNull();
    const page = inputOf({ ...valuesOf(null), type: "sales_script", format: "page", coBrandable: true, bodyMarkdown: "# Hi" });
    expect(page).toMatchObject({ coBrandable: false, cobrandBox: null, bodyMarkdown: "# Hi", reviewBy: null });
    expect(page).not.toHaveProperty("ownerId");
  });

  it("refuses a stamp box outside the page or too small", () => {
    expect(boxError({ page: "all", x: 0.5, y: 0.1, width: 0.6, height: 0.1 })).toMatch(/inside the page/);
    expect(boxError({ page: "all", x: 0, y: 0, width: 0.04, height: 0.1 })).toMatch(/5%/);
    expect(boxError({ page: "first", x: 0.58, y: 0.04, width: 0.37, height: 0.12 })).toBeUndefined();
  });

  it("checks tags as the server does", () => {
    expect(tagError(["4k", "low light"])).toBeUndefined();
    expect(tagError(["-bad"])).toMatch(/-bad/);
  });

  it("maps API field paths onto the inputs", () => {
    expect(formKey("audienceTargets.partnerIds.3")).toBe("partnerIds");
    expect(formKey("cobrandBox.width")).toBe("cobrandBox");
    expect(formKey("tags.2")).toBe("tags");
  });
});

describe("library helpers", () => {
  it("asks for relevance only when there are words to match", () => {
    expect(assetQuery({ ...noFilters, sort: "relevance" }).sort).toBeUndefined();
    expect(assetQuery({ ...noFilters, q: " dome ", sort: "relevance", needsReview: true })).toMatchObject({
      q: "dome",
      sort: "relevance",
      needsReview: "true",
    });
  });

  it("counts the period in whole UTC days including today", () => {
    expect(lastDays(30, new Date("2026-03-31T23:00:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-31" });
  });

  it("describes formats and sizes in users' words", () => {
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(3 * 1024 ** 3)).toBe("3.0 GB");
    expect(formatLine(saved)).toBe("PDF · 2.0 KB");
    expect(formatLine({ ...saved, contentType: null })).toBe("No file yet");
    expect(viewerKind({ format: "file", contentType: "video/mp4" })).toBe("video");
    expect(viewerKind({ format: "page", contentType: "text/markdown" })).toBe("page");
  });
});
