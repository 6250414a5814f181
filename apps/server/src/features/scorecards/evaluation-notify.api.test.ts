import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import type { Client } from "../../testing/tickets.js";
import { flagsNotifiedOneByOne } from "./evaluation.service.js";

/**
 * A channel manager with many partners flagged in one evaluation (the first run, a bad month) gets
 * one notification listing them with their figures, not one mail per partner; a few are told one by one.
 */
describe.each(testEngines)("flag notifications on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let busy: Client;
  let quiet: Client;
  const today = new Date().toISOString().slice(0, 10);
  const manyNames = Array.from({ length: flagsNotifiedOneByOne + 2 }, (_, i) => `Costly Reseller ${i + 1}`);

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const busyManager = await signedIn(app, "channel_manager");
    const quietManager = await signedIn(app, "channel_manager");
    busy = busyManager.client;
    quiet = quietManager.client;
    // Marketing money and no sales: each partner's net contribution is negative.
    const costly = async (name: string, managerId: string) => {
      const partner = await createPartner(app, { name, status: "active" });
      await app.ctx.db.updateTable("partners").set({ channel_manager_id: managerId }).where("id", "=", partner.id).execute();
      const cost = await admin.post(`/api/v1/partners/${partner.id}/cost-lines`, {
        spentOn: today,
        category: "marketing_funds",
        amount: "150.00",
        purpose: "Trade show",
      });
      expect(cost.statusCode, cost.body).toBe(201);
      return partner;
    };
    for (const name of manyNames) await costly(name, busyManager.user.id);
    await costly("Lone Reseller", quietManager.user.id);
    const evaluated = await admin.post("/api/v1/relationships/evaluate", {});
    expect(evaluated.statusCode, evaluated.body).toBe(200);
  }, 120_000);
  afterAll(async () => app.close());

  const flaggedOf = async (client: Client) =>
    (await client.get("/api/v1/notifications?limit=50")).json().items.filter((n: { kind: string }) => n.kind === "partner_flagged");

  it("lists many flagged partners in one notification, each with its figures", async () => {
    const flagged = await flaggedOf(busy);
    expect(flagged).toHaveLength(1);
    expect(flagged[0].title).toBe(`${manyNames.length} partners are flagged today`);
    for (const name of manyNames) expect(flagged[0].body).toContain(`${name}: Over`);
    expect(flagged[0].body).toContain("net -150.00 EUR");
    expect(flagged[0].link).toBe("/relationships?flagged=1");
  });

  it("tells a manager with one flagged partner about that partner", async () => {
    const flagged = await flaggedOf(quiet);
    expect(flagged).toHaveLength(1);
    expect(flagged[0].title).toContain("Lone Reseller is flagged");
  });

  it("marks every flag as notified", async () => {
    const open = await app.ctx.db.selectFrom("relationship_flags").select(["notified_user_id", "notified_at"]).where("status", "=", "open").execute();
    expect(open.length).toBeGreaterThanOrEqual(manyNames.length + 1);
    expect(open.every((flag) => flag.notified_user_id !== null && flag.notified_at !== null)).toBe(true);
  });
});
