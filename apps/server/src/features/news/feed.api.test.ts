import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type Client, createTier, feedOf, minutesFromNow, wholeFeed, writePost } from "../../testing/news-posts.js";

describe.each(testEngines)("news feed on %s", (engine) => {
  let app: TestApp;
  let editor: Client;
  let ids: { gold: string; silver: string };

  beforeAll(async () => {
    app = await createTestApp(engine);
    editor = (await signedIn(app, "marketing")).client;
    ids = { gold: await createTier(app, "Gold", 2), silver: await createTier(app, "Silver", 1) };
  });
  afterAll(async () => app.close());

  /** A partner of its own with one signed-in rep, so each test reads a feed nobody else touches. */
  async function reader(tier: "gold" | "silver" | null = null) {
    const partner = await createPartner(app, { tierId: tier ? ids[tier] : null, region: "Western Europe" });
    const rep = await signedIn(app, "sales_rep", partner.id);
    return { partnerId: partner.id, userId: rep.user.id, client: rep.client };
  }
  const setPublishAt = (id: string, at: string) => app.ctx.db.updateTable("news_posts").set({ publish_at: at }).where("id", "=", id).execute();

  it("puts pinned posts first, then the newest, across pages", async () => {
    const rep = await reader();
    const named = { audience: { partnerIds: [rep.partnerId] } };
    const oldest = await writePost(editor, { ...named, title: "Oldest" });
    const pinnedOld = await writePost(editor, { ...named, title: "Pinned old", pinned: true });
    const middle = await writePost(editor, { ...named, title: "Middle" });
    const pinnedNew = await writePost(editor, { ...named, title: "Pinned new", pinned: true });
    const newest = await writePost(editor, { ...named, title: "Newest" });
    const times = [oldest, pinnedOld, middle, pinnedNew, newest].map((post, index) => [post.id, minutesFromNow(-100 + index * 10)] as const);
    for (const [id, at] of times) await setPublishAt(id, at);
    // A tie on publish_at is broken by id, so paging never skips or repeats a post.
    await setPublishAt(middle.id, times[0]?.[1] as string);
    const mine = new Set([oldest.id, pinnedOld.id, middle.id, pinnedNew.id, newest.id]);
    const order = (await wholeFeed(rep.client, "", 2)).filter((post) => mine.has(post.id)).map((post) => post.title);
    const expected = ["Pinned new", "Pinned old", "Newest", middle.id > oldest.id ? "Middle" : "Oldest", middle.id > oldest.id ? "Oldest" : "Middle"];
    expect(order).toEqual(expected);
    const first = await feedOf(rep.client, "limit=1");
    expect(first.items[0]?.title).toBe("Pinned new");
    expect(first.nextCursor).not.toBeNull();
    expect((await rep.client.get("/api/v1/news/feed?cursor=not-a-cursor")).statusCode).toBe(400);
  });

  it("filters by category and finds words in titles and bodies, whatever their accents or case", async () => {
    const rep = await reader();
    const named = { audience: { partnerIds: [rep.partnerId] } };
    const cologne = await writePost(editor, { ...named, title: "Videoüberwachung in Köln", category: "target_markets" });
    const body = await writePost(editor, {
      ...named,
      title: "Plain title",
      bodyMarkdown: "The **Café** chain rolls out NVRs",
      category: "installed_base",
    });
    const other = await writePost(editor, { ...named, title: "Something else", category: "target_markets" });
    const search = async (query: string) => (await feedOf(rep.client, query)).items.map((post) => post.id);
    expect(await search("q=KOLN")).toEqual([cologne.id]);
    expect(await search("q=uberwachung koln")).toEqual([cologne.id]);
    expect(await search("q=cafe%20nvrs")).toEqual([body.id]);
    expect(await search("q=xyzzy")).toEqual([]);
    expect((await search("category=target_markets")).filter((id) => id !== cologne.id && id !== other.id)).toEqual([]);
    expect(await search("category=target_markets")).toEqual(expect.arrayContaining([cologne.id, other.id]));
    expect(await search("category=target_markets&q=else")).toEqual([other.id]);
    expect((await rep.client.get("/api/v1/news/feed?category=gossip")).statusCode).toBe(400);
  });

  it("records the first open once, with the partner, and counts and filters unread posts", async () => {
    const rep = await reader("silver");
    const named = { audience: { partnerIds: [rep.partnerId] } };
    const before = (await feedOf(rep.client)).unreadCount;
    const first = await writePost(editor, { ...named, title: "First" });
    const second = await writePost(editor, { ...named, title: "Second" });
    expect((await feedOf(rep.client)).unreadCount).toBe(before + 2);

    const opened = await rep.client.post(`/api/v1/news/posts/${first.id}/read`);
    expect(opened.statusCode, opened.body).toBe(200);
    const again = await rep.client.post(`/api/v1/news/posts/${first.id}/read`);
    expect(again.json().readAt).toBe(opened.json().readAt);
    // Vendor users' opens (editors previewing) are not recorded: every read counted is a partner's.
    expect((await editor.post(`/api/v1/news/posts/${first.id}/read`)).json()).toEqual({ readAt: null });
    const stored = await app.ctx.db.selectFrom("news_reads").selectAll().where("post_id", "=", first.id).execute();
    expect(stored).toEqual([expect.objectContaining({ user_id: rep.userId, partner_id: rep.partnerId, acknowledged_at: null })]);

    const feed = await feedOf(rep.client);
    expect(feed.unreadCount).toBe(before + 1);
    expect(feed.items.find((post) => post.id === first.id)?.read).toBe(true);
    expect(feed.items.find((post) => post.id === second.id)?.read).toBe(false);
    const unread = (await feedOf(rep.client, "unread=true")).items.map((post) => post.id);
    expect(unread).toContain(second.id);
    expect(unread).not.toContain(first.id);
    expect((await rep.client.get(`/api/v1/news/posts/${first.id}`)).json()).toMatchObject({ read: true, readAt: opened.json().readAt });

    // The badge counts the last 90 days; an older unread post stays in the feed without nagging.
    const old = await writePost(editor, { ...named, title: "Last year" });
    await setPublishAt(old.id, minutesFromNow(-91 * 24 * 60));
    const after = await feedOf(rep.client, "unread=true&limit=100");
    expect(after.items.map((post) => post.id)).toContain(old.id);
    expect(after.unreadCount).toBe(before + 1);
  });

  it("lists must-read posts until they are acknowledged with one click", async () => {
    const rep = await reader();
    const named = { audience: { partnerIds: [rep.partnerId] } };
    const mustRead = await writePost(editor, { ...named, title: "Safety notice", mustRead: true, category: "support_notices" });
    const ordinary = await writePost(editor, { ...named, title: "Ordinary" });
    const listed = await rep.client.get("/api/v1/news/must-read");
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((post: { id: string }) => post.id)).toContain(mustRead.id);
    expect(listed.json().items.map((post: { id: string }) => post.id)).not.toContain(ordinary.id);

    const refused = await rep.client.post(`/api/v1/news/posts/${ordinary.id}/acknowledge`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("business_rule");

    const acked = await rep.client.post(`/api/v1/news/posts/${mustRead.id}/acknowledge`);
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json()).toEqual({ readAt: expect.any(String), acknowledgedAt: expect.any(String) });
    const twice = await rep.client.post(`/api/v1/news/posts/${mustRead.id}/acknowledge`);
    expect(twice.json()).toEqual(acked.json());
    expect((await rep.client.get("/api/v1/news/must-read")).json().items.map((post: { id: string }) => post.id)).not.toContain(mustRead.id);
    const inFeed = (await feedOf(rep.client)).items.find((post) => post.id === mustRead.id);
    expect(inFeed).toMatchObject({ mustRead: true, read: true, acknowledged: true });
  });

  it("follows a partner that moves tier, and keeps other partners' posts out of its feed", async () => {
    const rep = await reader("silver");
    const other = await reader("silver");
    const forGold = await writePost(editor, { title: "Gold news", audience: { tierIds: [ids.gold] } });
    const forSilver = await writePost(editor, { title: "Silver news", audience: { tierIds: [ids.silver] } });
    const forOther = await writePost(editor, { title: "Other's news", audience: { partnerIds: [other.partnerId] } });
    const draft = await writePost(editor, { title: "Draft", status: "draft" });
    const seen = async () => new Set((await wholeFeed(rep.client, "", 100)).map((post) => post.id));
    let feed = await seen();
    expect([feed.has(forGold.id), feed.has(forSilver.id), feed.has(forOther.id), feed.has(draft.id)]).toEqual([false, true, false, false]);
    for (const id of [forGold.id, forOther.id]) {
      expect((await rep.client.post(`/api/v1/news/posts/${id}/read`)).statusCode).toBe(404);
      expect((await rep.client.post(`/api/v1/news/posts/${id}/acknowledge`)).statusCode).toBe(404);
    }
    await app.ctx.db.updateTable("partners").set({ tier_id: ids.gold }).where("id", "=", rep.partnerId).execute();
    feed = await seen();
    expect([feed.has(forGold.id), feed.has(forSilver.id)]).toEqual([true, false]);

    // Vendor users read every live post, whatever its audience, but not drafts in the feed.
    const vendorFeed = new Set((await wholeFeed(editor, "", 100)).map((post) => post.id));
    expect([vendorFeed.has(forGold.id), vendorFeed.has(forOther.id), vendorFeed.has(draft.id)]).toEqual([true, true, false]);
  });
});
