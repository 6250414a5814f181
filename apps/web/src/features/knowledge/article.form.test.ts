import { describe, expect, it } from "vitest";
import type { ArticleDetail } from "../../api/types";
import { formErrors, formKey, inputOf, patchOf, valuesOf } from "./article.form";

const saved: ArticleDetail = {
  id: "a1",
  title: "Camera reboots",
  summary: "PoE budget",
  status: "draft",
  audience: "tiers",
  productIds: ["p1"],
  sourceTicketId: null,
  viewCount: 3,
  solvedCount: 1,
  notSolvedCount: 0,
  publishedAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  bodyMarkdown: "Lower the IR power.",
  bodyHtml: "<p>Lower the IR power.</p>\n",
  products: [{ id: "p1", sku: "CAM", name: "Camera" }],
  audienceTargets: { tierIds: ["gold"], regions: [], partnerIds: [] },
  myVote: null,
  createdByName: "Agent",
  updatedByName: "Agent",
};

describe("article form", () => {
  it("sends only the chosen audience's targets", () => {
    const values = { ...valuesOf(saved), regions: ["Africa"], partnerIds: ["x"] };
    expect(inputOf(values).audienceTargets).toEqual({ tierIds: ["gold"], regions: [], partnerIds: [] });
  });

  it("patches only what changed", () => {
    expect(patchOf(saved, valuesOf(saved))).toEqual({});
    expect(patchOf(saved, { ...valuesOf(saved), title: "  Camera reboots at night ", status: "published" })).toEqual({
      title: "Camera reboots at night",
      status: "published",
    });
    expect(patchOf(saved, { ...valuesOf(saved), audience: "all" })).toEqual({
      audience: "all",
      audienceTargets: { tierIds: [], regions: [], partnerIds: [] },
    });
  });

  it("starts a new article from a seed", () => {
    expect(valuesOf(null, { title: "From ticket", productIds: ["p2"] })).toMatchObject({ title: "From ticket", productIds: ["p2"], status: "draft" });
  });

  it("says what is missing before the server does", () => {
    expect(formErrors({ ...valuesOf(null), status: "published", audience: "partners" })).toEqual({
      title: "Enter a title",
      bodyMarkdown: "Write the article before publishing it",
      partnerIds: "Choose at least one partner",
    });
    expect(formErrors(valuesOf(saved))).toEqual({});
  });

  it("maps API field paths onto inputs", () => {
    expect(formKey("audienceTargets.partnerIds")).toBe("partnerIds");
    expect(formKey("audienceTargets")).toBe("audience");
    expect(formKey("productIds")).toBe("productIds");
  });
});
