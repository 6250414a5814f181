import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createAsset, publishedPageAsset } from "../../testing/library.js";
import { type Client, createTier, feedOf, minutesFromNow, type PostDetailJson, writePost } from "../../testing/news-posts.js";
import { createProductFixture } from "../../testing/support-fixtures.js";
import { newsMustReadJob } from "./news.jobs.js";

describe.each(testEngines)("news posts on %s", (engine) => {
  let app: TestApp;
  let editor: Client;
  let goldRep: Client;
  let silverRep: Client;
  let ids: { gold: string; silver: string; goldPartner: string; silverPartner: string; editor: string; goldRep: string; goldTech: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    const gold = await createTier(app, "Gold", 2);
    const silver = await createTier(app, "Silver", 1);
    const goldPartner = await createPartner(app, { name: "Gold Reseller", tierId: gold, region: "Western Europe" });
    const silverPartner = await createPartner(app, { name: "Silver Reseller", tierId: silver, region: "North America" });
    const marketing = await signedIn(app, "marketing");
    editor = marketing.client;
    const goldSession = await signedIn(app, "sales_rep", goldPartner.id);
    goldRep = goldSession.client;
    silverRep = (await signedIn(app, "sales_rep", silverPartner.id)).client;
    const goldTech = await signedIn(app, "technician", goldPartner.id);
    ids = {
      gold,
      silver,
      goldPartner: goldPartner.id,
      silverPartner: silverPartner.id,
      editor: marketing.user.id,
      goldRep: goldSession.user.id,
      goldTech: goldTech.user.id,
    };
  });
  afterAll(async () => app.close());

  const auditActions = async (entityId: string) =>
    (await app.ctx.db.selectFrom("audit_log").select("action").where("entity_id", "=", entityId).orderBy("id").execute()).map((row) => row.action);
  const count = async (table: "news_posts" | "audit_log" | "notifications") =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("writes a draft, publishes it and archives it, auditing each change", async () => {
    const draft = await writePost(editor, { title: "Spring launch", bodyMarkdown: "**New** cameras", status: "draft", category: "products" });
    expect(draft).toMatchObject({ status: "draft", state: "draft", publishAt: null, bodyMarkdown: "**New** cameras", canComment: false });
    expect((await goldRep.get(`/api/v1/news/posts/${draft.id}`)).statusCode).toBe(404);
    expect((await feedOf(goldRep)).items.map((item) => item.id)).not.toContain(draft.id);

    const before = Date.now();
    const published = await editor.patch(`/api/v1/news/posts/${draft.id}`, { status: "published" });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", state: "published" });
    expect(Date.parse(published.json().publishAt)).toBeGreaterThanOrEqual(before - 1000);

    const asReader = await goldRep.get(`/api/v1/news/posts/${draft.id}`);
    expect(asReader.statusCode).toBe(200);
    expect(asReader.json()).toMatchObject({ title: "Spring launch", bodyMarkdown: null, canComment: true, read: false });
    expect(asReader.json().bodyHtml).toContain("<strong>New</strong>");
    expect(asReader.json().audience).toEqual({ tierIds: [], regions: [], partnerIds: [], roles: [] });

    const archived = await editor.patch(`/api/v1/news/posts/${draft.id}`, { status: "archived" });
    expect(archived.json()).toMatchObject({ status: "archived", state: "archived" });
    expect((await goldRep.get(`/api/v1/news/posts/${draft.id}`)).statusCode).toBe(404);
    expect(await auditActions(draft.id)).toEqual(["news_post.create", "news_post.update", "news_post.archive"]);
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select(["before_json", "after_json"])
      .where("entity_id", "=", draft.id)
      .where("action", "=", "news_post.update")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? "{}")).toMatchObject({ status: "draft", publish_at: null });
    expect(JSON.parse(audit.after_json ?? "{}")).toMatchObject({ status: "published" });
  });

  it("schedules a post: invisible to partners until its time, then in the feed", async () => {
    const scheduled = await writePost(editor, { title: "Next week's webinar", publishAt: minutesFromNow(60) });
    expect(scheduled.state).toBe("scheduled");
    expect((await goldRep.get(`/api/v1/news/posts/${scheduled.id}`)).statusCode).toBe(404);
    expect((await feedOf(goldRep)).items.map((item) => item.id)).not.toContain(scheduled.id);
    const list = await editor.get("/api/v1/news/posts?status=scheduled");
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([scheduled.id]);

    await app.ctx.db
      .updateTable("news_posts")
      .set({ publish_at: minutesFromNow(-1) })
      .where("id", "=", scheduled.id)
      .execute();
    expect((await goldRep.get(`/api/v1/news/posts/${scheduled.id}`)).statusCode).toBe(200);
    expect((await feedOf(goldRep)).items.map((item) => item.id)).toContain(scheduled.id);
  });

  it("expires a post: it leaves the feed and the editors see it as expired", async () => {
    const expiring = await writePost(editor, { title: "Flash promotion", category: "promotions", expiresAt: minutesFromNow(30) });
    expect(expiring.expiresAt).not.toBeNull();
    expect((await goldRep.get(`/api/v1/news/posts/${expiring.id}`)).statusCode).toBe(200);
    await app.ctx.db
      .updateTable("news_posts")
      .set({ expires_at: minutesFromNow(-1) })
      .where("id", "=", expiring.id)
      .execute();
    expect((await goldRep.get(`/api/v1/news/posts/${expiring.id}`)).statusCode).toBe(404);
    expect((await feedOf(goldRep)).items.map((item) => item.id)).not.toContain(expiring.id);
    const expired = await editor.get("/api/v1/news/posts?status=expired");
    expect(expired.json().items).toEqual([expect.objectContaining({ id: expiring.id, state: "expired" })]);
    // Vendor users still open it (editors, the preview).
    expect((await editor.get(`/api/v1/news/posts/${expiring.id}`)).json().state).toBe("expired");
  });

  it("keeps a post to its audience: a tier, a named partner, a role", async () => {
    const forGold = await writePost(editor, { title: "Gold only", audience: { tierIds: [ids.gold] } });
    const forSilverByName = await writePost(editor, { title: "Silver by name", audience: { partnerIds: [ids.silverPartner] } });
    const forTechnicians = await writePost(editor, { title: "Technicians", audience: { roles: ["technician"] } });
    expect((await goldRep.get(`/api/v1/news/posts/${forGold.id}`)).statusCode).toBe(200);
    expect((await silverRep.get(`/api/v1/news/posts/${forGold.id}`)).statusCode).toBe(404);
    expect((await silverRep.get(`/api/v1/news/posts/${forSilverByName.id}`)).statusCode).toBe(200);
    expect((await goldRep.get(`/api/v1/news/posts/${forSilverByName.id}`)).statusCode).toBe(404);
    expect((await goldRep.get(`/api/v1/news/posts/${forTechnicians.id}`)).statusCode).toBe(404);
    expect((await editor.get(`/api/v1/news/posts/${forSilverByName.id}`)).json().audience).toEqual({
      tierIds: [],
      regions: [],
      partnerIds: [ids.silverPartner],
      roles: [],
    });
    // news_post_keys follows every save: moving the post to Silver swaps who sees it.
    const moved = await editor.patch(`/api/v1/news/posts/${forGold.id}`, { audience: { tierIds: [ids.silver] } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await goldRep.get(`/api/v1/news/posts/${forGold.id}`)).statusCode).toBe(404);
    expect((await silverRep.get(`/api/v1/news/posts/${forGold.id}`)).statusCode).toBe(200);
    const keys = await app.ctx.db.selectFrom("news_post_keys").select("key").where("post_id", "=", forGold.id).execute();
    expect(keys.map((row) => row.key)).toEqual([`tier:${ids.silver}`]);
  });

  it("links products and assets, showing partners only the assets meant for them", async () => {
    const product = await createProductFixture(app, { name: "Dome 4K" });
    const forEveryone = await publishedPageAsset(editor, { title: "Dome 4K pitch" }, "Pitch it");
    const forSilver = await publishedPageAsset(
      editor,
      { title: "Silver price list", audience: "partners", audienceTargets: { partnerIds: [ids.silverPartner] } },
      "x",
    );
    const draftAsset = await createAsset(editor, { title: "Unreleased", format: "page", type: "sales_script", bodyMarkdown: "x" });
    const post = await writePost(editor, { productIds: [product.id], assetIds: [forEveryone.id, forSilver.id, draftAsset.id] });
    expect(post.products).toEqual([{ id: product.id, sku: product.sku, name: "Dome 4K" }]);
    expect(post.assets.map((asset) => asset.title).sort()).toEqual(["Dome 4K pitch", "Silver price list", "Unreleased"]);
    const asGold = (await goldRep.get(`/api/v1/news/posts/${post.id}`)).json() as PostDetailJson;
    expect(asGold.assets).toEqual([{ id: forEveryone.id, title: "Dome 4K pitch" }]);
    const asSilver = (await silverRep.get(`/api/v1/news/posts/${post.id}`)).json() as PostDetailJson;
    expect(asSilver.assets.map((asset) => asset.title)).toEqual(["Dome 4K pitch", "Silver price list"]);
  });

  it("renders markdown safely: HTML escaped, images only from the app's own image paths", async () => {
    const own = "/api/v1/news/images/0190a0b0-0000-7000-8000-000000000001";
    const post = await writePost(editor, {
      bodyMarkdown: `<script>alert(1)</script>\n\n![ours](${own}) ![pixel](https://tracker.example/p.gif) [bad](javascript:alert(1)) [good](https://example.com)`,
    });
    expect(post.bodyHtml).not.toContain("<script>");
    expect(post.bodyHtml).toContain("&lt;script&gt;");
    expect(post.bodyHtml).toContain(`<img src="${own}" alt="ours" loading="lazy">`);
    expect(post.bodyHtml).not.toContain("tracker.example");
    expect(post.bodyHtml).not.toContain('href="javascript');
    expect(post.bodyHtml).toContain('rel="noopener noreferrer nofollow"');
    expect(post.excerpt).not.toContain("tracker.example");
  });

  it("previews a body with the same rules, storing nothing", async () => {
    const before = await count("news_posts");
    const preview = await editor.post("/api/v1/news/preview", { bodyMarkdown: "**Bold** <b>raw</b>" });
    expect(preview.statusCode).toBe(200);
    const { bodyHtml } = preview.json() as { bodyHtml: string };
    expect(bodyHtml).toContain("<strong>Bold</strong>");
    expect(bodyHtml).toContain("&lt;b&gt;raw&lt;/b&gt;");
    expect(await count("news_posts")).toBe(before);
    expect((await goldRep.post("/api/v1/news/preview", { bodyMarkdown: "x" })).statusCode).toBe(403);
  });

  it("tells a must-read post's audience once, when it goes live", async () => {
    const notices = (postId: string) =>
      app.ctx.db
        .selectFrom("notifications")
        .select(["user_id", "kind", "link"])
        .where("source_id", "=", postId)
        .where("kind", "=", "news_must_read")
        .execute();
    const now = await writePost(editor, { title: "Firmware recall", mustRead: true, audience: { tierIds: [ids.gold] } });
    const told = await notices(now.id);
    // The Gold partner's rep and technician (and the editor's own test users of Gold) only: not Silver, not the vendor.
    expect(told.map((row) => row.user_id).sort()).toEqual([ids.goldRep, ids.goldTech].sort());
    expect(told[0]?.link).toBe(`/portal/news/${now.id}`);
    await editor.patch(`/api/v1/news/posts/${now.id}`, { title: "Firmware recall (updated)" });
    expect(await notices(now.id)).toHaveLength(2);

    const later = await writePost(editor, {
      title: "Price change",
      mustRead: true,
      publishAt: minutesFromNow(30),
      audience: { roles: ["technician"] },
    });
    await newsMustReadJob.run(app.ctx);
    expect(await notices(later.id)).toHaveLength(0);
    await app.ctx.db
      .updateTable("news_posts")
      .set({ publish_at: minutesFromNow(-1) })
      .where("id", "=", later.id)
      .execute();
    await newsMustReadJob.run(app.ctx);
    await newsMustReadJob.run(app.ctx);
    expect((await notices(later.id)).map((row) => row.user_id)).toEqual([ids.goldTech]);
    const stored = await app.ctx.db.selectFrom("news_posts").select("must_read_notified_at").where("id", "=", later.id).executeTakeFirstOrThrow();
    expect(stored.must_read_notified_at).not.toBeNull();
  });

  it("lists posts for editors by state, category and words, with reach and reads", async () => {
    const tagged = await writePost(editor, { title: "Zürich training days", category: "training", audience: { tierIds: [ids.gold] } });
    await goldRep.post(`/api/v1/news/posts/${tagged.id}/read`);
    const found = await editor.get("/api/v1/news/posts?category=training&q=zurich");
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toEqual([
      expect.objectContaining({
        id: tagged.id,
        state: "published",
        reach: 2,
        reads: 1,
        acknowledgements: 0,
        author: { id: ids.editor, name: expect.any(String) },
      }),
    ]);
    const drafts = await editor.get("/api/v1/news/posts?status=draft");
    expect(drafts.json().items.every((item: { state: string }) => item.state === "draft")).toBe(true);
    const archived = await editor.get("/api/v1/news/posts?status=archived");
    expect(archived.json().items.length).toBeGreaterThan(0);
    const everything = await editor.get("/api/v1/news/posts?limit=2");
    expect(everything.json().items).toHaveLength(2);
    const next = await editor.get(`/api/v1/news/posts?limit=100&cursor=${everything.json().nextCursor}`);
    const pages = [...everything.json().items, ...next.json().items].map((item: { id: string }) => item.id);
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages).not.toContain(archived.json().items[0].id);
    expect((await goldRep.get("/api/v1/news/posts")).statusCode).toBe(403);
  });

  it("answers bad input with 400 problem+json naming the field, and changes nothing", async () => {
    const post = await writePost(editor, { title: "Unchanged" });
    const before = { posts: await count("news_posts"), audit: await count("audit_log") };
    const cases: [unknown, string][] = [
      [{ title: "", category: "company" }, "body.title"],
      [{ title: "x", category: "gossip" }, "body.category"],
      [{ title: "x", category: "company", audience: { tierIds: ["no-such-tier"] } }, "body.audience.tierIds"],
      [{ title: "x", category: "company", audience: { roles: ["marketing"] } }, "body.audience.roles.0"],
      [{ title: "x", category: "company", productIds: ["no-such-product"] }, "body.productIds"],
      [{ title: "x", category: "company", publishAt: minutesFromNow(60), expiresAt: minutesFromNow(30) }, "body.expiresAt"],
      [{ title: "x", category: "company", publishAt: "tomorrow" }, "body.publishAt"],
    ];
    for (const [body, field] of cases) {
      const response = await editor.post("/api/v1/news/posts", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const patch = await editor.patch(`/api/v1/news/posts/${post.id}`, { title: "Changed", expiresAt: "2000-01-01T00:00:00Z" });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().fields).toEqual([expect.objectContaining({ path: "body.expiresAt" })]);
    expect({ posts: await count("news_posts"), audit: await count("audit_log") }).toEqual(before);
    expect((await editor.get(`/api/v1/news/posts/${post.id}`)).json().title).toBe("Unchanged");
  });
});
