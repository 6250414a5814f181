import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import { uuidv7 } from "../../platform/ids.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { multipartBody } from "../../testing/multipart.js";
import { type Client, createRewardItem } from "../../testing/rewards.js";

const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe.each(testEngines)("rewards catalog on %s", (engine) => {
  let app: TestApp;
  let finance: Client;
  let manager: Client;
  let goldRep: Client;
  let goldTechnician: Client;
  let silverRep: Client;
  let euroRep: Client;
  let gold: string;
  let silver: string;
  const items: Record<string, { id: string; name: string }> = {};

  async function tier(name: string, rank: number) {
    const id = uuidv7();
    const now = nowIso();
    await app.ctx.db.insertInto("tiers").values({ id, name, rank, description: "", created_at: now, updated_at: now }).execute();
    return id;
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    gold = await tier("Gold", 1);
    silver = await tier("Silver", 2);
    const goldNa = await createPartner(app, { name: "Gold NA", tierId: gold, region: "North America" });
    const silverNa = await createPartner(app, { name: "Silver NA", tierId: silver, region: "North America" });
    const goldEu = await createPartner(app, { name: "Gold EU", tierId: gold, region: "Western Europe" });
    finance = (await signedIn(app, "finance")).client;
    manager = (await signedIn(app, "channel_manager")).client;
    goldRep = (await signedIn(app, "sales_rep", goldNa.id)).client;
    goldTechnician = (await signedIn(app, "technician", goldNa.id)).client;
    silverRep = (await signedIn(app, "sales_rep", silverNa.id)).client;
    euroRep = (await signedIn(app, "sales_rep", goldEu.id)).client;

    items.everyone = await createRewardItem(finance, { name: "Coffee gift card", pointCost: 50 });
    items.goldOnly = await createRewardItem(finance, {
      kind: "tools_equipment",
      name: "Cable tester",
      pointCost: 900,
      stock: 3,
      eligibility: { tierIds: [gold], regions: [], roles: [] },
    });
    items.goldNaReps = await createRewardItem(finance, {
      kind: "event_ticket",
      name: "Partner summit ticket",
      pointCost: 2000,
      stock: 10,
      eligibility: { tierIds: [gold], regions: ["North America"], roles: ["sales_rep", "partner_admin"] },
    });
    items.silverOrEurope = await createRewardItem(finance, {
      kind: "training_voucher",
      name: "Installer course voucher",
      pointCost: 400,
      eligibility: { tierIds: [silver], regions: [], roles: [] },
    });
    items.inactive = await createRewardItem(finance, { kind: "branded_gear", name: "Old jacket", pointCost: 80, active: false });
  });
  afterAll(async () => app.close());

  const names = async (client: Client, query = "") => {
    const response = await client.get(`/api/v1/rewards/catalog${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as { name: string }[]).map((item) => item.name);
  };

  it("shows partner users only the active items their tier, region and role are eligible for", async () => {
    expect(await names(goldRep)).toEqual(["Cable tester", "Coffee gift card", "Partner summit ticket"]);
    // Technicians are not among the summit's roles.
    expect(await names(goldTechnician)).toEqual(["Cable tester", "Coffee gift card"]);
    expect(await names(silverRep)).toEqual(["Coffee gift card", "Installer course voucher"]);
    // Gold but not in North America: no summit ticket.
    expect(await names(euroRep)).toEqual(["Cable tester", "Coffee gift card"]);
    // An item outside the viewer's eligibility is 404 by id, like one that does not exist.
    expect((await silverRep.get(`/api/v1/rewards/catalog/${items.goldOnly?.id}`)).statusCode).toBe(404);
    expect((await goldRep.get(`/api/v1/rewards/catalog/${items.inactive?.id}`)).statusCode).toBe(404);
    const ticket = await goldRep.get(`/api/v1/rewards/catalog/${items.goldNaReps?.id}`);
    expect(ticket.statusCode).toBe(200);
    expect(ticket.json()).toMatchObject({
      kind: "event_ticket",
      pointCost: 2000,
      stock: 10,
      inStock: true,
      eligibility: { tierIds: [gold], regions: ["North America"], roles: ["partner_admin", "sales_rep"] },
    });
  });

  it("shows vendor users every active item, and catalog managers the inactive ones when asked", async () => {
    expect(await names(manager)).toEqual(["Cable tester", "Coffee gift card", "Installer course voucher", "Partner summit ticket"]);
    expect(await names(manager, "?includeInactive=true")).not.toContain("Old jacket");
    expect(await names(finance, "?includeInactive=true")).toContain("Old jacket");
    expect(await names(finance, "?kind=branded_gear&includeInactive=true")).toEqual(["Old jacket"]);
    expect(await names(finance, "?q=tester")).toEqual(["Cable tester"]);
  });

  it("sorts by points and pages with a cursor", async () => {
    const first = await finance.get("/api/v1/rewards/catalog?sort=points&limit=2");
    expect(first.json().items.map((item: { pointCost: number }) => item.pointCost)).toEqual([50, 400]);
    const second = await finance.get(`/api/v1/rewards/catalog?sort=points&limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json().items.map((item: { pointCost: number }) => item.pointCost)).toEqual([900, 2000]);
    expect(second.json().nextCursor).toBeNull();
    const wrongCursor = await finance.get(`/api/v1/rewards/catalog?sort=name&cursor=${first.json().nextCursor}`);
    expect(wrongCursor.statusCode).toBe(400);
  });

  it("lets finance change an item (audited) and refuses unknown tiers and non-managers", async () => {
    const changed = await finance.patch(`/api/v1/rewards/catalog/${items.silverOrEurope?.id}`, {
      eligibility: { tierIds: [silver], regions: ["Western Europe"], roles: [] },
      stock: 5,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ stock: 5, eligibility: { regions: ["Western Europe"] } });
    // Silver in North America no longer matches the region.
    expect(await names(silverRep)).toEqual(["Coffee gift card"]);
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", items.silverOrEurope?.id ?? "")
      .execute();
    expect(audit.map((row) => row.action)).toEqual(["reward.create", "reward.update"]);

    const unknownTier = await finance.patch(`/api/v1/rewards/catalog/${items.silverOrEurope?.id}`, {
      eligibility: { tierIds: [silver, "no-such-tier"], regions: [], roles: [] },
    });
    expect(unknownTier.statusCode).toBe(400);
    expect(unknownTier.json().fields).toEqual([{ path: "body.eligibility.tierIds.1", message: "no such tier" }]);
    expect((await manager.post("/api/v1/rewards/catalog", { kind: "gift_card", name: "X", pointCost: 1 })).statusCode).toBe(403);
    expect((await finance.post("/api/v1/rewards/catalog", { kind: "gift_card", name: "X", pointCost: 0 })).statusCode).toBe(400);
    expect((await finance.patch(`/api/v1/rewards/catalog/${uuidv7()}`, { name: "Nothing" })).statusCode).toBe(404);
  });

  it("stores an item image from its bytes and serves it to those who may see the item", async () => {
    const upload = multipartBody({}, { bytes: tinyPng, fileName: "card.png", contentType: "image/png" });
    const put = await app.app.inject({
      method: "PUT",
      url: `/api/v1/rewards/catalog/${items.goldOnly?.id}/image`,
      headers: { ...(await financeHeaders()), ...upload.headers },
      payload: upload.body,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().hasImage).toBe(true);
    const image = await goldRep.get(`/api/v1/rewards/catalog/${items.goldOnly?.id}/image`);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(image.rawPayload, tinyPng)).toBe(0);
    expect((await silverRep.get(`/api/v1/rewards/catalog/${items.goldOnly?.id}/image`)).statusCode).toBe(404);
    expect((await goldRep.get(`/api/v1/rewards/catalog/${items.everyone?.id}/image`)).statusCode).toBe(404);

    const notImage = multipartBody({}, { bytes: Buffer.from("<svg onload=alert(1)></svg>"), fileName: "x.svg", contentType: "image/svg+xml" });
    const refused = await app.app.inject({
      method: "PUT",
      url: `/api/v1/rewards/catalog/${items.goldOnly?.id}/image`,
      headers: { ...(await financeHeaders()), ...notImage.headers },
      payload: notImage.body,
    });
    expect(refused.statusCode).toBe(415);
  });

  let financeSession: { cookie: string; "x-csrf-token": string } | undefined;
  async function financeHeaders() {
    if (!financeSession) {
      const { session } = await signedIn(app, "finance");
      financeSession = { cookie: session.cookie, "x-csrf-token": session.csrfToken };
    }
    return financeSession;
  }
});
