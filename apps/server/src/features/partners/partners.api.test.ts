import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];
interface PartnerBody {
  id: string;
  name: string;
  status: string;
  city: string;
  region: string;
  archivedAt: string | null;
  hasLogo: boolean;
  channelManagerName: string | null;
  staffCount: number;
}

// A real 1x1 PNG.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function multipart(fileName: string, contentType: string, bytes: Buffer) {
  const boundary = "----trellis-partners-test";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

const body = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  legalName: `${name} LLC`,
  country: "us",
  region: "Western Europe",
  ...extra,
});

async function allPages(client: Client, query: string): Promise<PartnerBody[]> {
  const seen: PartnerBody[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 20; guard++) {
    const r = await client.get(`/api/v1/partners?${query}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
    expect(r.statusCode).toBe(200);
    const page = r.json() as { items: PartnerBody[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(3);
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error("pagination did not end");
}

describe.each(testEngines)("partners on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let manager: Client;
  let managerEmail: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    const cm = await signedIn(app, "channel_manager");
    manager = cm.client;
    managerEmail = cm.user.email;
    expect((await admin.patch("/api/v1/settings", { supportedPartnerCapacity: 10000 })).statusCode).toBe(200);
  });
  afterAll(async () => app.close());

  it("searches, filters, sorts and pages with a cursor without duplicates or omissions", async () => {
    const names = ["Pag Alpha", "Pag Bravo", "Pag Charlie", "Pag Delta", "Pag Echo", "Pag Foxtrot", "Pag 100% Golf"];
    for (const [i, name] of names.entries()) {
      const r = await manager.post("/api/v1/partners", body(name, { status: i % 2 === 0 ? "active" : "prospect", city: i === 3 ? "Lyon" : "Paris" }));
      expect(r.statusCode).toBe(201);
      expect(r.json().country).toBe("US");
    }
    const expected = [...names].sort();
    const byName = await allPages(admin, "q=pag");
    expect(byName.map((p) => p.name)).toEqual(expected);
    const descending = await allPages(admin, "q=PAG&sort=-name");
    expect(descending.map((p) => p.name)).toEqual([...expected].reverse());
    const byCreated = await allPages(admin, "q=pag&sort=createdAt");
    expect(new Set(byCreated.map((p) => p.id)).size).toBe(7);
    expect(byCreated.map((p) => p.name)).toEqual(names);
    const byStatus = await allPages(admin, "q=pag&sort=-status");
    expect(byStatus.map((p) => p.status)).toEqual(["prospect", "prospect", "prospect", "active", "active", "active", "active"]);

    const active = (await admin.get("/api/v1/partners?q=pag&status=active")).json().items as PartnerBody[];
    expect(active.map((p) => p.name)).toEqual(["Pag 100% Golf", "Pag Alpha", "Pag Charlie", "Pag Echo"]);
    expect((await admin.get("/api/v1/partners?q=lyon")).json().items.map((p: PartnerBody) => p.name)).toEqual(["Pag Delta"]);
    // LIKE wildcards match literally.
    expect((await admin.get("/api/v1/partners?q=%25")).json().items.map((p: PartnerBody) => p.name)).toEqual(["Pag 100% Golf"]);
    expect((await admin.get("/api/v1/partners?q=pag_")).json().items).toHaveLength(0);
    expect((await admin.get("/api/v1/partners?region=Western%20Europe&q=pag")).json().items).toHaveLength(7);
    expect((await admin.get("/api/v1/partners?region=Africa&q=pag")).json().items).toHaveLength(0);

    const first = (await admin.get("/api/v1/partners?q=pag&limit=3")).json();
    const wrongSort = await admin.get(`/api/v1/partners?q=pag&limit=3&sort=region&cursor=${first.nextCursor}`);
    expect(wrongSort.statusCode).toBe(400);
  });

  it("confines a partner user to its own partner", async () => {
    const own = await createPartner(app, { name: "Own Co" });
    const other = await createPartner(app, { name: "Other Co" });
    const partnerAdmin = await signedIn(app, "partner_admin", own.id);
    await createUser(app, { role: "technician", partnerId: own.id, status: "invited" });
    await createUser(app, { role: "sales_rep", partnerId: own.id, status: "deactivated" });

    const list = (await partnerAdmin.client.get("/api/v1/partners")).json();
    expect(list.items.map((p: PartnerBody) => p.id)).toEqual([own.id]);
    expect(list.items[0].staffCount).toBe(2);
    expect((await partnerAdmin.client.get(`/api/v1/partners/${own.id}`)).statusCode).toBe(200);
    expect((await partnerAdmin.client.get(`/api/v1/partners/${other.id}`)).statusCode).toBe(404);
    expect((await partnerAdmin.client.get(`/api/v1/partners/${other.id}/activity`)).statusCode).toBe(404);
    expect((await partnerAdmin.client.get(`/api/v1/partners/${own.id}/activity`)).statusCode).toBe(200);
    expect((await partnerAdmin.client.get(`/api/v1/partners/${other.id}/logo`)).statusCode).toBe(404);
    const summary = (await partnerAdmin.client.get("/api/v1/partners/summary")).json();
    expect(summary).toEqual({ supportedPartnerCapacity: null, activePartners: 1, byStatus: { prospect: 0, active: 1, probation: 0, terminated: 0 } });
    const csv = (await partnerAdmin.client.get("/api/v1/partners/export.csv")).body.trim().split("\n");
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain("Own Co");
    expect((await partnerAdmin.client.patch(`/api/v1/partners/${own.id}`, { city: "Nope" })).statusCode).toBe(403);
  });

  it("refuses activity to a sales rep and edits to a support agent", async () => {
    const own = await createPartner(app);
    const rep = await signedIn(app, "sales_rep", own.id);
    const r = await rep.client.get(`/api/v1/partners/${own.id}/activity`);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe("forbidden");
    const support = await signedIn(app, "support_agent");
    expect((await support.client.patch(`/api/v1/partners/${own.id}`, { city: "Berlin" })).statusCode).toBe(403);
    expect((await support.client.post("/api/v1/partners", body("Support Made"))).statusCode).toBe(403);
    expect((await support.client.get(`/api/v1/partners/${own.id}`)).statusCode).toBe(200);
  });

  it("validates a PATCH body, the tier and the channel manager, naming the fields", async () => {
    const p = await createPartner(app, { status: "prospect" });
    const bad = await admin.patch(`/api/v1/partners/${p.id}`, { country: "USA", website: "not a url", status: "bogus" });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["body.country", "body.website", "body.status"]));
    expect((await admin.patch(`/api/v1/partners/${p.id}`, { nickname: "x" })).statusCode).toBe(400);

    const noTier = await admin.patch(`/api/v1/partners/${p.id}`, { tierId: "missing-tier" });
    expect(noTier.statusCode).toBe(400);
    expect(noTier.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.tierId"]);
    const support = await createUser(app, { role: "support_agent" });
    const badManager = await admin.patch(`/api/v1/partners/${p.id}`, { channelManagerId: support.id });
    expect(badManager.statusCode).toBe(400);
    expect(badManager.json().fields.map((f: { path: string }) => f.path)).toEqual(["body.channelManagerId"]);

    const cm = await createUser(app, { role: "channel_manager", name: "Carla Manager" });
    const tier = (await admin.post("/api/v1/tiers", { name: `Gold ${engine}`, rank: 1 })).json();
    const ok = await admin.patch(`/api/v1/partners/${p.id}`, { channelManagerId: cm.id, tierId: tier.id, website: "", city: "Oslo" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ channelManagerName: "Carla Manager", tierName: `Gold ${engine}`, city: "Oslo", website: "" });
    const filtered = (await admin.get(`/api/v1/partners?channelManagerId=${cm.id}&tierId=${tier.id}`)).json();
    expect(filtered.items.map((x: PartnerBody) => x.id)).toEqual([p.id]);
  });

  it("enforces the supported capacity; only a vendor admin overrides, and the reason is audited", async () => {
    const vendorAdmin = await signedIn(app, "vendor_admin");
    const current = (await admin.get("/api/v1/settings")).json().activePartners as number;
    expect((await admin.patch("/api/v1/settings", { supportedPartnerCapacity: current })).statusCode).toBe(200);
    try {
      const refused = await manager.post("/api/v1/partners", body("Cap One", { status: "active" }));
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe("capacity_reached");
      expect(refused.json().detail).toContain(`${current} of ${current} active partners`);

      const reason = "Strategic account in a new territory";
      const cmOverride = await manager.post("/api/v1/partners", body("Cap One", { status: "active", overrideReason: reason }));
      expect(cmOverride.statusCode).toBe(422);
      expect(cmOverride.json().code).toBe("capacity_reached");
      expect(cmOverride.json().detail).toContain("only a vendor admin");
      expect((await vendorAdmin.client.post("/api/v1/partners", body("Cap One", { status: "probation" }))).statusCode).toBe(422);

      const prospect = (await manager.post("/api/v1/partners", body("Cap Prospect"))).json();
      expect(prospect.status).toBe("prospect");
      const promote = await manager.patch(`/api/v1/partners/${prospect.id}`, { status: "active" });
      expect(promote.statusCode).toBe(422);
      expect(promote.json().code).toBe("capacity_reached");

      const csv = `name,legal_name,country,region,status\nCap Import,Cap Import Ltd,DE,Western Europe,active\n`;
      const imported = await manager.post("/api/v1/partners/import", csv, { "content-type": "text/csv" });
      expect(imported.statusCode).toBe(422);
      expect(imported.json().code).toBe("capacity_reached");

      const overridden = await vendorAdmin.client.post("/api/v1/partners", body("Cap One", { status: "active", overrideReason: reason }));
      expect(overridden.statusCode).toBe(201);
      const activity = (await admin.get(`/api/v1/partners/${overridden.json().id}/activity`)).json();
      expect(activity.items[0]).toMatchObject({ action: "partner.create", partnerId: overridden.json().id });
      expect(activity.items[0].after).toMatchObject({ status: "active", overrideReason: reason });

      const summary = (await admin.get("/api/v1/partners/summary")).json();
      expect(summary.supportedPartnerCapacity).toBe(current);
      expect(summary.activePartners).toBe(current + 1);
      expect(summary.byStatus.active + summary.byStatus.probation).toBe(current + 1);
      expect((await admin.get("/api/v1/partners?q=cap%20import")).json().items).toHaveLength(0);
    } finally {
      await admin.patch("/api/v1/settings", { supportedPartnerCapacity: 10000 });
    }
  });

  it("archives instead of deleting and restores as a prospect", async () => {
    const p = (await manager.post("/api/v1/partners", body("Arch Partner", { status: "active" }))).json();
    expect((await manager.delete(`/api/v1/partners/${p.id}`)).statusCode).toBe(204);
    expect((await admin.get("/api/v1/partners?q=arch%20partner")).json().items).toHaveLength(0);
    const archived = (await admin.get("/api/v1/partners?q=arch%20partner&includeArchived=true")).json().items;
    expect(archived).toHaveLength(1);
    expect(archived[0].status).toBe("terminated");
    expect(archived[0].archivedAt).not.toBeNull();
    expect((await admin.get(`/api/v1/partners/${p.id}`)).statusCode).toBe(200);
    const locked = await manager.patch(`/api/v1/partners/${p.id}`, { city: "Rome" });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().code).toBe("invalid_state");

    const restored = await manager.post(`/api/v1/partners/${p.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ status: "prospect", archivedAt: null });
    expect((await admin.get("/api/v1/partners?q=arch%20partner")).json().items).toHaveLength(1);
    const actions = (await admin.get(`/api/v1/partners/${p.id}/activity`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["partner.restore", "partner.archive", "partner.create"]);
  });

  it("exports CSV with a header and the list's rows, and neutralises formulas", async () => {
    await manager.post("/api/v1/partners", body("Csv Export One", { phone: "+1 555 0100" }));
    await manager.post("/api/v1/partners", body("=Csv Export Two"));
    const r = await admin.get("/api/v1/partners/export.csv?q=csv%20export");
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("text/csv");
    const lines = r.body.trim().split("\n");
    expect(lines[0]).toBe(
      "name,legal_name,address_line1,address_line2,city,postal_code,country,region,territory,website,phone,tier,status,channel_manager_email",
    );
    expect(lines).toHaveLength(3);
    const one = lines.find((l) => l.startsWith("Csv Export One,"));
    expect(one).toContain(",US,Western Europe,");
    expect(one).toContain("'+1 555 0100");
    expect(lines.some((l) => l.startsWith("'=Csv Export Two,'=Csv Export Two LLC,"))).toBe(true);
  });

  it("rejects an import with a bad row and applies nothing", async () => {
    const existing = (await manager.post("/api/v1/partners", body("Imp Existing", { city: "Madrid" }))).json();
    const csv = [
      "name,legal_name,country,region,city,status",
      "Imp New One,Imp New One SL,ES,Western Europe,Bilbao,prospect",
      "Imp New Two,Imp New Two SL,ES,Western Europe,Sevilla,bogus",
      "Imp Existing,Imp Existing SL,ES,Western Europe,Valencia,",
      "Imp New One,Dup,ESP,Western Europe,,",
    ].join("\n");
    const r = await manager.post("/api/v1/partners/import", csv, { "content-type": "text/csv" });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe("import_failed");
    expect(r.json().rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "status" }),
        expect.objectContaining({ row: 5, column: "country" }),
        expect.objectContaining({ row: 5, column: "name" }),
      ]),
    );
    expect((await admin.get("/api/v1/partners?q=imp%20new")).json().items).toHaveLength(0);
    expect((await admin.get(`/api/v1/partners/${existing.id}`)).json().city).toBe("Madrid");

    const unknownTier = await manager.post(
      "/api/v1/partners/import",
      `name,legal_name,country,region,tier,channel_manager_email\nImp X,Imp X,ES,Western Europe,Platinum,nobody@example.test\n`,
      { "content-type": "text/csv" },
    );
    expect(unknownTier.statusCode).toBe(400);
    expect(
      unknownTier
        .json()
        .rows.map((e: { column: string }) => e.column)
        .sort(),
    ).toEqual(["channel_manager_email", "tier"]);
    const partnerAdmin = await signedIn(app, "partner_admin", existing.id);
    expect((await partnerAdmin.client.post("/api/v1/partners/import", csv, { "content-type": "text/csv" })).statusCode).toBe(403);
  });

  it("imports: creates new rows and updates a partner matched by name, with an audit entry each", async () => {
    const existing = (await manager.post("/api/v1/partners", body("Good Existing", { city: "Madrid", phone: "+34 1" }))).json();
    const csv = [
      "name,legal_name,country,region,city,status,channel_manager_email,phone",
      `good existing,Good Existing SL,es,Western Europe,Valencia,active,${managerEmail.toUpperCase()},'+34 2`,
      "Good New,Good New SL,PT,Western Europe,Porto,,,",
    ].join("\n");
    const r = await manager.post("/api/v1/partners/import", csv, { "content-type": "text/csv" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const updated = (await admin.get(`/api/v1/partners/${existing.id}`)).json();
    expect(updated).toMatchObject({ name: "good existing", city: "Valencia", status: "active", country: "ES", phone: "+34 2" });
    expect(updated.channelManagerName).not.toBeNull();
    const created = (await admin.get("/api/v1/partners?q=good%20new")).json().items;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ status: "prospect", city: "Porto" });
    const audit = (await admin.get(`/api/v1/partners/${created[0].id}/activity`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(["partner.import_create"]);
    const again = await manager.post("/api/v1/partners/import", csv, { "content-type": "text/csv" });
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it("documents its routes in the OpenAPI document", async () => {
    const r = await app.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    expect(paths).toEqual(expect.arrayContaining(["/api/v1/partners", "/api/v1/partners/import", "/api/v1/partners/{id}/logo"]));
  });

  it("stores and serves a logo; refuses a non-image and other partners", async () => {
    const p = await createPartner(app);
    const other = await createPartner(app);
    const upload = multipart("logo.png", "image/png", png);
    const r = await admin.put(`/api/v1/partners/${p.id}/logo`, upload.payload, upload.headers);
    expect(r.statusCode).toBe(200);
    expect(r.json().hasLogo).toBe(true);
    const logo = await admin.get(`/api/v1/partners/${p.id}/logo`);
    expect(logo.statusCode).toBe(200);
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.rawPayload.equals(png)).toBe(true);
    expect((await admin.get(`/api/v1/partners/${other.id}/logo`)).statusCode).toBe(404);

    const text = multipart("logo.png", "image/png", Buffer.from("just some text, not an image"));
    const refused = await admin.put(`/api/v1/partners/${p.id}/logo`, text.payload, text.headers);
    expect(refused.statusCode).toBe(415);

    const partnerAdmin = await signedIn(app, "partner_admin", p.id);
    expect((await partnerAdmin.client.put(`/api/v1/partners/${p.id}/logo`, upload.payload, upload.headers)).statusCode).toBe(200);
    expect((await partnerAdmin.client.put(`/api/v1/partners/${other.id}/logo`, upload.payload, upload.headers)).statusCode).toBe(404);
    const rep = await signedIn(app, "sales_rep", p.id);
    expect((await rep.client.put(`/api/v1/partners/${p.id}/logo`, upload.payload, upload.headers)).statusCode).toBe(403);
    expect((await rep.client.get(`/api/v1/partners/${p.id}/logo`)).statusCode).toBe(200);
    const support = await signedIn(app, "support_agent");
    expect((await support.client.put(`/api/v1/partners/${p.id}/logo`, upload.payload, upload.headers)).statusCode).toBe(403);
    const actions = (await admin.get(`/api/v1/partners/${p.id}/activity`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["partner.logo", "partner.logo"]);
  });
});
