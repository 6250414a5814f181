import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

describe.each(testEngines)("tiers and vendor settings on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("creates, renames without losing the description, and refuses duplicates and deleting a tier in use", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const created = await admin.client.post("/api/v1/tiers", { name: "Gold", rank: 2, description: "Certified technicians" });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const renamed = await admin.client.patch(`/api/v1/tiers/${id}`, { name: "Gold+" });
    expect(renamed.json()).toMatchObject({ name: "Gold+", description: "Certified technicians", rank: 2 });
    expect((await admin.client.post("/api/v1/tiers", { name: "Gold+", rank: 3 })).statusCode).toBe(409);

    await createPartner(app, { tierId: id });
    const listed = (await admin.client.get("/api/v1/tiers")).json().items.find((t: { id: string }) => t.id === id);
    expect(listed.partnerCount).toBe(1);
    expect((await admin.client.delete(`/api/v1/tiers/${id}`)).statusCode).toBe(409);

    const unused = (await admin.client.post("/api/v1/tiers", { name: "Bronze", rank: 5 })).json();
    expect((await admin.client.delete(`/api/v1/tiers/${unused.id}`)).statusCode).toBe(204);
    const audit = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", unused.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["tier.create", "tier.delete"]);
  });

  it("shows partner counts to the vendor only: a partner's sales rep gets null", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const tier = (await admin.client.post("/api/v1/tiers", { name: "Counted", rank: 9 })).json();
    const partner = await createPartner(app, { tierId: tier.id });
    await createPartner(app, { tierId: tier.id });

    const vendorView = (await admin.client.get("/api/v1/tiers")).json().items;
    expect(vendorView.find((t: { id: string }) => t.id === tier.id).partnerCount).toBe(2);
    expect(vendorView.every((t: { partnerCount: unknown }) => Number.isInteger(t.partnerCount))).toBe(true);

    const rep = await signedIn(app, "sales_rep", partner.id);
    const repView = await rep.client.get("/api/v1/tiers");
    expect(repView.statusCode).toBe(200);
    expect(repView.json().items.find((t: { id: string }) => t.id === tier.id)).toMatchObject({ name: "Counted", rank: 9, partnerCount: null });
    expect(repView.json().items.every((t: { partnerCount: unknown }) => t.partnerCount === null)).toBe(true);
  });

  it("rejects malformed tier bodies naming the fields", async () => {
    const admin = await signedIn(app, "vendor_admin");
    const response = await admin.client.post("/api/v1/tiers", { name: "", rank: "first", colour: "red" });
    expect(response.statusCode).toBe(400);
    const paths = response.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.rank"]));
  });

  it("keeps the supported-partner capacity and counts active and probation partners against it", async () => {
    const admin = await signedIn(app, "vendor_admin");
    await createPartner(app, { status: "active" });
    await createPartner(app, { status: "probation" });
    await createPartner(app, { status: "prospect" });
    const updated = await admin.client.patch("/api/v1/settings", { supportedPartnerCapacity: 7 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().supportedPartnerCapacity).toBe(7);
    const active = updated.json().activePartners;
    expect(active).toBeGreaterThanOrEqual(2);
    expect((await admin.client.patch("/api/v1/settings", { supportedPartnerCapacity: -1 })).statusCode).toBe(400);

    const manager = await signedIn(app, "channel_manager");
    expect((await manager.client.get("/api/v1/settings")).json().supportedPartnerCapacity).toBe(7);
    expect((await manager.client.patch("/api/v1/settings", { supportedPartnerCapacity: 99 })).statusCode).toBe(403);
  });
});
