import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { businessPlanFulfilment } from "./business-plans.service.js";

// Last year's plan: every due date has passed, so done / missed do not depend on the day the test runs.
const thisYear = new Date().getUTCFullYear();
const year = thisYear - 1;

type Figures = { revenue?: number; margin?: number; marketing?: number; cmHours?: number; supportMinutes?: number | null };

/** A month of the scorecards' figures, as the refresh would store it (the test seeds the table directly). */
async function seedMonth(app: TestApp, partnerId: string, month: string, f: Figures) {
  await app.ctx.db
    .insertInto("partner_month_figures")
    .values({
      partner_id: partnerId,
      month,
      tier_id: null,
      revenue_minor: f.revenue ?? 0,
      margin_minor: f.margin ?? 0,
      sell_through_revenue_minor: f.revenue ?? 0,
      claims_revenue_minor: 0,
      units: 0,
      support_minutes: f.supportMinutes ?? null,
      support_cost_minor: null,
      support_allowance_minutes: null,
      incentive_points: null,
      incentive_cost_minor: null,
      training_cost_minor: null,
      marketing_cost_minor: f.marketing ?? 0,
      channel_manager_cost_minor: 0,
      channel_manager_hours_hundredths: f.cmHours ?? 0,
      other_cost_minor: 0,
      active_users: null,
      library_users: null,
      news_readers: null,
      certified_staff: null,
      logins: null,
      refreshed_at: nowIso(),
    })
    .execute();
}

const partnerItems = [
  { side: "partner", kind: "revenue", title: "Revenue", targetValue: 100_000, unit: "money", dueOn: `${year}-12-31` },
  { side: "partner", kind: "margin", title: "Margin by mid-year", targetValue: 50_000, unit: "money", dueOn: `${year}-06-30` },
  { side: "partner", kind: "certified_staff", title: "Four certified installers", targetValue: 4, unit: "count", dueOn: `${year}-09-30` },
  { side: "partner", kind: "promotions", title: "Spring promotions", targetValue: 4, unit: "count", dueOn: `${year}-05-31` },
];
const vendorItems = [
  { side: "vendor", kind: "marketing_funds", title: "Co-marketing money", targetValue: 20_000, unit: "money", dueOn: `${year}-12-31` },
  { side: "vendor", kind: "sales_support_hours", title: "Pre-sales help", targetValue: 1_000, unit: "hours", dueOn: `${year}-12-31` },
  { side: "vendor", kind: "training_sessions", title: "Two installer courses", targetValue: 2, unit: "count", dueOn: `${year}-10-31` },
  {
    side: "vendor",
    kind: "support_allowance",
    title: "Six hours of support",
    targetValue: 600,
    unit: "hours",
    measure: "support_hours",
    dueOn: `${year}-12-31`,
  },
];

interface ItemView {
  id: string;
  kind: string;
  status: string;
  actualValue: number | null;
  measured: boolean;
  source: string;
  progress: number | null;
  measure: string | null;
}

describe.each(testEngines)("joint business plans on %s", (engine) => {
  let app: TestApp;
  let partner: { id: string };
  let other: { id: string };
  let manager: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await createTestApp(engine);
    partner = await createPartner(app, { name: "Planned Reseller" });
    other = await createPartner(app, { name: "Other Reseller" });
    manager = await signedIn(app, "channel_manager");
    // Figures of the plan's year: revenue 110 000, margin 25 000 to June (20 000 more in August), marketing 5 000,
    // channel-manager hours 12.00, support 240 minutes = 4.00 h.
    await seedMonth(app, partner.id, `${year}-02`, { revenue: 60_000, margin: 15_000, supportMinutes: 180 });
    await seedMonth(app, partner.id, `${year}-03`, { marketing: 5_000 });
    await seedMonth(app, partner.id, `${year}-04`, { cmHours: 1_200 });
    await seedMonth(app, partner.id, `${year}-05`, { revenue: 50_000, margin: 10_000, supportMinutes: 60 });
    await seedMonth(app, partner.id, `${year}-08`, { margin: 20_000 });
    // Another partner's figures must not leak into this partner's plan.
    await seedMonth(app, other.id, `${year}-02`, { revenue: 9_000_000, margin: 9_000_000 });
  });
  afterAll(async () => app.close());

  const url = (partnerId: string, suffix = "") => `/api/v1/partners/${partnerId}/business-plans${suffix}`;

  it("creates a plan with both sides' items, measures what it can and computes each side's fulfilment", async () => {
    const created = await manager.client.post(url(partner.id), { year, notes: "Grow the installer base", items: [...partnerItems, ...vendorItems] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      partnerId: partner.id,
      year,
      status: "draft",
      notes: "Grow the installer base",
      currency: expect.any(String),
    });
    const byKind = (items: ItemView[]) => Object.fromEntries(items.map((i) => [i.kind, i])) as Record<string, ItemView>;
    const items = byKind(created.json().items);

    // Partner side: revenue 110 000 >= 100 000 done; margin to June 25 000 of 50 000, past due: missed.
    expect(items.revenue).toMatchObject({ measure: "revenue", measured: true, actualValue: 110_000, status: "done", progress: 1 });
    expect(items.margin).toMatchObject({ measure: "margin", measured: true, actualValue: 25_000, status: "missed", progress: 0.5 });
    // Training is not built: not measured, null, never 0.
    expect(items.certified_staff).toMatchObject({
      measure: "certified_staff",
      measured: false,
      source: "not_measured",
      actualValue: null,
      progress: null,
      status: "planned",
    });
    expect(items.promotions).toMatchObject({ measure: null, source: "manual", actualValue: null, status: "planned", progress: 0 });
    // Vendor side: marketing 5 000 of 20 000 (missed); 12.00 of 10.00 channel-manager hours (done); 4.00 of 6.00 support hours.
    expect(items.marketing_funds).toMatchObject({ measure: "marketing_funds", actualValue: 5_000, status: "missed", progress: 0.25 });
    expect(items.sales_support_hours).toMatchObject({ measure: "channel_manager_hours", actualValue: 1_200, status: "done", progress: 1 });
    expect(items.support_allowance).toMatchObject({ measure: "support_hours", actualValue: 400, status: "missed" });
    expect(items.training_sessions).toMatchObject({ measure: null, source: "manual", status: "planned", progress: 0 });

    // Hand-kept items move by hand.
    const promo = await manager.client.patch(url(partner.id, `/${year}/items/${items.promotions?.id}`), {
      actualValue: 1,
      status: "in_progress",
      note: "One run",
    });
    expect(promo.statusCode).toBe(200);
    expect(promo.json()).toMatchObject({ actualValue: 1, status: "in_progress", progress: 0.25, note: "One run" });
    const training = await manager.client.patch(url(partner.id, `/${year}/items/${items.training_sessions?.id}`), { status: "done" });
    expect(training.json()).toMatchObject({ status: "done", progress: 1 });

    const plan = (await manager.client.get(url(partner.id, `/${year}`))).json();
    // Partner: 1 of 4 done; progress (1 + 0.5 + 0.25) / 3, the not-measured certified staff left out.
    expect(plan.fulfilment.partner).toEqual({ items: 4, done: 1, doneShare: 0.25, averageProgress: 0.5833, measuredItems: 2, notMeasuredItems: 1 });
    // Vendor: 2 of 4 done; progress (0.25 + 1 + 1 + 400/600) / 4 = 0.72917.
    expect(plan.fulfilment.vendor).toEqual({ items: 4, done: 2, doneShare: 0.5, averageProgress: 0.7292, measuredItems: 3, notMeasuredItems: 0 });
    // The scorecard reads the same through the service.
    expect(await businessPlanFulfilment(app.ctx.db, partner.id, year)).toEqual({ planId: plan.id, year, status: "draft", ...plan.fulfilment });
    expect(await businessPlanFulfilment(app.ctx.db, partner.id, year - 5)).toBeNull();

    const list = await manager.client.get(url(partner.id));
    expect(list.json().items).toEqual([expect.objectContaining({ id: plan.id, year, status: "draft", items: 8 })]);

    const audit = await app.ctx.db.selectFrom("audit_log").select(["action", "entity_id"]).where("partner_id", "=", partner.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["business_plan.create", "business_plan.item_update", "business_plan.item_update"]);
  });

  it("refuses a second plan for the same year, and a hand-set status on a measured item", async () => {
    const duplicate = await manager.client.post(url(partner.id), { year });
    expect(duplicate.statusCode).toBe(409);
    const plan = (await manager.client.get(url(partner.id, `/${year}`))).json();
    const revenue = plan.items.find((i: ItemView) => i.kind === "revenue");
    const forced = await manager.client.patch(url(partner.id, `/${year}/items/${revenue.id}`), { status: "missed" });
    expect(forced.statusCode).toBe(422);
    // Its target may change, and the status follows the data: 110 000 is short of 200 000, past due.
    const raised = await manager.client.patch(url(partner.id, `/${year}/items/${revenue.id}`), { targetValue: 200_000 });
    expect(raised.json()).toMatchObject({ targetValue: 200_000, actualValue: 110_000, status: "missed", progress: 0.55 });
  });

  it("agrees, closes and reopens a plan; a closed plan's items do not change", async () => {
    const agreed = await manager.client.patch(url(partner.id, `/${year}`), { status: "agreed", notes: "Signed at the QBR" });
    expect(agreed.json()).toMatchObject({ status: "agreed", notes: "Signed at the QBR" });
    expect((await manager.client.patch(url(partner.id, `/${year}`), { status: "closed" })).json().status).toBe("closed");
    const event = { side: "partner", kind: "events", title: "Open day", targetValue: 1, unit: "count", dueOn: `${year}-11-30` };
    expect((await manager.client.post(url(partner.id, `/${year}/items`), event)).statusCode).toBe(422);
    expect((await manager.client.patch(url(partner.id, `/${year}`), { status: "agreed" })).statusCode).toBe(200);
    const added = await manager.client.post(url(partner.id, `/${year}/items`), event);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: "events", measure: null, source: "manual", status: "planned" });
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", added.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(["business_plan.item_create"]);
  });

  it("measures this year's items up to today: below target and not yet due is in progress", async () => {
    const month = new Date().toISOString().slice(0, 7);
    await seedMonth(app, partner.id, month, { revenue: 1_000 });
    const created = await manager.client.post(url(partner.id), {
      year: thisYear,
      items: [{ side: "partner", kind: "revenue", title: "Revenue", targetValue: 1_000_000, unit: "money", dueOn: `${thisYear}-12-31` }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().items[0]).toMatchObject({ actualValue: 1_000, status: "in_progress", progress: 0.001, measured: true });
  });

  it("rejects items that do not fit their side, their measure or the plan's year, and changes nothing", async () => {
    const before = (await manager.client.get(url(partner.id, `/${year}`))).json().items.length;
    const wrongSide = await manager.client.post(url(partner.id, `/${year}/items`), {
      side: "vendor",
      kind: "revenue",
      title: "Vendor revenue?",
      targetValue: 5,
      unit: "money",
      dueOn: `${year}-12-31`,
    });
    expect(wrongSide.statusCode).toBe(400);
    expect(wrongSide.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.kind"]);
    const wrongUnit = await manager.client.post(url(partner.id, `/${year}/items`), {
      side: "partner",
      kind: "revenue",
      title: "Revenue in units",
      targetValue: 5,
      unit: "count",
      dueOn: `${year}-12-31`,
    });
    expect(wrongUnit.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.unit"]);
    const wrongMeasure = await manager.client.post(url(partner.id, `/${year}/items`), {
      side: "partner",
      kind: "events",
      title: "Events",
      targetValue: 5,
      unit: "money",
      measure: "revenue",
      dueOn: `${year}-12-31`,
    });
    expect(wrongMeasure.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.measure"]);
    const wrongYear = await manager.client.post(url(partner.id, `/${year}/items`), {
      side: "partner",
      kind: "events",
      title: "Next year's event",
      targetValue: 1,
      unit: "count",
      dueOn: `${year + 1}-01-15`,
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().fields).toEqual([{ path: "body.dueOn", message: `must be a date in ${year}` }]);
    const inPlan = await manager.client.post(url(other.id), { year, items: [{ ...partnerItems[0], dueOn: `${year - 1}-12-31` }] });
    expect(inPlan.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.items.0.dueOn"]);
    expect((await manager.client.get(url(partner.id, `/${year}`))).json().items.length).toBe(before);
    expect((await manager.client.get(url(other.id))).json().items).toEqual([]);
  });

  it("lets a partner admin read its own plan but not write it, and hides other partners' plans", async () => {
    const own = await signedIn(app, "partner_admin", partner.id);
    const read = await own.client.get(url(partner.id, `/${year}`));
    expect(read.statusCode).toBe(200);
    expect(read.json().items.length).toBeGreaterThan(0);
    expect((await own.client.get(url(partner.id))).json().items.map((p: { year: number }) => p.year)).toContain(year);
    expect((await own.client.post(url(partner.id), { year: year - 3 })).statusCode).toBe(403);
    expect((await own.client.patch(url(partner.id, `/${year}`), { notes: "Ours now" })).statusCode).toBe(403);
    const item = read.json().items[0];
    expect((await own.client.patch(url(partner.id, `/${year}/items/${item.id}`), { note: "Hello" })).statusCode).toBe(403);

    const stranger = await signedIn(app, "partner_admin", other.id);
    expect((await stranger.client.get(url(partner.id, `/${year}`))).statusCode).toBe(404);
    expect((await stranger.client.get(url(partner.id))).statusCode).toBe(404);

    const rep = await signedIn(app, "sales_rep", partner.id);
    expect((await rep.client.get(url(partner.id, `/${year}`))).statusCode).toBe(403);
    expect((await rep.client.get(url(partner.id))).statusCode).toBe(403);

    const finance = await signedIn(app, "finance");
    expect((await finance.client.get(url(partner.id, `/${year}`))).statusCode).toBe(200);
    expect((await finance.client.post(url(other.id), { year })).statusCode).toBe(403);
  });

  it("answers 404 for an item through another partner's URL, an unknown partner and a missing year", async () => {
    await manager.client.post(url(other.id), { year });
    const item = (await manager.client.get(url(partner.id, `/${year}`))).json().items[0];
    const crossed = await manager.client.patch(url(other.id, `/${year}/items/${item.id}`), { note: "Wrong partner" });
    expect(crossed.statusCode).toBe(404);
    const unchanged = (await manager.client.get(url(partner.id, `/${year}`))).json().items[0];
    expect(unchanged.note).toBe(item.note);
    expect((await manager.client.get(url("00000000-0000-7000-8000-000000000000"))).statusCode).toBe(404);
    expect((await manager.client.get(url(partner.id, `/${year - 7}`))).statusCode).toBe(404);
  });
});
