import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../platform/access/actor.js";
import { createPartner, createTestApp, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import { updateRelationshipSettings } from "../scorecards/settings.service.js";
import { recordSellThrough, sellThroughByPartner, setFamilyMargin } from "./sell-through.service.js";

describe.each(testEngines)("sell-through figures per partner and month on %s", (engine) => {
  let app: TestApp;
  let p1: string;
  let p2: string;
  let idle: string;
  let camFamily: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    // Partner ids are UUIDv7: p1 sorts before p2, as the answer does.
    p1 = (await createPartner(app)).id;
    p2 = (await createPartner(app)).id;
    idle = (await createPartner(app)).id;
    const cam = await createProductFixture(app, { sku: "DB-CAM" });
    await createProductFixture(app, { sku: "DB-NVR" });
    camFamily = cam.familyId;
    // Cameras carry their own margin (40 %); recorders have none, so the default (25 %) applies.
    await updateRelationshipSettings(app.ctx, systemActor, { defaultMarginBps: 2500 }, "test");
    await setFamilyMargin(app.ctx, systemActor, camFamily, 4000);

    const august = await recordSellThrough(
      app.ctx,
      systemActor,
      p1,
      [
        { date: "2026-08-03", sku: "DB-CAM", quantity: 2, netAmountMinor: 33333 },
        { date: "2026-08-19", sku: "DB-CAM", quantity: -1, netAmountMinor: -16666 },
        { date: "2026-08-31", sku: "DB-NVR", quantity: 1, netAmountMinor: 100002 },
        { date: "2026-09-01", sku: "DB-NVR", quantity: -1, netAmountMinor: -5000 },
      ],
      "api",
    );
    expect(august.months).toEqual(["2026-08", "2026-09"]);
    await recordSellThrough(app.ctx, systemActor, p2, [{ date: "2026-09-30", sku: "DB-CAM", quantity: 1, netAmountMinor: 999 }], "csv", "p2.csv");
  });
  afterAll(async () => app.close());

  it("sums revenue over families and margins per family-month, rounded with Math.round", async () => {
    const figures = await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-01", toMonth: "2026-12" });
    expect(figures).toEqual([
      // Cameras 33333 - 16666 = 16667 at 40 % = 6666.8 -> 6667; recorders 100002 at the default 25 % = 25000.5 -> 25001.
      { partnerId: p1, month: "2026-08", revenueMinor: 116669, marginMinor: 31668, units: 2, lines: 3 },
      // Only a return: -5000 at 25 % = -1250.
      { partnerId: p1, month: "2026-09", revenueMinor: -5000, marginMinor: -1250, units: -1, lines: 1 },
      // 999 at 40 % = 399.6 -> 400.
      { partnerId: p2, month: "2026-09", revenueMinor: 999, marginMinor: 400, units: 1, lines: 1 },
    ]);
  });

  it("reads only the months and partners asked for; none for an empty list", async () => {
    expect(await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-09", toMonth: "2026-09", partnerIds: [p2, idle] })).toEqual([
      { partnerId: p2, month: "2026-09", revenueMinor: 999, marginMinor: 400, units: 1, lines: 1 },
    ]);
    expect((await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-09", toMonth: "2026-12" })).map((f) => f.month)).toEqual([
      "2026-09",
      "2026-09",
    ]);
    expect(await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-01", toMonth: "2026-12", partnerIds: [] })).toEqual([]);
  });

  it("applies today's margins to past months: a changed family margin re-prices its history", async () => {
    await setFamilyMargin(app.ctx, systemActor, camFamily, 5000);
    const [august] = await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-08", toMonth: "2026-08", partnerIds: [p1] });
    // Cameras 16667 at 50 % = 8333.5 -> 8334; recorders unchanged at 25001.
    expect(august?.marginMinor).toBe(8334 + 25001);
    await setFamilyMargin(app.ctx, systemActor, camFamily, null);
    const [cleared] = await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-08", toMonth: "2026-08", partnerIds: [p1] });
    // Back to the default: 16667 at 25 % = 4166.75 -> 4167.
    expect(cleared?.marginMinor).toBe(4167 + 25001);
  });

  it("records nothing when one line is bad, and says which", async () => {
    const before = await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-01", toMonth: "2026-12" });
    await expect(
      recordSellThrough(
        app.ctx,
        systemActor,
        p1,
        [
          { date: "2026-10-01", sku: "DB-CAM", quantity: 1, netAmountMinor: 100 },
          { date: "2026-10-01", sku: "DB-CAM", quantity: 1, netAmountMinor: 100, currency: "USD" },
        ],
        "api",
      ),
    ).rejects.toMatchObject({ status: 400, extra: { fields: [{ path: "body.lines.1.currency", message: "must be EUR, the reporting currency" }] } });
    expect(await sellThroughByPartner(app.ctx.db, { fromMonth: "2026-01", toMonth: "2026-12" })).toEqual(before);
  });
});
