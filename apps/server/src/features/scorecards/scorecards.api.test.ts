import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import { uuidv7 } from "../../platform/ids.js";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import { type Client, openTicket, putSupportSettings, replyTo } from "../../testing/tickets.js";

/**
 * Two partners with known revenue and support time, every figure of their scorecards checked by
 * hand, and the daily evaluation's flags and notification (docs/relationships.md).
 *
 * Northwind sells 1,000.00 of a 40 % family and takes 5 h of support (60.00/h) plus 200.00 of
 * marketing funds: margin 400.00 against 500.00 of resources, net -100.00. Efficient sells 500.00 and
 * takes 30 minutes: margin 200.00 against 30.00, net +170.00.
 */
describe.each(testEngines)("partner scorecards on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let manager: Client;
  let managerId: string;
  let northwind: { id: string; name: string };
  let efficient: { id: string; name: string };
  const today = new Date().toISOString().slice(0, 10);
  const month = today.slice(0, 7);

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const signedManager = await signedIn(app, "channel_manager");
    manager = signedManager.client;
    managerId = signedManager.user.id;
    const agent = (await signedIn(app, "support_agent")).client;

    const tierId = uuidv7();
    await app.ctx.db
      .insertInto("tiers")
      .values({ id: tierId, name: "Gold", rank: 1, description: "", support_allowance_hours: 2, created_at: nowIso(), updated_at: nowIso() })
      .execute();
    northwind = await createPartner(app, { name: "Northwind Security", tierId });
    efficient = await createPartner(app, { name: "Efficient Installs", tierId });
    await app.ctx.db.updateTable("partners").set({ channel_manager_id: managerId }).where("id", "in", [northwind.id, efficient.id]).execute();

    await putSupportSettings(admin, { costPerHourMinor: 6000, currency: "EUR" });
    const settings = await admin.put("/api/v1/relationships/settings", {
      currency: "EUR",
      defaultMarginBps: 3000,
      healthThreshold: 45,
      netWindowMonths: 3,
      targetReturnPercent: 300,
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const product = await createProductFixture(app, { sku: "NVR-8" });
    const margins = await admin.put("/api/v1/relationships/margins", { margins: [{ familyId: product.familyId, marginBps: 4000 }] });
    expect(margins.statusCode, margins.body).toBe(200);

    for (const [partner, quantity, amount] of [
      [northwind, 10, 100_000],
      [efficient, 5, 50_000],
    ] as const) {
      const posted = await admin.post(`/api/v1/partners/${partner.id}/sell-through`, {
        lines: [{ date: today, sku: "NVR-8", quantity, netAmountMinor: amount }],
      });
      expect(posted.statusCode, posted.body).toBe(201);
    }

    const northwindTech = (await signedIn(app, "technician", northwind.id)).client;
    const ticket = await openTicket(northwindTech, { subject: "Cameras drop at night" });
    await replyTo(agent, ticket.id, { body: "Checking the PoE budget.", minutes: 300 });
    const efficientTech = await createUser(app, { role: "technician", partnerId: efficient.id });
    const small = await openTicket(as(app, await login(app, efficientTech.email)), { subject: "Licence question" });
    await replyTo(agent, small.id, { body: "Here is the licence key procedure.", minutes: 30 });
    // Efficient has no active users left once its technician leaves: its engagement is not measured.
    await app.ctx.db.updateTable("users").set({ status: "deactivated" }).where("id", "=", efficientTech.id).execute();

    const cost = await manager.post(`/api/v1/partners/${northwind.id}/cost-lines`, {
      spentOn: today,
      category: "marketing_funds",
      amount: "200.00",
      purpose: "Co-funded trade show booth",
    });
    expect(cost.statusCode, cost.body).toBe(201);

    const evaluated = await admin.post("/api/v1/relationships/evaluate", {});
    expect(evaluated.statusCode, evaluated.body).toBe(200);
    expect(evaluated.json()).toMatchObject({ partners: 2, raised: 3, cleared: 0, open: 3 });
  }, 120_000);
  afterAll(async () => app.close());

  const cardOf = async (client: Client, partnerId: string, period = "month") => {
    const response = await client.get(`/api/v1/partners/${partnerId}/scorecard?period=${period}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it("sets Northwind's margin against every resource it consumed, by category", async () => {
    const card = await cardOf(manager, northwind.id);
    expect(card.partner).toMatchObject({ name: "Northwind Security", tierName: "Gold", status: "active" });
    expect(card.scorecard.period).toMatchObject({
      fromMonth: month,
      toMonth: month,
      revenueMinor: 100_000,
      marginMinor: 40_000,
      resourcesMinor: 50_000,
      netContributionMinor: -10_000,
      returnOnResources: 0.8,
      supportMinutes: 300,
      supportAllowanceMinutes: 120,
      channelManagerHoursHundredths: 0,
    });
    expect(card.scorecard.period.resources).toEqual([
      { category: "support", amountMinor: 30_000 },
      { category: "incentives", amountMinor: 0 },
      { category: "training", amountMinor: null },
      { category: "marketing_funds", amountMinor: 20_000 },
      { category: "channel_manager", amountMinor: 0 },
      { category: "other", amountMinor: 0 },
    ]);
    expect(card.scorecard.revenueGrowth).toBeNull();
    expect(card.scorecard.quadrant).toBe("fix");
    expect(card.sources.find((s: { source: string }) => s.source === "training")).toEqual({ source: "training", measured: false });
    expect(card.sources.find((s: { source: string }) => s.source === "support")).toEqual({ source: "support", measured: true });
    // Return 0.8x of a 3x target = 0.2667 (40), new revenue = 1 (20), engagement: 1 active user who read nothing = 0 (20),
    // support 300 min against 120 = 0 (10), certification not measured: (10.668 + 20) / 90 = 34.
    expect(card.scorecard.health.score).toBe(34);
    const byName = Object.fromEntries(card.scorecard.health.components.map((c: { name: string; score: number | null }) => [c.name, c.score]));
    expect(byName).toEqual({ return_on_resources: 0.2667, growth: 1, engagement: 0, certification: null, support_within_allowance: 0 });
    expect(card.trend).toHaveLength(24);
    expect(card.trend.at(-1)).toEqual({
      month,
      revenueMinor: 100_000,
      marginMinor: 40_000,
      resourcesMinor: 50_000,
      netContributionMinor: -10_000,
      supportMinutes: 300,
    });
    expect(card.flags.map((f: { rule: string }) => f.rule).sort()).toEqual(["health_low", "net_negative", "support_over_allowance"]);
  });

  it("scores the small efficient partner full marks and does not flag it", async () => {
    const card = await cardOf(manager, efficient.id, "t12");
    expect(card.scorecard.period).toMatchObject({
      revenueMinor: 50_000,
      marginMinor: 20_000,
      resourcesMinor: 3_000,
      netContributionMinor: 17_000,
      supportMinutes: 30,
    });
    expect(card.scorecard.period.returnOnResources).toBeCloseTo(6.6667, 4);
    expect(card.scorecard.period.engagement.activeUsers).toBeNull();
    expect(card.scorecard.health.score).toBe(100);
    expect(card.scorecard.quadrant).toBe("invest");
    expect(card.flags).toEqual([]);
    // Two Gold partners: Northwind (34) is below Efficient (100).
    expect(card.percentile).toBe(100);
    expect(card.peers).toBe(1);
  });

  it("shows both on the portfolio with their quadrant and flags", async () => {
    const response = await manager.get("/api/v1/relationships/portfolio");
    expect(response.statusCode, response.body).toBe(200);
    const portfolio = response.json();
    expect(portfolio.currency).toBe("EUR");
    const row = (id: string) => portfolio.partners.find((p: { partnerId: string }) => p.partnerId === id);
    expect(row(northwind.id)).toMatchObject({
      revenueMinor: 100_000,
      marginMinor: 40_000,
      resourcesMinor: 50_000,
      netContributionMinor: -10_000,
      quadrant: "fix",
      // Trailing twelve months: last month (refreshed by the evaluation) adds a 120-minute allowance, so support scores
      // (480 - 300) / 240 = 0.75: (10.668 + 20 + 7.5) / 90 = 42, below the threshold of 45.
      healthScore: 42,
    });
    expect(row(northwind.id).openFlags.sort()).toEqual(["health_low", "net_negative", "support_over_allowance"]);
    expect(row(efficient.id)).toMatchObject({ netContributionMinor: 17_000, quadrant: "invest", openFlags: [] });
    expect(portfolio.quadrantCounts).toEqual({ invest: 1, maintain: 0, fix: 1, cut: 0 });
  });

  it("tells the channel manager the same day, with the figures", async () => {
    const response = await manager.get("/api/v1/notifications?limit=50");
    const flagged = response.json().items.filter((n: { kind: string }) => n.kind === "partner_flagged");
    expect(flagged).toHaveLength(1);
    expect(flagged[0].title).toContain("Northwind Security is flagged");
    expect(flagged[0].body).toContain("net -100.00 EUR");
    expect(flagged[0].body).toContain("Support this month 5.0 h against an allowance of 2.0 h");
    expect(flagged[0].link).toBe(`/relationships/partners/${northwind.id}`);
    const flags = await manager.get("/api/v1/relationships/flags");
    expect(flags.json().items.filter((f: { partnerId: string }) => f.partnerId === northwind.id)).toHaveLength(3);
  });

  it("raises a flag once, and clears it when its condition goes", async () => {
    const again = await admin.post("/api/v1/relationships/evaluate", {});
    expect(again.json()).toMatchObject({ raised: 0, cleared: 0, open: 3 });
    // More sales at a good margin: Northwind's net turns positive and its health recovers (return 2.4x); its support
    // stays over the allowance.
    const posted = await admin.post(`/api/v1/partners/${northwind.id}/sell-through`, {
      lines: [{ date: today, sku: "NVR-8", quantity: 20, netAmountMinor: 200_000 }],
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const cleared = await admin.post("/api/v1/relationships/evaluate", {});
    expect(cleared.json()).toMatchObject({ raised: 0, cleared: 2, open: 1 });
    const card = await cardOf(manager, northwind.id);
    expect(card.scorecard.period).toMatchObject({ revenueMinor: 300_000, marginMinor: 120_000, netContributionMinor: 70_000 });
    const open = card.flags.filter((f: { status: string }) => f.status === "open").map((f: { rule: string }) => f.rule);
    expect(open).toEqual(["support_over_allowance"]);
    const timeline = await manager.get(`/api/v1/partners/${northwind.id}/timeline`);
    const kinds = timeline.json().items.map((event: { kind: string }) => event.kind);
    expect(kinds.filter((kind: string) => kind === "flag_raised")).toHaveLength(3);
    expect(kinds.filter((kind: string) => kind === "flag_cleared")).toHaveLength(2);
  });

  it("models capacity and a what-if cut in the vendor's own numbers", async () => {
    const put = await admin.put("/api/v1/relationships/settings", { supportHoursAvailable: 10, channelManagerHoursAvailable: 0, hoursPerPartner: 4 });
    expect(put.statusCode, put.body).toBe(200);
    const capacity = (await manager.get("/api/v1/relationships/capacity")).json();
    expect(capacity).toMatchObject({
      hoursAvailable: 10,
      hoursPerPartner: 4,
      hoursPerPartnerSource: "set",
      partnersSupportable: 2,
      activePartners: 2,
      overBy: 0,
    });
    // Trailing twelve months: 5 h and 0.5 h of support over 12 months.
    expect(capacity.partners.map((p: { name: string; monthlyHours: number }) => [p.name, p.monthlyHours])).toEqual([
      ["Northwind Security", 0.42],
      ["Efficient Installs", 0.04],
    ]);
    const whatIf = await manager.post("/api/v1/relationships/what-if", {
      cut: [northwind.id],
      add: [{ label: "New Silver", monthlyHours: 3, netContributionMinor: 5_000 }],
    });
    expect(whatIf.statusCode, whatIf.body).toBe(200);
    expect(whatIf.json()).toMatchObject({
      freedHoursPerMonth: 0.42,
      addedHoursPerMonth: 3,
      partnersAfter: 2,
      netContributionBeforeMinor: 87_000,
      netContributionAfterMinor: 22_000,
    });
    const unknown = await manager.post("/api/v1/relationships/what-if", { cut: ["no-such-partner"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe("body.cut");
  });

  it("shows a partner admin its own scorecard only when the vendor enables it, and never another's", async () => {
    const principal = await createUser(app, { role: "partner_admin", partnerId: efficient.id });
    const client = as(app, await login(app, principal.email));
    expect((await client.get(`/api/v1/partners/${efficient.id}/scorecard`)).statusCode).toBe(404);
    expect((await admin.put("/api/v1/relationships/settings", { partnerScorecardsVisible: true })).statusCode).toBe(200);
    const own = await client.get(`/api/v1/partners/${efficient.id}/scorecard`);
    expect(own.statusCode).toBe(200);
    expect(own.json().partner.name).toBe("Efficient Installs");
    expect((await client.get(`/api/v1/partners/${northwind.id}/scorecard`)).statusCode).toBe(404);
    expect((await client.get("/api/v1/relationships/portfolio")).statusCode).toBe(403);
    expect((await admin.put("/api/v1/relationships/settings", { partnerScorecardsVisible: false })).statusCode).toBe(200);
  });

  it("refuses bad settings with the field named, changing nothing", async () => {
    const before = (await admin.get("/api/v1/relationships/settings")).json();
    const response = await admin.put("/api/v1/relationships/settings", { healthThreshold: 140, netWindowMonths: 0 });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(["body.healthThreshold", "body.netWindowMonths"]);
    expect((await admin.get("/api/v1/relationships/settings")).json()).toEqual(before);
  });
});
