import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../platform/audit/audit.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

describe.each(testEngines)("audit log on %s", (engine) => {
  let app: TestApp;
  let own: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    own = await createPartner(app, { name: "Own" });
    other = await createPartner(app, { name: "Other" });
    await recordAudit(app.ctx.db, null, {
      action: "partner.create",
      entityType: "partner",
      entityId: own.id,
      partnerId: own.id,
      after: { status: "active", overrideReason: "strategic account, over capacity" },
    });
    for (let i = 0; i < 5; i++) {
      await recordAudit(app.ctx.db, null, {
        action: "partner.update",
        entityType: "partner",
        entityId: own.id,
        partnerId: own.id,
        before: { n: i },
        after: { n: i + 1 },
      });
    }
    await recordAudit(app.ctx.db, null, {
      action: "partner.update",
      entityType: "partner",
      entityId: other.id,
      partnerId: other.id,
      after: { secret: "other's" },
    });
    await recordAudit(app.ctx.db, null, {
      action: "user.password_reset",
      entityType: "user",
      entityId: "u1",
      partnerId: own.id,
      after: { password_hash: "x" },
    });
  });
  afterAll(async () => app.close());

  it("lets vendor admins filter by entity, action prefix and time, newest first, in pages", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const byEntity = (await admin.client.get(`/api/v1/audit?entityType=partner&entityId=${own.id}&limit=2`)).json();
    expect(byEntity.items).toHaveLength(2);
    expect(byEntity.items[0].after).toEqual({ n: 5 });
    const second = (await admin.client.get(`/api/v1/audit?entityType=partner&entityId=${own.id}&limit=2&cursor=${byEntity.nextCursor}`)).json();
    expect(second.items.map((e: { after: { n: number } }) => e.after.n)).toEqual([3, 2]);

    const users = (await admin.client.get("/api/v1/audit?action=user.")).json();
    expect(users.items.map((e: { action: string }) => e.action)).toEqual(["user.password_reset"]);
    expect(JSON.stringify(users.items[0].after)).toContain("[redacted]");

    const future = (await admin.client.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    expect(future.items).toEqual([]);
    expect((await admin.client.get("/api/v1/audit?from=yesterday")).statusCode).toBe(400);
  });

  it("shows a partner admin only its own organisation's entries, whatever it asks for", async () => {
    const partnerAdmin = await signedIn(app, "partner_admin", own.id);
    const all = (await partnerAdmin.client.get("/api/v1/audit?limit=200")).json();
    expect(all.items.length).toBeGreaterThanOrEqual(6);
    expect(all.items.every((e: { partnerId: string }) => e.partnerId === own.id)).toBe(true);
    const created = all.items.find((e: { action: string }) => e.action === "partner.create");
    expect(created.after).toEqual({ status: "active" });
    const admin = await signedIn(app, "vendor_admin");
    const vendorView = (await admin.client.get("/api/v1/audit?action=partner.create")).json().items[0];
    expect(vendorView.after.overrideReason).toBe("strategic account, over capacity");
    const asked = (await partnerAdmin.client.get(`/api/v1/audit?partnerId=${other.id}`)).json();
    expect(asked.items).toEqual([]);
  });

  it("is append-only: there is no route to change or delete an entry", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const entry = (await admin.client.get("/api/v1/audit?limit=1")).json().items[0];
    expect((await admin.client.delete(`/api/v1/audit/${entry.id}`)).statusCode).toBe(404);
    expect((await admin.client.patch(`/api/v1/audit/${entry.id}`, { action: "x" })).statusCode).toBe(404);
  });
});
