import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createArticle, createProduct, listedArticleIds, suggestedIds } from "../../testing/knowledge.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];

describe.each(testEngines)("knowledge base search and suggestions on %s", (engine) => {
  let app: TestApp;
  let agent: Client;
  let rep: Client;
  let cameraId: string;
  let recorderId: string;
  let otherPartnerId: string;

  beforeAll(async () => {
    app = await createTestApp(engine);
    const admin = (await signedIn(app, "vendor_admin")).client;
    agent = (await signedIn(app, "support_agent")).client;
    rep = (await signedIn(app, "technician", (await createPartner(app)).id)).client;
    otherPartnerId = (await createPartner(app)).id;
    cameraId = await createProduct(admin, "SRCH-CAM");
    recorderId = await createProduct(admin, "SRCH-NVR");
  });
  afterAll(async () => app.close());

  it("finds articles by words in the title, summary and body, every word required", async () => {
    const byTitle = await createArticle(agent, { title: "Zephyrine lens fogging" });
    const bySummary = await createArticle(agent, { title: "Housing", summary: "The glimmerfox heater fails in frost" });
    const byBody = await createArticle(agent, { title: "Cabling", bodyMarkdown: "Use **xylocarpine** shielded cable for long runs." });
    for (const client of [rep, agent]) {
      expect(await listedArticleIds(client, "q=zephyrine")).toEqual([byTitle.id]);
      expect(await listedArticleIds(client, "q=glimmerfox")).toEqual([bySummary.id]);
      expect(await listedArticleIds(client, "q=xylocarpine")).toEqual([byBody.id]);
    }
    expect(await listedArticleIds(rep, "q=zephyrine%20fogging")).toEqual([byTitle.id]);
    expect(await listedArticleIds(rep, "q=zephyrine%20glimmerfox")).toEqual([]);
    expect(await listedArticleIds(rep, "q=nowherefoundword")).toEqual([]);
    expect(await listedArticleIds(rep, "q=--")).toEqual([]);
  });

  it("matches word prefixes and folds case and diacritics", async () => {
    const german = await createArticle(agent, { title: "Überwachung für Ärzte", bodyMarkdown: "Kamera café réglage" });
    for (const q of ["arzte", "uberwachung", "Ärzte", "ÜBERWACHUNG", "uberw", "fur arz", "cafe", "REGL"]) {
      expect(await listedArticleIds(rep, `q=${encodeURIComponent(q)}`), q).toEqual([german.id]);
    }
    // A prefix matches the start of a word only.
    expect(await listedArticleIds(rep, "q=wachung")).toEqual([]);
  });

  it("re-indexes an article when its text changes", async () => {
    const article = await createArticle(agent, { title: "Quorvex original" });
    const changed = await agent.patch(`/api/v1/knowledge/articles/${article.id}`, { title: "Plinthor renamed", bodyMarkdown: "Now about brontaxe." });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await listedArticleIds(rep, "q=quorvex")).toEqual([]);
    expect(await listedArticleIds(rep, "q=plinthor")).toEqual([article.id]);
    expect(await listedArticleIds(rep, "q=brontaxe")).toEqual([article.id]);
  });

  it("ranks a title match above a body-only match, and filters by product", async () => {
    const inBody = await createArticle(agent, { title: "General notes", bodyMarkdown: "Mentions the vortigane once.", productIds: [cameraId] });
    const inTitle = await createArticle(agent, { title: "Vortigane setup", productIds: [recorderId] });
    expect(await listedArticleIds(rep, "q=vortigane")).toEqual([inTitle.id, inBody.id]);
    expect(await listedArticleIds(rep, `q=vortigane&productId=${cameraId}`)).toEqual([inBody.id]);
    expect(await listedArticleIds(rep, `productId=${recorderId}`)).toEqual([inTitle.id]);
    // Newest first when asked, even with words.
    expect(await listedArticleIds(rep, "q=vortigane&sort=newest")).toEqual([inTitle.id, inBody.id]);
  });

  it("keeps drafts and other partners' articles out of a partner's search", async () => {
    const draft = await createArticle(agent, { title: "Draftonly snorkelite", status: "draft" });
    const theirs = await createArticle(agent, {
      title: "Theirs snorkelite",
      audience: "partners",
      audienceTargets: { partnerIds: [otherPartnerId] },
    });
    expect(await listedArticleIds(rep, "q=snorkelite")).toEqual([]);
    expect((await listedArticleIds(agent, "q=snorkelite")).sort()).toEqual([draft.id, theirs.id].sort());
  });

  it("suggests published articles matching any of the words typed into a ticket, best first", async () => {
    const poe = await createArticle(agent, {
      title: "Dome camera reboots when PoE budget is exceeded",
      summary: "Cameras restart in a loop on a busy switch.",
      bodyMarkdown: `${"Background text. ".repeat(20)}Lower the **infrared** power or move the camera to a switch with a larger PoE budget.`,
    });
    const firmware = await createArticle(agent, { title: "Recorder stuck after firmware update", summary: "Roll back the update." });
    const draft = await createArticle(agent, { title: "Dome camera reboots draft", status: "draft" });
    const typed = "Our dome cameras keep rebooting at night";
    const suggested = await suggestedIds(rep, typed);
    expect(suggested[0]).toBe(poe.id);
    expect(suggested).not.toContain(draft.id);
    expect(suggested).not.toContain(firmware.id);
    expect(await suggestedIds(rep, "recorder firmware")).toEqual([firmware.id]);
    // "rebooting" finds "reboots": suggestions cut common endings.
    expect(await suggestedIds(rep, "rebooting")).toEqual([poe.id]);

    const response = await rep.get(`/api/v1/knowledge/suggest?q=${encodeURIComponent("camera infrared")}`);
    const first = response.json().items[0];
    expect(first).toMatchObject({ id: poe.id, title: poe.title, summary: "Cameras restart in a loop on a busy switch.", solvedCount: 0 });
    expect(first.snippet).toContain("infrared");
    expect(first.snippet.startsWith("…")).toBe(true);
    // A vendor user gets the same published-only suggestions.
    expect(await suggestedIds(agent, typed)).not.toContain(draft.id);
  });

  it("gives no suggestions for empty, one-character or filler-only text, nor for another partner's articles", async () => {
    await createArticle(agent, { title: "A is for antenna" });
    expect(await suggestedIds(rep, "")).toEqual([]);
    expect(await suggestedIds(rep, "a")).toEqual([]);
    expect(await suggestedIds(rep, " x ")).toEqual([]);
    expect(await suggestedIds(rep, "it is not the")).toEqual([]);
    const theirs = await createArticle(agent, {
      title: "Gravimetric sensor drift",
      audience: "partners",
      audienceTargets: { partnerIds: [otherPartnerId] },
    });
    expect(await suggestedIds(rep, "gravimetric drift")).toEqual([]);
    expect(await suggestedIds(agent, "gravimetric drift")).toEqual([theirs.id]);
  });

  it("ranks articles for the ticket's products first among equal matches, at most five", async () => {
    const forCamera = await createArticle(agent, { title: "Thermoquill calibration", productIds: [cameraId] });
    // Newer, so it would come first without the product.
    const general = await createArticle(agent, { title: "Thermoquill calibration" });
    expect(await suggestedIds(rep, "thermoquill calibration")).toEqual([general.id, forCamera.id]);
    const suggested = await suggestedIds(rep, "thermoquill calibration", [cameraId]);
    expect(suggested).toEqual([forCamera.id, general.id]);
    const repeated = await rep.get(`/api/v1/knowledge/suggest?q=thermoquill&productIds=${recorderId}&productIds=${cameraId}`);
    expect(repeated.statusCode, repeated.body).toBe(200);
    expect(repeated.json().items[0].id).toBe(forCamera.id);

    for (let n = 0; n < 7; n += 1) await createArticle(agent, { title: `Manyhits article ${n}` });
    expect(await suggestedIds(rep, "manyhits")).toHaveLength(5);
    expect((await rep.get("/api/v1/knowledge/suggest?q=manyhits&limit=9")).statusCode).toBe(400);
  });
});
