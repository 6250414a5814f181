import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type AssetDetailJson, type Client, createAsset, publishedFileAsset } from "../../testing/library.js";
import { todayUtc } from "./library.service.js";
import { libraryEngagement } from "./usage.service.js";

const zero = { views: 0, downloads: 0, cobrandDownloads: 0 };

describe.each(testEngines)("sales library analytics on %s", (engine) => {
  let app: TestApp;
  let marketing: Client;
  let alpha: { id: string; name: string };
  let beta: { id: string; name: string };
  let gamma: { id: string; name: string };
  let r1a: { id: string; email: string };
  let r1b: { id: string; email: string };
  let assetA: AssetDetailJson;
  let assetB: AssetDetailJson;
  let assetC: AssetDetailJson;
  let draft: AssetDetailJson;
  const today = todayUtc();
  const month = today.slice(0, 7);

  async function repClient(partnerId: string, role: "sales_rep" | "technician" | "partner_admin", name: string) {
    const user = await createUser(app, { role, partnerId, name });
    return { user, client: as(app, await login(app, user.email)) };
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    marketing = (await signedIn(app, "marketing")).client;
    alpha = await createPartner(app, { name: "Alpha Partners" });
    beta = await createPartner(app, { name: "Beta Partners" });
    gamma = await createPartner(app, { name: "Gamma Partners" });
    assetA = await publishedFileAsset(marketing, { title: "Analytics asset A", coBrandable: true });
    assetB = await publishedFileAsset(marketing, { title: "Analytics asset B" });
    assetC = await publishedFileAsset(marketing, { title: "Analytics asset C, never used" });
    draft = await createAsset(marketing, { title: "Analytics draft" });

    const a1 = await repClient(alpha.id, "sales_rep", "Ann Alpha");
    const a2 = await repClient(alpha.id, "sales_rep", "Bob Alpha");
    await createUser(app, { role: "technician", partnerId: alpha.id }); // active, never uses the library
    await createUser(app, { role: "sales_rep", partnerId: alpha.id, status: "deactivated" }); // not counted
    const b1 = await repClient(beta.id, "sales_rep", "Cat Beta");
    await createUser(app, { role: "partner_admin", partnerId: beta.id });
    await createUser(app, { role: "sales_rep", partnerId: gamma.id });
    r1a = a1.user;
    r1b = a2.user;

    const ok = async (reply: Promise<{ statusCode: number }>) => expect((await reply).statusCode).toBeLessThan(300);
    await ok(a1.client.post(`/api/v1/library/assets/${assetA.id}/opened`));
    await ok(a1.client.get(`/api/v1/library/assets/${assetA.id}/content?download=1`));
    await ok(a2.client.post(`/api/v1/library/assets/${assetB.id}/opened`));
    await ok(b1.client.get(`/api/v1/library/assets/${assetA.id}/content?download=1`));
    await ok(b1.client.get(`/api/v1/library/assets/${assetA.id}/content?download=1`));
    await ok(b1.client.get(`/api/v1/library/assets/${assetA.id}/cobranded`));
    // The vendor's own use is not partner use.
    await ok(marketing.post(`/api/v1/library/assets/${assetC.id}/opened`));
    await ok(marketing.get(`/api/v1/library/assets/${assetC.id}/content?download=1`));
  });
  afterAll(async () => app.close());

  it("reports use per day over the period, zero-filled, with totals", async () => {
    const overview = await marketing.get("/api/v1/library/analytics/overview");
    expect(overview.statusCode, overview.body).toBe(200);
    const series = overview.json();
    expect(series.to).toBe(today);
    expect(series.days).toHaveLength(90);
    expect(series.days[0].day).toBe(series.from);
    expect(series.totals).toEqual({ views: 2, downloads: 3, cobrandDownloads: 1 });
    expect(series.days.at(-1)).toEqual({ day: today, views: 2, downloads: 3, cobrandDownloads: 1 });
    expect(series.days.slice(0, -1).every((day: typeof zero) => day.views + day.downloads + day.cobrandDownloads === 0)).toBe(true);

    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = (await marketing.get(`/api/v1/library/analytics/overview?from=${yesterday}&to=${yesterday}`)).json();
    expect(before).toEqual({ from: yesterday, to: yesterday, totals: zero, days: [{ day: yesterday, ...zero }] });
    expect((await marketing.get(`/api/v1/library/analytics/overview?from=${today}&to=${yesterday}`)).statusCode).toBe(400);
    expect((await marketing.get("/api/v1/library/analytics/overview?from=2020-02-31")).statusCode).toBe(400);

    const one = (await marketing.get(`/api/v1/library/assets/${assetA.id}/usage`)).json();
    expect(one.totals).toEqual({ views: 1, downloads: 3, cobrandDownloads: 1 });
    expect((await marketing.get(`/api/v1/library/assets/${assetC.id}/usage`)).json().totals).toEqual(zero);
  });

  it("reports use per asset, per partner with active reps, and per rep of one partner", async () => {
    const assets = (await marketing.get("/api/v1/library/analytics/assets")).json().items;
    expect(assets).toEqual([
      { assetId: assetA.id, title: "Analytics asset A", type: "brochure", views: 1, downloads: 3, cobrandDownloads: 1 },
      { assetId: assetB.id, title: "Analytics asset B", type: "brochure", views: 1, downloads: 0, cobrandDownloads: 0 },
    ]);

    // Alpha and Beta have three events each: the order between them is not specified.
    const partners = (await marketing.get("/api/v1/library/analytics/partners")).json().items as { partnerName: string }[];
    expect(partners.sort((a, b) => a.partnerName.localeCompare(b.partnerName))).toEqual([
      { partnerId: alpha.id, partnerName: "Alpha Partners", views: 2, downloads: 1, cobrandDownloads: 0, activeReps: 2 },
      { partnerId: beta.id, partnerName: "Beta Partners", views: 0, downloads: 2, cobrandDownloads: 1, activeReps: 1 },
    ]);

    const reps = (await marketing.get(`/api/v1/library/analytics/partners/${alpha.id}/reps`)).json().items;
    expect(reps).toHaveLength(2);
    const byUser = new Map(reps.map((rep: { userId: string }) => [rep.userId, rep]));
    expect(byUser.get(r1a.id)).toMatchObject({ name: "Ann Alpha", email: r1a.email, role: "sales_rep", views: 1, downloads: 1, cobrandDownloads: 0 });
    expect(byUser.get(r1b.id)).toMatchObject({ name: "Bob Alpha", email: r1b.email, views: 1, downloads: 0 });
    expect(String((byUser.get(r1a.id) as { lastUsedAt: string }).lastUsedAt).slice(0, 10)).toBe(today);
    expect((await marketing.get(`/api/v1/library/analytics/partners/${gamma.id}/reps`)).json().items).toEqual([]);
  });

  it("lists published assets nobody used", async () => {
    const unused = (await marketing.get("/api/v1/library/analytics/unused")).json().items.map((item: { assetId: string }) => item.assetId);
    expect(unused).toContain(assetC.id);
    expect(unused).not.toContain(assetA.id);
    expect(unused).not.toContain(assetB.id);
    expect(unused).not.toContain(draft.id);
    expect((await marketing.get("/api/v1/library/analytics/unused?days=0")).statusCode).toBe(400);
  });

  it("reports engagement per partner as the share of its active users who used the library, same as libraryEngagement()", async () => {
    const route = (await marketing.get("/api/v1/library/analytics/engagement")).json().items;
    expect(route).toEqual([
      { partnerId: alpha.id, partnerName: "Alpha Partners", month, usersTotal: 3, usersUsingLibrary: 2, share: 2 / 3 },
      { partnerId: beta.id, partnerName: "Beta Partners", month, usersTotal: 2, usersUsingLibrary: 1, share: 0.5 },
      { partnerId: gamma.id, partnerName: "Gamma Partners", month, usersTotal: 1, usersUsingLibrary: 0, share: 0 },
    ]);
    expect(await libraryEngagement(app.ctx.db, { month })).toEqual(route);
    expect((await marketing.get(`/api/v1/library/analytics/engagement?month=${month}`)).json().items).toEqual(route);
    expect(await libraryEngagement(app.ctx.db, { month, partnerIds: [beta.id] })).toEqual([route[1]]);

    const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const quiet = await libraryEngagement(app.ctx.db, { month: lastYear });
    expect(quiet.map((row) => row.usersUsingLibrary)).toEqual([0, 0, 0]);
    expect((await marketing.get(`/api/v1/library/analytics/engagement?month=${lastYear}`)).json().items).toEqual(quiet);
    expect((await marketing.get("/api/v1/library/analytics/engagement?month=2031-1")).statusCode).toBe(400);
  });

  it("keeps analytics to marketing, channel managers and vendor admins (403 for partner roles, finance, support)", async () => {
    const routes = [
      "/api/v1/library/analytics/overview",
      "/api/v1/library/analytics/assets",
      "/api/v1/library/analytics/partners",
      `/api/v1/library/analytics/partners/${alpha.id}/reps`,
      "/api/v1/library/analytics/unused",
      "/api/v1/library/analytics/engagement",
      `/api/v1/library/assets/${assetA.id}/usage`,
    ];
    for (const role of ["partner_admin", "sales_rep", "technician"] as const) {
      const { client } = await signedIn(app, role, alpha.id);
      for (const url of routes) expect((await client.get(url)).statusCode, `${role} ${url}`).toBe(403);
    }
    for (const role of ["finance", "support_agent"] as const) {
      const { client } = await signedIn(app, role);
      for (const url of routes) expect((await client.get(url)).statusCode, `${role} ${url}`).toBe(403);
    }
    for (const role of ["channel_manager", "vendor_admin"] as const) {
      const { client } = await signedIn(app, role);
      for (const url of routes) expect((await client.get(url)).statusCode, `${role} ${url}`).toBe(200);
    }
  });
});
