import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "./testing/harness.js";

/**
 * Generated from the route registry: every route that takes a body answers a malformed one
 * with 400 problem+json naming the fields, and changes nothing (no audit entry, no mail).
 */
describe.each(testEngines)("bad input on %s", (engine) => {
  let app: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    app = await createTestApp(engine);
    const partner = await createPartner(app);
    const staff = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    const vendorUser = await createUser(app, { role: "finance" });
    ids = { partner: partner.id, staff: staff.id, vendorUser: vendorUser.id };
  });
  afterAll(async () => app.close());

  const count = async (table: "audit_log" | "mail_messages" | "partners" | "users") =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("rejects a malformed body on every write route, naming the fields, and changes nothing", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const writeRoutes = app.routes.filter((r) => r.hasBody && r.method !== "GET");
    expect(writeRoutes.length).toBeGreaterThan(20);
    // The support desk's body routes, named so a lost body schema shows here instead of skipping silently.
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/support/tickets",
        "PATCH /api/v1/support/tickets/:id",
        "POST /api/v1/support/tickets/:id/status",
        "POST /api/v1/support/tickets/:id/replies",
        "POST /api/v1/support/tickets/:id/merge",
        "POST /api/v1/support/tickets/:id/article",
        "POST /api/v1/support/views",
        "PUT /api/v1/support/settings",
        "PUT /api/v1/support/sla-policies",
        "PUT /api/v1/support/allowances",
        "PUT /api/v1/support/agents/:userId/coverage",
      ]),
    );
    // The news feed's body routes (posts, comments, moderation).
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/news/posts",
        "POST /api/v1/news/preview",
        "PATCH /api/v1/news/posts/:id",
        "POST /api/v1/news/posts/:id/comments",
        "POST /api/v1/news/comments/:id/hide",
        "POST /api/v1/news/comments/:id/unhide",
      ]),
    );
    // The digest preferences (the unsubscribe and feed-token routes take no body).
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toContain("PUT /api/v1/news/preferences");
    // The notification centre's one body route.
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toContain("PUT /api/v1/notifications/preferences");
    // The points ledger's body routes (settings, manual adjustments: the body is checked before the Idempotency-Key).
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(["PUT /api/v1/incentives/settings", "POST /api/v1/incentives/adjustments"]),
    );
    // Rules, claims (the CSV import's body is text/csv), the review: bodies are checked before the Idempotency-Key.
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/incentives/rules",
        "PATCH /api/v1/incentives/rules/:id",
        "POST /api/v1/incentives/claims",
        "POST /api/v1/incentives/claims/import",
        "POST /api/v1/incentives/claims/:id/approve",
        "POST /api/v1/incentives/claims/:id/reject",
        "POST /api/v1/incentives/claims/:id/reverse",
      ]),
    );
    // The rewards' body routes (catalog, redemptions and their steps, the leaderboard opt-out).
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/rewards/catalog",
        "PATCH /api/v1/rewards/catalog/:id",
        "POST /api/v1/rewards/redemptions",
        "POST /api/v1/rewards/redemptions/:id/fulfil",
        "POST /api/v1/rewards/redemptions/:id/cancel",
        "PUT /api/v1/rewards/me/leaderboard",
      ]),
    );
    // Cost lines (the import's body is text/csv).
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/partners/:partnerId/cost-lines",
        "POST /api/v1/partners/:partnerId/cost-lines/:id/void",
        "POST /api/v1/relationships/cost-lines/import",
      ]),
    );
    // Joint business plans (the URL's :year and :itemId are filled below so the body is what fails).
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/partners/:partnerId/business-plans",
        "PATCH /api/v1/partners/:partnerId/business-plans/:year",
        "POST /api/v1/partners/:partnerId/business-plans/:year/items",
        "PATCH /api/v1/partners/:partnerId/business-plans/:year/items/:itemId",
      ]),
    );
    // Sell-through (the import's body is text/csv) and the family margins.
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/partners/:partnerId/sell-through/import",
        "POST /api/v1/partners/:partnerId/sell-through",
        "PUT /api/v1/relationships/margins",
      ]),
    );
    // Scorecards: the settings, the what-if, a refresh of chosen months.
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(["PUT /api/v1/relationships/settings", "POST /api/v1/relationships/what-if", "POST /api/v1/relationships/refresh"]),
    );
    // Relationship decisions: opening, actions, reviews, closing.
    expect(writeRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        "POST /api/v1/partners/:partnerId/decisions",
        "POST /api/v1/partners/:partnerId/decisions/:id/actions",
        "PATCH /api/v1/partners/:partnerId/decisions/:id/actions/:actionId",
        "POST /api/v1/partners/:partnerId/decisions/:id/reviews",
        "POST /api/v1/partners/:partnerId/decisions/:id/close",
      ]),
    );
    const before = {
      audit: await count("audit_log"),
      mail: await count("mail_messages"),
      partners: await count("partners"),
      users: await count("users"),
    };
    const failures: string[] = [];
    for (const route of writeRoutes) {
      const url = route.url
        .replace(":partnerId", ids.partner as string)
        .replace(/^\/api\/v1\/partners\/:id/, `/api/v1/partners/${ids.partner}`)
        .replace(":userId", ids.staff as string)
        .replace(":year", "2025")
        .replace(":itemId", "00000000-0000-7000-8000-000000000000")
        .replace(/^\/api\/v1\/users\/:id/, `/api/v1/users/${ids.vendorUser}`)
        .replace(":id", "00000000-0000-7000-8000-000000000000");
      const response = await app.app.inject({
        method: route.method as "POST",
        url,
        headers: { cookie: admin.session.cookie, "x-csrf-token": admin.session.csrfToken },
        payload: { definitely_not_a_field: [1, 2, 3], name: 42 },
      });
      const problem = String(response.headers["content-type"]).includes("application/problem+json") ? response.json() : undefined;
      if (response.statusCode !== 400 || !problem?.fields?.length || !problem.fields.every((f: { path: string }) => f.path.startsWith("body"))) {
        failures.push(`${route.method} ${route.url} -> ${response.statusCode} ${response.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect({
      audit: await count("audit_log"),
      mail: await count("mail_messages"),
      partners: await count("partners"),
      users: await count("users"),
    }).toEqual(before);
  });

  it("answers a body that is not JSON at all with 400 problem+json", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const response = await app.app.inject({
      method: "POST",
      url: "/api/v1/tiers",
      headers: { cookie: admin.session.cookie, "x-csrf-token": admin.session.csrfToken, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });
});
