import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type ArticleJson, createArticle, createProduct, listedArticleIds } from "../../testing/knowledge.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

describe.each(testEngines)("knowledge base on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let agent: Client;
  let rep: Client;
  let tech: Client;
  let outsider: Client;
  let productId: string;
  let retiredProductId: string;
  let ids: { partner: string; other: string; goldTier: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    agent = (await signedIn(app, "support_agent")).client;
    const tier = await admin.post("/api/v1/tiers", { name: "Gold", rank: 1 });
    expect(tier.statusCode, tier.body).toBe(201);
    const partner = await createPartner(app, { region: "Western Europe", tierId: tier.json().id });
    const other = await createPartner(app, { region: "Asia Pacific" });
    ids = { partner: partner.id, other: other.id, goldTier: tier.json().id };
    rep = (await signedIn(app, "sales_rep", partner.id)).client;
    tech = (await signedIn(app, "technician", partner.id)).client;
    outsider = (await signedIn(app, "technician", other.id)).client;
    productId = await createProduct(admin, "KB-CAM-1");
    retiredProductId = await createProduct(admin, "KB-OLD-1");
    const retired = await admin.patch(`/api/v1/products/${retiredProductId}`, { lifecycle: "end_of_life" });
    expect(retired.statusCode, retired.body).toBe(200);
  });
  afterAll(async () => app.close());

  it("creates an article with products and renders its markdown safely, audited", async () => {
    const article = await createArticle(agent, {
      title: "Camera drops off the network",
      summary: "PoE budget exceeded on the switch.",
      bodyMarkdown: "## Fix\n\nCheck the **PoE budget**. <script>alert(1)</script> [guide](javascript:alert(1))",
      productIds: [productId, retiredProductId],
    });
    expect(article).toMatchObject({ status: "published", viewCount: 0, solvedCount: 0, notSolvedCount: 0, myVote: null, sourceTicketId: null });
    expect(article.bodyHtml).toContain("<h2>Fix</h2>");
    expect(article.bodyHtml).toContain("<strong>PoE budget</strong>");
    expect(article.bodyHtml).not.toContain("<script>");
    expect(article.bodyHtml).toContain("&lt;script&gt;");
    expect(article.bodyHtml).not.toContain('href="javascript');
    expect(article.products.map((product) => product.sku).sort()).toEqual(["KB-CAM-1", "KB-OLD-1"]);

    // Partners see the product they can still buy; the vendor sees every link.
    const seen = (await rep.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson;
    expect(seen.products.map((product) => product.sku)).toEqual(["KB-CAM-1"]);
    expect(seen.productIds.sort()).toEqual([productId, retiredProductId].sort());

    const audit = await app.ctx.db.selectFrom("audit_log").select(["action", "entity_type"]).where("entity_id", "=", article.id).execute();
    expect(audit).toEqual([{ action: "article.create", entity_type: "knowledge_article" }]);
  });

  it("shows partners only published articles whose audience includes them; everything else answers 404", async () => {
    const forAll = await createArticle(agent, { title: "For everyone" });
    const forTier = await createArticle(agent, { title: "For gold", audience: "tiers", audienceTargets: { tierIds: [ids.goldTier] } });
    const forRegion = await createArticle(agent, {
      title: "For Western Europe",
      audience: "regions",
      audienceTargets: { regions: ["Western Europe"] },
    });
    const forPartner = await createArticle(agent, { title: "For our partner", audience: "partners", audienceTargets: { partnerIds: [ids.partner] } });
    const forOther = await createArticle(agent, {
      title: "For the other partner",
      audience: "partners",
      audienceTargets: { partnerIds: [ids.other] },
    });
    const otherRegion = await createArticle(agent, { title: "For Africa", audience: "regions", audienceTargets: { regions: ["Africa"] } });
    const draft = await createArticle(agent, { title: "Still a draft", status: "draft" });
    const archived = await createArticle(agent, { title: "Archived one" });
    expect((await agent.patch(`/api/v1/knowledge/articles/${archived.id}`, { status: "archived" })).statusCode).toBe(200);

    const mine = [forAll, forTier, forRegion, forPartner].map((a) => a.id);
    const hidden = [forOther, otherRegion, draft, archived].map((a) => a.id);
    const repSees = await listedArticleIds(rep);
    for (const id of mine) expect(repSees).toContain(id);
    for (const id of hidden) expect(repSees).not.toContain(id);
    for (const id of mine) expect((await tech.get(`/api/v1/knowledge/articles/${id}`)).statusCode).toBe(200);
    for (const id of hidden) {
      expect((await tech.get(`/api/v1/knowledge/articles/${id}`)).statusCode, id).toBe(404);
      expect((await tech.post(`/api/v1/knowledge/articles/${id}/feedback`, { solved: true })).statusCode, id).toBe(404);
    }
    // The other partner sees its own article, not ours.
    expect((await outsider.get(`/api/v1/knowledge/articles/${forOther.id}`)).statusCode).toBe(200);
    expect((await outsider.get(`/api/v1/knowledge/articles/${forPartner.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/knowledge/articles/${forTier.id}`)).statusCode).toBe(404);

    // Vendor users see everything: drafts and other audiences by default, archived on request.
    const vendorSees = await listedArticleIds(agent);
    for (const id of [...mine, forOther.id, otherRegion.id, draft.id]) expect(vendorSees).toContain(id);
    expect(vendorSees).not.toContain(archived.id);
    expect(await listedArticleIds(agent, "status=archived")).toEqual([archived.id]);
    expect((await agent.get(`/api/v1/knowledge/articles/${draft.id}`)).statusCode).toBe(200);
    // A partner's status filter cannot widen what it sees.
    expect(await listedArticleIds(rep, "status=draft")).not.toContain(draft.id);
    // Audience targets are the vendor's business.
    const partnerView = (await rep.get(`/api/v1/knowledge/articles/${forPartner.id}`)).json() as ArticleJson;
    expect(partnerView.audienceTargets).toEqual({ tierIds: [], regions: [], partnerIds: [] });
    const vendorView = (await agent.get(`/api/v1/knowledge/articles/${forPartner.id}`)).json() as ArticleJson;
    expect(vendorView.audienceTargets.partnerIds).toEqual([ids.partner]);
  });

  it("publishing and unpublishing moves an article in and out of partners' sight, audited", async () => {
    const article = await createArticle(agent, { title: "Publish me", status: "draft" });
    expect((await rep.get(`/api/v1/knowledge/articles/${article.id}`)).statusCode).toBe(404);
    const published = await agent.patch(`/api/v1/knowledge/articles/${article.id}`, { status: "published" });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    expect((await rep.get(`/api/v1/knowledge/articles/${article.id}`)).statusCode).toBe(200);
    expect((await agent.patch(`/api/v1/knowledge/articles/${article.id}`, { status: "draft" })).statusCode).toBe(200);
    expect((await rep.get(`/api/v1/knowledge/articles/${article.id}`)).statusCode).toBe(404);
    const actions = await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", article.id).orderBy("id").execute();
    expect(actions.map((row) => row.action)).toEqual(["article.create", "article.publish", "article.unpublish"]);
  });

  it("counts a partner user's views once per day; vendor opens do not count", async () => {
    const article = await createArticle(agent, { title: "Counting views" });
    const first = (await rep.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson;
    expect(first.viewCount).toBe(1);
    expect(((await rep.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson).viewCount).toBe(1);
    expect(((await tech.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson).viewCount).toBe(2);
    expect(((await agent.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson).viewCount).toBe(2);
    // Yesterday's view does not stop today's from counting.
    await app.ctx.db.updateTable("knowledge_article_views").set({ day: "2000-01-01" }).where("article_id", "=", article.id).execute();
    expect(((await rep.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson).viewCount).toBe(3);
    const listed = (await agent.get("/api/v1/knowledge/articles?q=counting")).json() as { items: ArticleJson[] };
    expect(listed.items.map((item) => [item.id, item.viewCount])).toEqual([[article.id, 3]]);
  });

  it("takes one 'this solved it' answer per user, and changing it moves the counts", async () => {
    const article = await createArticle(agent, { title: "Voting article" });
    const url = `/api/v1/knowledge/articles/${article.id}/feedback`;
    const yes = await rep.post(url, { solved: true });
    expect(yes.statusCode, yes.body).toBe(200);
    expect(yes.json()).toEqual({ viewCount: 0, solvedCount: 1, notSolvedCount: 0, myVote: true });
    expect((await rep.post(url, { solved: true })).json()).toMatchObject({ solvedCount: 1, notSolvedCount: 0, myVote: true });
    expect((await rep.post(url, { solved: false })).json()).toMatchObject({ solvedCount: 0, notSolvedCount: 1, myVote: false });
    expect((await tech.post(url, { solved: true })).json()).toMatchObject({ solvedCount: 1, notSolvedCount: 1, myVote: true });

    const seenByRep = (await rep.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson;
    expect(seenByRep).toMatchObject({ solvedCount: 1, notSolvedCount: 1, myVote: false });
    const seenByAgent = (await agent.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson;
    expect(seenByAgent).toMatchObject({ solvedCount: 1, notSolvedCount: 1, myVote: null });

    // Vendor users read the counts; only partners' answers go into them.
    const vendorVote = await agent.post(url, { solved: true });
    expect(vendorVote.statusCode).toBe(422);
    expect(vendorVote.headers["content-type"]).toContain("application/problem+json");
  });

  it("counts simultaneous answers from many users exactly", async () => {
    const article = await createArticle(agent, { title: "Busy article" });
    const users = await Promise.all(Array.from({ length: 6 }, () => signedIn(app, "technician", ids.partner)));
    const url = `/api/v1/knowledge/articles/${article.id}/feedback`;
    await Promise.all(users.map(({ client }, index) => client.post(url, { solved: index % 3 !== 0 })));
    // Everyone changes their mind at once, twice over for the first user.
    await Promise.all([
      ...users.map(({ client }, index) => client.post(url, { solved: index % 3 === 0 })),
      users[0]?.client.post(url, { solved: true }),
    ]);
    const counts = (await agent.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson;
    const votes = await app.ctx.db.selectFrom("knowledge_article_votes").select("solved").where("article_id", "=", article.id).execute();
    expect(votes).toHaveLength(6);
    expect(counts.solvedCount + counts.notSolvedCount).toBe(6);
    expect(counts.solvedCount).toBe(votes.filter((vote) => vote.solved === 1).length);
  });

  it("rejects bad input as problem+json naming the body fields, and changes nothing", async () => {
    const auditBefore = await app.ctx.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const cases: [payload: Record<string, unknown>, path: string][] = [
      [{ title: "" }, "body.title"],
      [{ title: "x", status: "live" }, "body.status"],
      [{ title: "x", productIds: ["no-such-product"] }, "body.productIds"],
      [{ title: "x", audience: "tiers" }, "body.audienceTargets"],
      [{ title: "x", audience: "partners", audienceTargets: { partnerIds: ["nobody"] } }, "body.audienceTargets.partnerIds"],
      [{ title: "x", audience: "tiers", audienceTargets: { tierIds: ["no-tier"] } }, "body.audienceTargets.tierIds"],
      [{ title: "x", audienceTargets: { regions: ["Atlantis"] } }, "body.audienceTargets.regions.0"],
      [{ title: "x", colour: "red" }, "body"],
    ];
    for (const [payload, path] of cases) {
      const response = await agent.post("/api/v1/knowledge/articles", payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      const paths = (response.json().fields as { path: string }[]).map((field) => field.path);
      expect(paths, JSON.stringify(payload)).toContain(path);
    }
    const article = await createArticle(agent, { title: "Valid", status: "draft", bodyMarkdown: "" });
    const patched = await agent.patch(`/api/v1/knowledge/articles/${article.id}`, { productIds: ["missing"] });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().fields).toEqual([{ path: "body.productIds", message: expect.stringContaining("missing") }]);
    // An empty article cannot be published.
    expect((await agent.patch(`/api/v1/knowledge/articles/${article.id}`, { status: "published" })).statusCode).toBe(422);
    const feedback = await rep.post(`/api/v1/knowledge/articles/${article.id}/feedback`, { solved: "yes" });
    expect(feedback.statusCode).toBe(400);
    expect(feedback.json().fields.map((field: { path: string }) => field.path)).toEqual(["body.solved"]);
    const auditAfter = await app.ctx.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    // Only the one valid create was audited.
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1);
  });

  it("lets only knowledge writers change articles", async () => {
    const article = await createArticle(agent, { title: "Guarded" });
    expect((await rep.post("/api/v1/knowledge/articles", { title: "Mine" })).statusCode).toBe(403);
    expect((await rep.patch(`/api/v1/knowledge/articles/${article.id}`, { title: "Changed" })).statusCode).toBe(403);
    const finance = (await signedIn(app, "finance")).client;
    expect((await finance.patch(`/api/v1/knowledge/articles/${article.id}`, { title: "Changed" })).statusCode).toBe(403);
    const marketing = (await signedIn(app, "marketing")).client;
    const changed = await marketing.patch(`/api/v1/knowledge/articles/${article.id}`, { title: "Changed by marketing" });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().updatedByName).toContain("marketing");
  });

  it("records the source ticket, shows it to the vendor only, and filters by it", async () => {
    const { createArticle: createFromService } = await import("./knowledge.service.js");
    const actor = { kind: "token", tokenId: "system", role: "support_agent", partnerId: null, name: "desk" } as const;
    const article = await createFromService(app.ctx, actor, {
      title: "From ticket T-1",
      bodyMarkdown: "Resolved by a reboot.",
      sourceTicketId: "ticket-1",
      status: "published",
    });
    expect(article).toMatchObject({ sourceTicketId: "ticket-1", status: "published" });
    expect(await listedArticleIds(agent, "sourceTicketId=ticket-1")).toEqual([article.id]);
    expect(((await rep.get(`/api/v1/knowledge/articles/${article.id}`)).json() as ArticleJson).sourceTicketId).toBeNull();
    await expect(createFromService(app.ctx, actor, { title: "" })).rejects.toMatchObject({ status: 400 });
  });

  it("renders a preview for the editor", async () => {
    const preview = await agent.post("/api/v1/knowledge/preview", { bodyMarkdown: "# Title\n\n<b>raw</b>" });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().bodyHtml).toBe("<h1>Title</h1>\n<p>&lt;b&gt;raw&lt;/b&gt;</p>\n");
  });

  it("pages through the list with a cursor, newest first", async () => {
    const made: string[] = [];
    for (const n of [1, 2, 3]) made.push((await createArticle(agent, { title: `Pagedarticle ${n}` })).id);
    const first = await rep.get("/api/v1/knowledge/articles?q=pagedarticle&sort=newest&limit=2");
    const page1 = first.json() as { items: { id: string }[]; nextCursor: string | null };
    expect(page1.items.map((item) => item.id)).toEqual([made[2], made[1]]);
    expect(page1.nextCursor).not.toBeNull();
    const second = await rep.get(`/api/v1/knowledge/articles?q=pagedarticle&sort=newest&limit=2&cursor=${page1.nextCursor}`);
    expect(second.json()).toEqual({ items: [expect.objectContaining({ id: made[0] })], nextCursor: null });
    expect((await rep.get("/api/v1/knowledge/articles?cursor=garbage")).statusCode).toBe(400);
  });
});
