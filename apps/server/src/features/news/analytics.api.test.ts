import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type Client, createTier, writePost } from "../../testing/news-posts.js";
import { newsReadShareByPartner } from "./news-analytics.service.js";

describe.each(testEngines)("news analytics on %s", (engine) => {
  let app: TestApp;
  let editor: Client;
  let finance: Client;
  let p1: { id: string; rep: Client; tech: Client; admin: Client; repId: string };
  let p2: { id: string; rep: Client };
  let p3: { id: string; rep: Client; repId: string };
  let goldPost: string;
  let mustRead: string;
  const thisMonth = nowIso().slice(0, 7);
  const previousMonth = (() => {
    const date = new Date();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() - 1);
    return date.toISOString().slice(0, 7);
  })();

  beforeAll(async () => {
    app = await createTestApp(engine);
    editor = (await signedIn(app, "marketing")).client;
    finance = (await signedIn(app, "finance")).client;
    const gold = await createTier(app, "Gold", 2);
    const silver = await createTier(app, "Silver", 1);
    const first = await createPartner(app, { name: "First Gold", tierId: gold });
    const second = await createPartner(app, { name: "Second Gold", tierId: gold });
    const third = await createPartner(app, { name: "Silver Only", tierId: silver });
    const archived = await createPartner(app, { name: "Archived Gold", tierId: gold });
    const rep1 = await signedIn(app, "sales_rep", first.id);
    p1 = {
      id: first.id,
      rep: rep1.client,
      repId: rep1.user.id,
      tech: (await signedIn(app, "technician", first.id)).client,
      admin: (await signedIn(app, "partner_admin", first.id)).client,
    };
    p2 = { id: second.id, rep: (await signedIn(app, "sales_rep", second.id)).client };
    await signedIn(app, "technician", second.id);
    const rep3 = await signedIn(app, "sales_rep", third.id);
    p3 = { id: third.id, rep: rep3.client, repId: rep3.user.id };
    await signedIn(app, "technician", third.id);
    // Not in anyone's reach: a deactivated user (who read before leaving), and an archived partner's staff.
    const gone = await createUser(app, { role: "sales_rep", partnerId: first.id, status: "deactivated" });
    await createUser(app, { role: "sales_rep", partnerId: archived.id });
    await app.ctx.db.updateTable("partners").set({ archived_at: nowIso() }).where("id", "=", archived.id).execute();

    goldPost = (await writePost(editor, { title: "Gold programme", audience: { tierIds: [gold] } })).id;
    mustRead = (await writePost(editor, { title: "Reps: new price list", mustRead: true, audience: { tierIds: [gold], roles: ["sales_rep"] } })).id;
    for (const client of [p1.rep, p1.tech, p2.rep, editor]) expect((await client.post(`/api/v1/news/posts/${goldPost}/read`)).statusCode).toBe(200);
    await app.ctx.db
      .insertInto("news_reads")
      .values({ post_id: goldPost, user_id: gone.id, partner_id: first.id, read_at: nowIso(), acknowledged_at: null })
      .execute();
    expect((await p1.rep.post(`/api/v1/news/posts/${mustRead}/acknowledge`)).statusCode).toBe(200);
    // The Silver partner read something last month, nothing this month.
    const silverPost = (await writePost(editor, { title: "Silver news", audience: { tierIds: [silver] } })).id;
    await app.ctx.db
      .insertInto("news_reads")
      .values({ post_id: silverPost, user_id: p3.repId, partner_id: p3.id, read_at: `${previousMonth}-15T10:00:00.000Z`, acknowledged_at: null })
      .execute();
  });
  afterAll(async () => app.close());

  it("reports reach, reads and rates of a post, overall and per partner", async () => {
    const response = await finance.get(`/api/v1/news/posts/${goldPost}/analytics`);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json();
    // Reach: First Gold's three active users and Second Gold's two; reads by three of them.
    expect(figures).toMatchObject({ postId: goldPost, reach: 5, reads: 3, acknowledgements: 0, acknowledgementRate: null });
    expect(figures.readRate).toBeCloseTo(0.6);
    expect(figures.partners).toEqual([
      { partnerId: p2.id, partnerName: "Second Gold", reach: 2, reads: 1, acknowledgements: 0 },
      { partnerId: p1.id, partnerName: "First Gold", reach: 3, reads: 2, acknowledgements: 0 },
    ]);
  });

  it("counts a must-read post's acknowledgements over the roles it is meant for", async () => {
    const figures = (await editor.get(`/api/v1/news/posts/${mustRead}/analytics`)).json();
    expect(figures).toMatchObject({ reach: 2, reads: 1, acknowledgements: 1, readRate: 0.5, acknowledgementRate: 0.5 });
    expect(figures.partners.map((row: { partnerId: string; reach: number }) => [row.partnerId, row.reach])).toEqual(
      expect.arrayContaining([
        [p1.id, 1],
        [p2.id, 1],
      ]),
    );
    const listed = (await editor.get("/api/v1/news/posts?q=price")).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: mustRead, reach: 2, reads: 1, acknowledgements: 1 })]);
  });

  it("gives each partner's share of active users who read news in a month", async () => {
    const response = await finance.get(`/api/v1/news/read-share?month=${thisMonth}`);
    expect(response.statusCode, response.body).toBe(200);
    const { month, partners } = response.json();
    expect(month).toBe(thisMonth);
    const byId = new Map(partners.map((row: { partnerId: string }) => [row.partnerId, row]));
    expect(byId.get(p1.id)).toEqual({ partnerId: p1.id, partnerName: "First Gold", activeUsers: 3, readers: 2, share: 2 / 3 });
    expect(byId.get(p2.id)).toMatchObject({ activeUsers: 2, readers: 1, share: 0.5 });
    expect(byId.get(p3.id)).toMatchObject({ activeUsers: 2, readers: 0, share: 0 });
    expect(partners[0].partnerId).toBe(p3.id);

    const last = (await finance.get(`/api/v1/news/read-share?month=${previousMonth}`)).json();
    expect(last.partners.find((row: { partnerId: string }) => row.partnerId === p3.id)).toMatchObject({ readers: 1, share: 0.5 });
    expect((await finance.get("/api/v1/news/read-share?month=2026-13")).statusCode).toBe(400);
    expect((await p1.admin.get(`/api/v1/news/read-share?month=${thisMonth}`)).statusCode).toBe(403);
    expect((await p1.admin.get(`/api/v1/news/posts/${goldPost}/analytics`)).statusCode).toBe(403);
    expect((await finance.get("/api/v1/news/posts/00000000-0000-7000-8000-000000000000/analytics")).statusCode).toBe(404);
  });

  it("exports the read share over a span of months for the scorecards", async () => {
    const rows = await newsReadShareByPartner(app.ctx.db, { fromMonth: previousMonth, toMonth: thisMonth });
    const byId = new Map(rows.map((row) => [row.partnerId, row]));
    expect(byId.get(p3.id)).toEqual({ partnerId: p3.id, activeUsers: 2, readers: 1, share: 0.5 });
    expect(byId.get(p1.id)).toEqual({ partnerId: p1.id, activeUsers: 3, readers: 2, share: 2 / 3 });
    const some = await newsReadShareByPartner(app.ctx.db, { fromMonth: thisMonth, toMonth: thisMonth, partnerIds: [p2.id] });
    expect(some).toEqual([{ partnerId: p2.id, activeUsers: 2, readers: 1, share: 0.5 }]);
    expect(await newsReadShareByPartner(app.ctx.db, { fromMonth: "2001-01", toMonth: "2001-01", partnerIds: [p2.id] })).toEqual([
      { partnerId: p2.id, activeUsers: 2, readers: 0, share: 0 },
    ]);
  });
});
