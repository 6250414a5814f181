import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createTier } from "../../testing/news-posts.js";
import { addMinutes, insertPost } from "./digest-fixtures.js";

type XmlNode = Record<string, unknown>;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const textOf = (node: unknown): string => (typeof node === "object" && node !== null ? String((node as XmlNode)["#text"] ?? "") : String(node ?? ""));

/** The Atom 1.0 (RFC 4287) rules a reader relies on, checked on the XML itself. */
function checkAtomRules(xml: string, selfUrl: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => name === "entry" || name === "link" }).parse(
    xml,
  );
  const feed = parsed.feed as XmlNode;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(textOf(feed.id)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  expect(textOf(feed.title)).not.toBe("");
  expect(textOf(feed.updated)).toMatch(rfc3339);
  const links = asArray(feed.link as XmlNode[]);
  expect(links.filter((link) => link["@rel"] === "self").map((link) => link["@href"])).toEqual([selfUrl]);
  const entries = asArray(feed.entry as XmlNode[]);
  // A feed without an author needs one on every entry.
  expect(feed.author ?? entries.every((entry) => entry.author)).toBeTruthy();
  const ids = entries.map((entry) => textOf(entry.id));
  expect(new Set(ids).size).toBe(ids.length);
  for (const entry of entries) {
    expect(textOf(entry.id)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(textOf(entry.title)).not.toBe("");
    expect(textOf(entry.updated)).toMatch(rfc3339);
    const alternate = asArray(entry.link as XmlNode[]).filter((link) => (link["@rel"] ?? "alternate") === "alternate");
    expect(alternate).toHaveLength(1);
    expect(alternate[0]?.["@href"]).toBe(`http://localhost:3000/portal/news/${textOf(entry.id).slice("urn:uuid:".length)}`);
  }
  return { feed, entries };
}

describe.each(testEngines)("Atom feed on %s", (engine) => {
  let app: TestApp;
  let rep: Awaited<ReturnType<typeof signedIn>>;
  let marketing: Awaited<ReturnType<typeof signedIn>>;
  const posts: Record<string, string> = {};
  const ago = (minutes: number) => addMinutes(new Date().toISOString(), -minutes);

  beforeAll(async () => {
    app = await createTestApp(engine);
    const gold = await createTier(app, "Gold", 1);
    const silver = await createTier(app, "Silver", 2);
    const own = await createPartner(app, { tierId: gold, region: "EMEA" });
    const other = await createPartner(app, { tierId: silver, region: "EMEA" });
    rep = await signedIn(app, "sales_rep", own.id);
    marketing = await signedIn(app, "marketing");
    const db = app.ctx.db;
    posts.everyone = await insertPost(db, {
      title: "Price list <2026> & terms",
      body: "**New prices** from May.\n\n<script>alert(1)</script>",
      publishAt: ago(60),
      mustRead: true,
    });
    posts.gold = await insertPost(db, { title: "Gold bonus", publishAt: ago(50), tierIds: [gold] });
    posts.goldEmea = await insertPost(db, { title: "Gold in EMEA", publishAt: ago(45), tierIds: [gold], regions: ["EMEA"] });
    posts.silver = await insertPost(db, { title: "Silver bonus", publishAt: ago(40), tierIds: [silver] });
    posts.other = await insertPost(db, { title: "For the other partner", publishAt: ago(30), partnerIds: [other.id] });
    posts.named = await insertPost(db, { title: "Named: us", publishAt: ago(25), partnerIds: [own.id], tierIds: [silver] });
    posts.techs = await insertPost(db, { title: "Technicians only", publishAt: ago(20), roles: ["technician"] });
    posts.reps = await insertPost(db, { title: "Reps and admins", publishAt: ago(15), roles: ["partner_admin", "sales_rep"] });
    posts.draft = await insertPost(db, { title: "Draft", publishAt: ago(10), status: "draft" });
    posts.expired = await insertPost(db, { title: "Expired", publishAt: ago(100), expiresAt: ago(5) });
    posts.scheduled = await insertPost(db, { title: "Tomorrow", publishAt: ago(-24 * 60) });
  });
  afterAll(async () => app.close());

  const fetchFeed = (url: string) => app.app.inject({ method: "GET", url: new URL(url).pathname });

  async function newFeedUrl(client = rep.client) {
    const created = await client.post("/api/v1/news/feed-token");
    expect(created.statusCode, created.body).toBe(201);
    return (created.json() as { url: string }).url;
  }

  it("serves the owner's audience only, as valid Atom 1.0, without a session", async () => {
    const url = await newFeedUrl();
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/news\/atom\/tnf_[A-Za-z0-9_-]{43}$/);
    const state = (await rep.client.get("/api/v1/news/feed-token")).json();
    expect(state).toMatchObject({ active: true, prefix: url.slice(url.lastIndexOf("/") + 1, url.lastIndexOf("/") + 11) });

    const response = await fetchFeed(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const { entries } = checkAtomRules(response.body, url);

    const feed = parseFeed(response.body);
    expect(feed.meta.type).toBe("atom");
    expect(feed.self).toBe(url);
    expect(feed.title).toContain("partner news");
    // The feed's updated is its newest entry's.
    expect(feed.updated?.toISOString()).toBe((await postTimes(posts.reps as string)).updated_at);
    // Newest first; only what a Gold EMEA sales rep may see.
    expect(feed.items.map((item) => item.id)).toEqual(
      [posts.reps, posts.named, posts.goldEmea, posts.gold, posts.everyone].map((id) => `urn:uuid:${id}`),
    );
    expect(entries).toHaveLength(5);
    const priceList = feed.items.find((item) => item.id === `urn:uuid:${posts.everyone}`);
    expect(priceList?.title).toBe("Price list <2026> & terms");
    expect(priceList?.url).toBe(`http://localhost:3000/portal/news/${posts.everyone}`);
    expect(priceList?.content).toContain("<strong>New prices</strong>");
    expect(priceList?.content).toContain("Must read");
    // Raw HTML in a body is escaped by the markdown renderer before it goes into the feed.
    expect(response.body).not.toContain("<script>");
    expect(response.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(priceList?.updated?.toISOString()).toBe(
      new Date(Date.parse((await postTimes(posts.everyone as string)).publish_at as string)).toISOString(),
    );
  });

  async function postTimes(id: string) {
    return app.ctx.db.selectFrom("news_posts").select(["publish_at", "updated_at"]).where("id", "=", id).executeTakeFirstOrThrow();
  }

  it("carries every visible post for vendor staff, and at most the 50 newest", async () => {
    for (let i = 0; i < 52; i++) await insertPost(app.ctx.db, { title: `Bulk ${i}`, publishAt: ago(200 + i) });
    const url = await newFeedUrl(marketing.client);
    const response = await fetchFeed(url);
    expect(response.statusCode).toBe(200);
    const { entries } = checkAtomRules(response.body, url);
    expect(entries).toHaveLength(50);
    const ids = parseFeed(response.body).items.map((item) => item.id);
    for (const key of ["silver", "other", "techs"]) expect(ids).toContain(`urn:uuid:${posts[key]}`);
    for (const key of ["draft", "expired", "scheduled"]) expect(ids).not.toContain(`urn:uuid:${posts[key]}`);
    // Eight posts of the setup and the 42 newest of the bulk.
    expect(ids.at(-1)).toBe(`urn:uuid:${(await bulkTitled("Bulk 41")).id}`);
  });

  async function bulkTitled(title: string) {
    return app.ctx.db.selectFrom("news_posts").select("id").where("title", "=", title).executeTakeFirstOrThrow();
  }

  it("stops the old URL when a new one is made, and the new one when it is revoked", async () => {
    const first = await newFeedUrl();
    const second = await newFeedUrl();
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);
    expect((await rep.client.delete("/api/v1/news/feed-token")).statusCode).toBe(204);
    expect((await fetchFeed(second)).statusCode).toBe(404);
    expect((await rep.client.get("/api/v1/news/feed-token")).json()).toEqual({ active: false, prefix: null, createdAt: null });
    expect((await app.app.inject({ method: "GET", url: "/api/v1/news/atom/tnf_unknown" })).statusCode).toBe(404);
    const stored = await app.ctx.db.selectFrom("news_feed_tokens").select(["token_hash"]).where("user_id", "=", rep.user.id).execute();
    for (const row of stored) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const row of stored) expect([first, second].some((url) => url.includes(row.token_hash))).toBe(false);
  });

  it("answers 404 once the owner is deactivated", async () => {
    const url = await newFeedUrl();
    expect((await fetchFeed(url)).statusCode).toBe(200);
    await app.ctx.db.updateTable("users").set({ status: "deactivated" }).where("id", "=", rep.user.id).execute();
    expect((await fetchFeed(url)).statusCode).toBe(404);
    await app.ctx.db.updateTable("users").set({ status: "active" }).where("id", "=", rep.user.id).execute();
  });
});
