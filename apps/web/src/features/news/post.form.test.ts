import { describe, expect, it } from "vitest";
import type { PostDetail } from "../../api/types";
import { describeAudience } from "./news.labels";
import { formErrors, formKey, fromLocalInput, inputOf, patchOf, toLocalInput, valuesOf } from "./post.form";

const published: PostDetail = {
  id: "p1",
  title: "New NVR firmware",
  excerpt: "Install it",
  category: "products",
  publishAt: "2026-03-02T09:00:00.000Z",
  pinned: false,
  mustRead: true,
  read: false,
  acknowledged: false,
  commentCount: 0,
  attachmentCount: 0,
  bodyHtml: "<p>Install it</p>",
  bodyMarkdown: "Install it",
  audience: { tierIds: ["gold"], regions: ["Africa"], partnerIds: [], roles: ["sales_rep"] },
  products: [{ id: "prod", name: "NVR", sku: "NV" }],
  assets: [],
  attachments: [],
  expiresAt: null,
  status: "published",
  state: "published",
  author: null,
  readAt: null,
  acknowledgedAt: null,
  canComment: false,
  commentsEnabled: true,
  createdAt: "2026-03-01T09:00:00.000Z",
  updatedAt: "2026-03-01T09:00:00.000Z",
};

describe("post form", () => {
  it("turns local wall time into an instant and back", () => {
    const iso = fromLocalInput("2026-05-04T10:30");
    expect(iso).not.toBeNull();
    expect(toLocalInput(iso)).toBe("2026-05-04T10:30");
    expect(toLocalInput(fromLocalInput("2026-05-04T10:30:07"))).toBe("2026-05-04T10:30:07");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });

  it("keeps the publish time of a post already out when 'as published' is chosen", () => {
    const input = inputOf(valuesOf(published), "published", published);
    expect(input.publishAt).toBe(published.publishAt);
    const fresh = inputOf({ ...valuesOf(null), title: "x", category: "company" }, "published");
    expect(fresh.publishAt).toBeNull();
  });

  it("sends a scheduled time as an ISO instant", () => {
    const values = { ...valuesOf(null), title: "Launch", category: "products" as const, when: "schedule" as const, publishAt: "2030-01-02T08:00" };
    expect(inputOf(values, "published").publishAt).toBe(new Date("2030-01-02T08:00").toISOString());
  });

  it("patches only what changed, audience as a whole, and the status when it moves", () => {
    expect(patchOf(published, valuesOf(published), "published")).toEqual({});
    const values = { ...valuesOf(published), title: "New NVR firmware 3.2", regions: [] };
    expect(patchOf(published, values, "published")).toEqual({
      title: "New NVR firmware 3.2",
      audience: { tierIds: ["gold"], regions: [], partnerIds: [], roles: ["sales_rep"] },
    });
    expect(patchOf(published, valuesOf(published), "archived")).toEqual({ status: "archived" });
  });

  it("asks for a title, a category, a body before publishing, a time when scheduling and an expiry after it", () => {
    const empty = valuesOf(null);
    expect(formErrors(empty, false)).toMatchObject({ title: "Enter a title", category: "Choose a category" });
    expect(formErrors(empty, false).bodyMarkdown).toBeUndefined();
    expect(formErrors(empty, true).bodyMarkdown).toBeDefined();
    const scheduled = { ...empty, title: "t", category: "company" as const, bodyMarkdown: "b", when: "schedule" as const };
    expect(formErrors(scheduled, true).publishAt).toBe("Choose when it goes out");
    const backwards = { ...scheduled, publishAt: "2030-01-02T08:00", expiresAt: "2030-01-01T08:00" };
    expect(formErrors(backwards, true).expiresAt).toBe("The post must expire after it goes out");
    expect(formErrors({ ...backwards, expiresAt: "2030-01-03T08:00" }, true)).toEqual({});
  });

  it("maps API field paths onto the inputs", () => {
    expect(formKey("audience.tierIds.0")).toBe("tierIds");
    expect(formKey("publishAt")).toBe("publishAt");
  });

  it("reads the audience back in words", () => {
    const name = (id: string) => (id === "gold" ? "Gold" : "Platinum");
    expect(describeAudience({ tierIds: [], regions: [], partnerIds: [], roles: [] }, name)).toBe("Every partner; every role.");
    expect(describeAudience({ tierIds: ["gold", "plat"], regions: ["Africa"], partnerIds: [], roles: ["sales_rep"] }, name)).toBe(
      "Gold or Platinum partners in Africa; sales reps only.",
    );
    expect(describeAudience({ tierIds: [], regions: [], partnerIds: ["a", "b"], roles: [] }, name)).toBe("Only 2 named partners; every role.");
  });
});
