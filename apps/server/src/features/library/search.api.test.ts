import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { type Client, listedIds, pdfFile, publishedFileAsset, publishedPageAsset, samplePdf } from "../../testing/library.js";

describe.each(testEngines)("sales library search on %s", (engine) => {
  let app: TestApp;
  let marketing: Client;
  let rep: Client;
  let productId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    const admin = (await signedIn(app, "vendor_admin")).client;
    marketing = (await signedIn(app, "marketing")).client;
    rep = (await signedIn(app, "sales_rep", (await createPartner(app)).id)).client;
    const family = await admin.post("/api/v1/product-families", { name: "Thermal" });
    const product = await admin.post("/api/v1/products", {
      sku: "TH-1",
      name: "Thermal 1",
      familyId: family.json().id,
      listPrice: { amountMinor: 1000, currency: "USD" },
      serialPattern: "TH-\\d{4}",
    });
    productId = product.json().id;
  });
  afterAll(async () => app.close());

  it("finds assets by words in the title, summary, tags and the text inside an uploaded PDF", async () => {
    const byTitle = await publishedFileAsset(marketing, { title: "Zephyrine thermal camera" });
    const bySummary = await publishedFileAsset(marketing, { title: "Lineup overview", summary: "Covers the glimmerfox lineup" });
    const byTag = await publishedFileAsset(marketing, { title: "Tagged one", tags: ["quasarwave"] });
    const pdf = await samplePdf("Detection guide", ["The first page talks about domes.", "Only the second page names xylocarpine detection."], 2);
    const byBody = await publishedFileAsset(marketing, { title: "Detection guide", summary: "Two pages" }, pdfFile(pdf));
    expect(byBody.versions[0]).toMatchObject({ contentType: "application/pdf" });

    for (const client of [rep, marketing]) {
      expect(await listedIds(client, "q=zephyrine")).toEqual([byTitle.id]);
      expect(await listedIds(client, "q=glimmerfox")).toEqual([bySummary.id]);
      expect(await listedIds(client, "q=quasarwave")).toEqual([byTag.id]);
      expect(await listedIds(client, "q=xylocarpine")).toEqual([byBody.id]);
    }
    // Every word must match; a word that is nowhere finds nothing.
    expect(await listedIds(rep, "q=zephyrine%20thermal")).toEqual([byTitle.id]);
    expect(await listedIds(rep, "q=zephyrine%20glimmerfox")).toEqual([]);
    expect(await listedIds(rep, "q=nowherefoundword")).toEqual([]);
  });

  it("matches word prefixes and folds case and diacritics", async () => {
    const german = await publishedFileAsset(marketing, { title: "Überwachung für Ärzte", language: "de" });
    const plain = await publishedFileAsset(marketing, { title: "Prefixmatching catalogue" });
    for (const q of ["arzte", "uberwachung", "Ärzte", "ÜBERWACHUNG", "uberw", "fur%20arz"]) {
      expect(await listedIds(rep, `q=${encodeURIComponent(decodeURIComponent(q))}`), q).toEqual([german.id]);
    }
    expect(await listedIds(rep, "q=prefixmat")).toEqual([plain.id]);
    expect(await listedIds(rep, "q=PREFIXMATCHING%20cat")).toEqual([plain.id]);
    // A prefix matches the start of a word only.
    expect(await listedIds(rep, "q=matching")).toEqual([]);
  });

  it("combines type, product, market and tag filters with the query", async () => {
    const make = (title: string, fields: Record<string, unknown>) => publishedFileAsset(marketing, { title: `Combowidget ${title}`, ...fields });
    const e1 = await make("one", { type: "brochure", markets: ["retail"], tags: ["alpha"], productIds: [productId] });
    const e2 = await make("two", { type: "spec_sheet", markets: ["retail"], tags: ["alpha"], productIds: [productId] });
    const e3 = await make("three", { type: "brochure", markets: ["healthcare"], tags: ["beta"], productIds: [productId] });
    const e4 = await make("four", { type: "brochure", markets: ["retail"], tags: ["beta"] });
    await publishedFileAsset(marketing, { title: "Unrelated retail brochure", type: "brochure", markets: ["retail"], tags: ["alpha"] });
    const sorted = async (query: string) => (await listedIds(rep, query)).sort();

    expect(await sorted("q=combowidget")).toEqual([e1.id, e2.id, e3.id, e4.id].sort());
    expect(await sorted("q=combowidget&type=brochure")).toEqual([e1.id, e3.id, e4.id].sort());
    expect(await sorted("q=combowidget&type=brochure&market=retail")).toEqual([e1.id, e4.id].sort());
    expect(await sorted("q=combowidget&market=retail&tag=alpha")).toEqual([e1.id, e2.id].sort());
    expect(await sorted(`q=combowidget&productId=${productId}&market=retail`)).toEqual([e1.id, e2.id].sort());
    expect(await sorted(`q=combowidget&type=brochure&productId=${productId}&market=retail&tag=alpha`)).toEqual([e1.id]);
    expect(await sorted("q=combowidget&tag=gamma")).toEqual([]);
    expect((await rep.get("/api/v1/library/assets?type=flyer")).statusCode).toBe(400);
  });

  it("ranks a title match above a body-only match, and sorts by newest, most used and title", async () => {
    const inTitle = await publishedFileAsset(marketing, { title: "Lumenforge overview" });
    const inBody = await publishedPageAsset(marketing, { title: "Installer notes" }, "Mounting the lumenforge bracket takes two screws.");
    expect(await listedIds(rep, "q=lumenforge")).toEqual([inTitle.id, inBody.id]);
    expect(await listedIds(rep, "q=lumenforge&sort=relevance")).toEqual([inTitle.id, inBody.id]);
    expect(await listedIds(rep, "q=lumenforge&sort=newest")).toEqual([inBody.id, inTitle.id]);

    const bravo = await publishedFileAsset(marketing, { title: "Bravo sorter", tags: ["sorttest"] });
    const charlie = await publishedFileAsset(marketing, { title: "Charlie sorter", tags: ["sorttest"] });
    const alpha = await publishedFileAsset(marketing, { title: "Alpha sorter", tags: ["sorttest"] });
    expect(await listedIds(rep, "tag=sorttest")).toEqual([alpha.id, charlie.id, bravo.id]);
    expect(await listedIds(rep, "tag=sorttest&sort=newest")).toEqual([alpha.id, charlie.id, bravo.id]);
    expect(await listedIds(rep, "tag=sorttest&sort=title")).toEqual([alpha.id, bravo.id, charlie.id]);

    // Partner use counts (views and downloads); the vendor's own previews do not.
    for (let i = 0; i < 3; i++) await marketing.post(`/api/v1/library/assets/${alpha.id}/opened`);
    await marketing.get(`/api/v1/library/assets/${alpha.id}/content?download=1`);
    await rep.post(`/api/v1/library/assets/${charlie.id}/opened`);
    await rep.post(`/api/v1/library/assets/${charlie.id}/opened`);
    await rep.get(`/api/v1/library/assets/${bravo.id}/content?download=1`);
    expect(await listedIds(rep, "tag=sorttest&sort=most_used")).toEqual([charlie.id, bravo.id, alpha.id]);
    const items = (await rep.get("/api/v1/library/assets?tag=sorttest&sort=most_used")).json().items as { id: string; useCount: number }[];
    expect(items.map((item) => item.useCount)).toEqual([2, 1, 0]);
  });

  it("pages with a cursor, returning every asset exactly once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await publishedFileAsset(marketing, { title: `Pagewalker ${String.fromCharCode(71 - i)}`, tags: ["pagetest"] })).id);
    for (const query of ["tag=pagetest", "tag=pagetest&sort=title", "q=pagewalker", "tag=pagetest&sort=most_used"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/library/assets?${query}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page = await rep.get(url);
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json() as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages, query).toBe(3);
      expect(new Set(seen).size, query).toBe(7);
      expect([...seen].sort(), query).toEqual([...ids].sort());
    }
    const titles = (await rep.get("/api/v1/library/assets?tag=pagetest&sort=title&limit=100"))
      .json()
      .items.map((item: { title: string }) => item.title);
    expect(titles).toEqual([...titles].sort());
  });

  it("treats a query of only punctuation as matching nothing, and a blank query as no query", async () => {
    const asset = await publishedFileAsset(marketing, { title: "Punctuation neighbour" });
    // The decision: a query with no letters or digits has no words to match, so the list is empty (both engines).
    for (const q of ["!!!", "-- ** ::", "\"'()", "%"]) {
      const listed = await rep.get(`/api/v1/library/assets?q=${encodeURIComponent(q)}`);
      expect(listed.statusCode, q).toBe(200);
      expect(listed.json(), q).toEqual({ items: [], nextCursor: null });
    }
    // Blank (whitespace only) is trimmed away: the unfiltered list.
    const blank = await listedIds(rep, `q=${encodeURIComponent("   ")}`);
    expect(blank).toEqual(await listedIds(rep));
    expect(blank).toContain(asset.id);
    // Words next to punctuation still match.
    expect(await listedIds(rep, `q=${encodeURIComponent("punctuation!!! (neighbour)")}`)).toEqual([asset.id]);
  });
});
