import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type Client, openTicket, putSupportSettings, replyTo } from "../../testing/tickets.js";
import { refreshFigures } from "./refresh.service.js";

/**
 * Trellis keeps no exchange rates: a source whose money is in another currency than the reporting
 * one is not measured (its hours still count), never added to euros as if it were euros.
 */
describe.each(testEngines)("refreshing figures kept in another currency on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let partnerId: string;
  const month = new Date().toISOString().slice(0, 7);

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const agent = (await signedIn(app, "support_agent")).client;
    partnerId = (await createPartner(app, { name: "Dollar Desk", status: "active" })).id;
    const saved = await admin.put("/api/v1/relationships/settings", { currency: "EUR" });
    expect(saved.statusCode, saved.body).toBe(200);
    await putSupportSettings(admin, { costPerHourMinor: 6000, currency: "USD" });
    const tech = (await signedIn(app, "technician", partnerId)).client;
    const ticket = await openTicket(tech, { subject: "Recorder reboots" });
    await replyTo(agent, ticket.id, { body: "Firmware 4.2 fixes it.", minutes: 90 });
  });
  afterAll(async () => app.close());

  const figures = () =>
    app.ctx.db
      .selectFrom("partner_month_figures")
      .select(["support_minutes", "support_cost_minor"])
      .where("partner_id", "=", partnerId)
      .where("month", "=", month)
      .executeTakeFirstOrThrow();

  it("keeps the support hours and leaves their cost not measured", async () => {
    await refreshFigures(app.ctx.db, { months: [month] });
    expect(await figures()).toEqual({ support_minutes: 90, support_cost_minor: null });
    const card = await admin.get(`/api/v1/partners/${partnerId}/scorecard?period=month`);
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json().scorecard.period.resources[0]).toEqual({ category: "support", amountMinor: null });
    // The portfolio says why, and which currency the desk counts in.
    const shown = await admin.get("/api/v1/relationships/portfolio");
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().otherCurrencies).toEqual([{ source: "support", currency: "USD" }]);
  });

  it("measures the cost again once the desk counts in the reporting currency", async () => {
    await putSupportSettings(admin, { costPerHourMinor: 6000, currency: "EUR" });
    await refreshFigures(app.ctx.db, { months: [month] });
    expect(await figures()).toEqual({ support_minutes: 90, support_cost_minor: 9000 });
    expect((await admin.get("/api/v1/relationships/portfolio")).json().otherCurrencies).toEqual([]);
  });
});
