import { assetAudiences, assetTypes } from "@trellis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines, waitForMail } from "../../testing/harness.js";
import { type Client, createAsset, listedIds, pdfFile, publish, publishedFileAsset, samplePdf, uploadFile } from "../../testing/library.js";
import { libraryReviewReminderJob } from "./library.jobs.js";
import { todayUtc } from "./library.service.js";

describe.each(testEngines)("sales library assets on %s", (engine) => {
  let app: TestApp;
  let admin: Client;
  let marketing: Client;
  let marketingOwner: { id: string; email: string };
  let productId: string;
  let goldTierId: string;
  let silverTierId: string;
  let namedPartnerId: string;

  async function count(table: "assets" | "audit_log"): Promise<number> {
    const row = await app.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = (await signedIn(app, "vendor_admin")).client;
    marketing = (await signedIn(app, "marketing")).client;
    marketingOwner = await createUser(app, { role: "marketing", name: "Mara Owner" });
    const family = await admin.post("/api/v1/product-families", { name: "Dome cameras" });
    const product = await admin.post("/api/v1/products", {
      sku: "DOME-4K",
      name: "Dome 4K",
      familyId: family.json().id,
      listPrice: { amountMinor: 49900, currency: "USD" },
      serialPattern: "DOM-\\d{6}",
    });
    expect(product.statusCode, product.body).toBe(201);
    productId = product.json().id;
    goldTierId = (await admin.post("/api/v1/tiers", { name: "Gold", rank: 1 })).json().id;
    silverTierId = (await admin.post("/api/v1/tiers", { name: "Silver", rank: 2 })).json().id;
    namedPartnerId = (await createPartner(app, { name: "Named Reseller", region: "Asia Pacific" })).id;
  });
  afterAll(async () => app.close());

  it("marketing creates an asset of every type with products, markets, tags, language, owner, audience and review-by", async () => {
    const audits = await count("audit_log");
    const targets = {
      all: { tierIds: [], regions: [], partnerIds: [] },
      tiers: { tierIds: [goldTierId], regions: [], partnerIds: [] },
      regions: { tierIds: [], regions: ["Western Europe", "Northern Europe"], partnerIds: [] },
      partners: { tierIds: [], regions: [], partnerIds: [namedPartnerId] },
    } as const;
    for (const [index, type] of assetTypes.entries()) {
      const audience = assetAudiences[index % assetAudiences.length] ?? "all";
      const created = await marketing.post("/api/v1/library/assets", {
        title: `Asset of type ${type}`,
        summary: "For the spring campaign",
        type,
        format: "file",
        language: "pt-BR",
        productIds: [productId],
        markets: ["retail", "healthcare"],
        tags: ["Spring", "night-vision"],
        ownerId: marketingOwner.id,
        audience,
        audienceTargets: targets[audience],
        reviewBy: "2031-06-30",
      });
      expect(created.statusCode, created.body).toBe(201);
      const asset = created.json();
      expect(asset).toMatchObject({
        title: `Asset of type ${type}`,
        type,
        format: "file",
        language: "pt-BR",
        status: "draft",
        currentVersion: 0,
        productIds: [productId],
        products: [{ id: productId, sku: "DOME-4K", name: "Dome 4K" }],
        markets: ["healthcare", "retail"],
        tags: ["night-vision", "spring"],
        ownerId: marketingOwner.id,
        ownerName: "Mara Owner",
        audience,
        audienceTargets: { ...targets[audience], regions: [...targets[audience].regions].sort() },
        reviewBy: "2031-06-30",
        needsReview: false,
        versions: [],
      });
      const fetched = await marketing.get(`/api/v1/library/assets/${asset.id}`);
      expect(fetched.json()).toMatchObject({ type, audience, ownerId: marketingOwner.id });
    }
    const entries = await app.ctx.db.selectFrom("audit_log").select("action").where("action", "=", "asset.create").execute();
    expect(entries.length).toBeGreaterThanOrEqual(assetTypes.length);
    expect(await count("audit_log")).toBe(audits + assetTypes.length);
  });

  it("answers bad input with 400 problem+json naming the field, and changes nothing", async () => {
    const rep = await createUser(app, { role: "sales_rep", partnerId: namedPartnerId });
    const good = { title: "Valid", type: "brochure", format: "file" };
    const cases: [body: Record<string, unknown>, field: string][] = [
      [{ type: "brochure", format: "file" }, "title"],
      [{ ...good, type: "flyer" }, "type"],
      [{ ...good, language: "english" }, "language"],
      [{ ...good, reviewBy: "30/06/2031" }, "reviewBy"],
      [{ ...good, markets: ["space"] }, "markets"],
      [{ ...good, tags: ["<b>bold</b>"] }, "tags"],
      [{ ...good, cobrandBox: { page: "first", x: 0.5, y: 0.1, width: 0.9, height: 0.1 } }, "cobrandBox"],
      [{ ...good, colour: "red" }, "body"],
      [{ ...good, productIds: ["no-such-product"] }, "productIds"],
      [{ ...good, ownerId: "no-such-user" }, "ownerId"],
      [{ ...good, ownerId: rep.id }, "ownerId"],
      [{ ...good, audience: "tiers" }, "audienceTargets"],
      [{ ...good, audience: "partners", audienceTargets: { partnerIds: ["no-such-partner"] } }, "audienceTargets.partnerIds"],
      [{ ...good, audience: "tiers", audienceTargets: { tierIds: ["no-such-tier"] } }, "audienceTargets.tierIds"],
      [{ ...good, format: "page", coBrandable: true }, "coBrandable"],
      [{ ...good, bodyMarkdown: "# A file has no body" }, "bodyMarkdown"],
    ];
    const assets = await count("assets");
    const audits = await count("audit_log");
    for (const [body, field] of cases) {
      const refused = await marketing.post("/api/v1/library/assets", body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      const problem = refused.json();
      expect(problem.code).toBe("validation_failed");
      expect(
        (problem.fields as { path: string }[]).some((f) => [field, `body.${field}`].includes(f.path) || f.path.startsWith(`body.${field}.`)),
        `${field} in ${refused.body}`,
      ).toBe(true);
    }
    expect(await count("assets")).toBe(assets);
    expect(await count("audit_log")).toBe(audits);

    // A PATCH refused for its audience leaves the title it also tried to change.
    const asset = await createAsset(marketing, { title: "Keeps its title" });
    const auditsBefore = await count("audit_log");
    const patch = await marketing.patch(`/api/v1/library/assets/${asset.id}`, {
      title: "Renamed",
      audience: "partners",
      audienceTargets: { partnerIds: [] },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().fields[0].path).toBe("body.audienceTargets");
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}`)).json()).toMatchObject({ title: "Keeps its title", audience: "all" });
    expect(await count("audit_log")).toBe(auditsBefore);
  });

  it("refuses writes to sales reps, technicians, partner admins, finance, support and channel managers (403)", async () => {
    const asset = await createAsset(marketing, { title: "Write-protected" });
    for (const role of ["sales_rep", "technician", "partner_admin"] as const) {
      const { client } = await signedIn(app, role, namedPartnerId);
      expect((await client.post("/api/v1/library/assets", { title: "x", type: "brochure", format: "file" })).statusCode).toBe(403);
      expect((await client.patch(`/api/v1/library/assets/${asset.id}`, { title: "x" })).statusCode).toBe(403);
      expect((await uploadFile(client, asset.id, pdfFile(await samplePdf("x")))).statusCode).toBe(403);
    }
    for (const role of ["finance", "support_agent", "channel_manager"] as const) {
      const { client } = await signedIn(app, role);
      expect((await client.post("/api/v1/library/assets", { title: "x", type: "brochure", format: "file" })).statusCode).toBe(403);
      expect((await client.post(`/api/v1/library/assets/${asset.id}/page`, { bodyMarkdown: "x" })).statusCode).toBe(403);
    }
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}`)).json()).toMatchObject({ title: "Write-protected", currentVersion: 0 });
    expect((await admin.post("/api/v1/library/assets", { title: "By the admin", type: "brochure", format: "file" })).statusCode).toBe(201);
  });

  it("shows an asset only to partners in its audience: metadata, content, co-branded copy, list and search", async () => {
    const gold = await createPartner(app, { name: "Gold NA", tierId: goldTierId, region: "North America" });
    const euro = await createPartner(app, { name: "Euro Reseller", region: "Western Europe" });
    const outsider = await createPartner(app, { name: "Outsider", tierId: silverTierId, region: "Africa" });
    const reps = {
      gold: (await signedIn(app, "sales_rep", gold.id)).client,
      euro: (await signedIn(app, "technician", euro.id)).client,
      named: (await signedIn(app, "partner_admin", namedPartnerId)).client,
      outsider: (await signedIn(app, "sales_rep", outsider.id)).client,
    };
    const common = { coBrandable: true, type: "spec_sheet" };
    const assets = {
      all: await publishedFileAsset(marketing, { ...common, title: "Audiencecheck everyone" }),
      tier: await publishedFileAsset(marketing, {
        ...common,
        title: "Audiencecheck gold",
        audience: "tiers",
        audienceTargets: { tierIds: [goldTierId] },
      }),
      region: await publishedFileAsset(marketing, {
        ...common,
        title: "Audiencecheck europe",
        audience: "regions",
        audienceTargets: { regions: ["Western Europe"] },
      }),
      named: await publishedFileAsset(marketing, {
        ...common,
        title: "Audiencecheck named",
        audience: "partners",
        audienceTargets: { partnerIds: [namedPartnerId] },
      }),
    };
    const sees: Record<keyof typeof reps, (keyof typeof assets)[]> = {
      gold: ["all", "tier"],
      euro: ["all", "region"],
      named: ["all", "named"],
      outsider: ["all"],
    };
    for (const [who, client] of Object.entries(reps) as [keyof typeof reps, Client][]) {
      const listed = await listedIds(client, "type=spec_sheet");
      const searched = await listedIds(client, "q=audiencecheck");
      for (const [which, asset] of Object.entries(assets) as [keyof typeof assets, { id: string }][]) {
        const visible = sees[who].includes(which);
        const label = `${who} -> ${which}`;
        const expected = visible ? 200 : 404;
        expect((await client.get(`/api/v1/library/assets/${asset.id}`)).statusCode, label).toBe(expected);
        expect((await client.get(`/api/v1/library/assets/${asset.id}/content`)).statusCode, label).toBe(expected);
        expect((await client.get(`/api/v1/library/assets/${asset.id}/cobranded`)).statusCode, label).toBe(expected);
        expect((await client.post(`/api/v1/library/assets/${asset.id}/opened`)).statusCode, label).toBe(visible ? 204 : 404);
        expect(listed.includes(asset.id), label).toBe(visible);
        expect(searched.includes(asset.id), label).toBe(visible);
      }
    }
    // A partner detail never tells which other partners, tiers or regions an asset is for.
    expect((await reps.named.get(`/api/v1/library/assets/${assets.named.id}`)).json().audienceTargets).toEqual({
      tierIds: [],
      regions: [],
      partnerIds: [],
    });
    // Vendor users see every asset whatever its audience.
    const support = (await signedIn(app, "support_agent")).client;
    const vendorSearch = await listedIds(support, "q=audiencecheck");
    for (const asset of Object.values(assets)) {
      expect(vendorSearch).toContain(asset.id);
      expect((await support.get(`/api/v1/library/assets/${asset.id}/content`)).statusCode).toBe(200);
    }
  });

  it("hides drafts and archived assets from partners (404) while vendor users still see them", async () => {
    const partner = await createPartner(app);
    const rep = (await signedIn(app, "sales_rep", partner.id)).client;
    const draft = await createAsset(marketing, { title: "Draftonly brochure" });
    expect((await uploadFile(marketing, draft.id, pdfFile(await samplePdf("Draft")))).statusCode).toBe(200);
    const archived = await publishedFileAsset(marketing, { title: "Archivedsoon brochure" });
    expect((await rep.get(`/api/v1/library/assets/${archived.id}`)).statusCode).toBe(200);
    expect((await marketing.patch(`/api/v1/library/assets/${archived.id}`, { status: "archived" })).json().status).toBe("archived");

    for (const asset of [draft, archived]) {
      expect((await rep.get(`/api/v1/library/assets/${asset.id}`)).statusCode).toBe(404);
      expect((await rep.get(`/api/v1/library/assets/${asset.id}/content`)).statusCode).toBe(404);
      expect(await listedIds(rep)).not.toContain(asset.id);
      expect((await admin.get(`/api/v1/library/assets/${asset.id}`)).statusCode).toBe(200);
      expect((await admin.get(`/api/v1/library/assets/${asset.id}/content`)).statusCode).toBe(200);
    }
    expect(await listedIds(rep, "q=draftonly")).toEqual([]);
    expect(await listedIds(admin, "q=draftonly")).toEqual([draft.id]);
    expect(await listedIds(admin, "status=draft")).toContain(draft.id);
    expect(await listedIds(admin)).not.toContain(archived.id);
    expect(await listedIds(admin, "status=archived")).toEqual([archived.id]);
    // Partners cannot ask for drafts through the status filter either.
    expect(await listedIds(rep, "status=draft")).not.toContain(draft.id);
    // Publishing needs a file.
    const empty = await createAsset(marketing, { title: "No file yet" });
    expect((await marketing.patch(`/api/v1/library/assets/${empty.id}`, { status: "published" })).statusCode).toBe(422);
  });

  it("lists every asset linked to a product", async () => {
    const family = await admin.post("/api/v1/product-families", { name: "Recorders" });
    const nvr = await admin.post("/api/v1/products", {
      sku: "NVR-16",
      name: "NVR 16 channel",
      familyId: family.json().id,
      listPrice: { amountMinor: 99900, currency: "USD" },
      serialPattern: "NVR-\\d{6}",
    });
    const nvrId = nvr.json().id;
    const linked = [
      await publishedFileAsset(marketing, { title: "NVR brochure", productIds: [nvrId] }),
      await publishedFileAsset(marketing, { title: "NVR and dome spec", type: "spec_sheet", productIds: [productId, nvrId] }),
      await publish(
        marketing,
        (await createAsset(marketing, { title: "NVR script", type: "sales_script", format: "page", bodyMarkdown: "Say NVR", productIds: [nvrId] }))
          .id,
      ),
    ];
    const unlinked = await publishedFileAsset(marketing, { title: "Dome only", productIds: [productId] });
    const draftLinked = await createAsset(marketing, { title: "NVR draft", productIds: [nvrId] });
    const rep = (await signedIn(app, "sales_rep", (await createPartner(app)).id)).client;

    expect((await listedIds(rep, `productId=${nvrId}`)).sort()).toEqual(linked.map((asset) => asset.id).sort());
    expect((await listedIds(admin, `productId=${nvrId}`)).sort()).toEqual([...linked.map((asset) => asset.id), draftLinked.id].sort());
    expect(await listedIds(rep, `productId=${nvrId}`)).not.toContain(unlinked.id);
    expect(
      (await rep.get(`/api/v1/library/assets/${linked[1]?.id}`))
        .json()
        .products.map((p: { sku: string }) => p.sku)
        .sort(),
    ).toEqual(["DOME-4K", "NVR-16"]);
  });

  it("keeps every version, serves partners the newest, and tracks 'updated since you last opened it'", async () => {
    const partner = await createPartner(app);
    const repUser = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    const rep = as(app, await login(app, repUser.email));
    const colleague = (await signedIn(app, "sales_rep", partner.id)).client;
    const v1 = await samplePdf("Price list", ["Version one prices"]);
    const v2 = await samplePdf("Price list", ["Version two prices"]);
    const asset = await publishedFileAsset(marketing, { title: "Price list", type: "price_list" }, { ...pdfFile(v1, "prices-v1.pdf") });

    const before = (await rep.get(`/api/v1/library/assets/${asset.id}`)).json();
    expect(before).toMatchObject({ openedVersion: null, updatedSinceOpened: false, currentVersion: 1 });
    expect((await rep.post(`/api/v1/library/assets/${asset.id}/opened`)).statusCode).toBe(204);
    expect((await rep.get(`/api/v1/library/assets/${asset.id}`)).json()).toMatchObject({ openedVersion: 1, updatedSinceOpened: false });

    const uploaded = await uploadFile(marketing, asset.id, pdfFile(v2, "prices-v2.pdf"), "Q3 prices");
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const vendorView = uploaded.json();
    expect(vendorView.currentVersion).toBe(2);
    expect(vendorView.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(vendorView.versions[0]).toMatchObject({ fileName: "prices-v2.pdf", note: "Q3 prices", contentType: "application/pdf", size: v2.length });
    expect(vendorView.versions[1]).toMatchObject({ fileName: "prices-v1.pdf", size: v1.length });

    const partnerView = (await rep.get(`/api/v1/library/assets/${asset.id}`)).json();
    expect(partnerView.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(partnerView).toMatchObject({ currentVersion: 2, openedVersion: 1, updatedSinceOpened: true });
    const listed = (await rep.get("/api/v1/library/assets?type=price_list&limit=100"))
      .json()
      .items.find((item: { id: string }) => item.id === asset.id);
    expect(listed).toMatchObject({ updatedSinceOpened: true, openedVersion: 1 });
    expect((await colleague.get(`/api/v1/library/assets/${asset.id}`)).json()).toMatchObject({ openedVersion: null, updatedSinceOpened: false });

    const content = await rep.get(`/api/v1/library/assets/${asset.id}/content`);
    expect(content.rawPayload.equals(v2)).toBe(true);
    expect((await rep.get(`/api/v1/library/assets/${asset.id}/content?version=1`)).statusCode).toBe(404);
    expect((await rep.get(`/api/v1/library/assets/${asset.id}/content?version=2`)).rawPayload.equals(v2)).toBe(true);
    const old = await marketing.get(`/api/v1/library/assets/${asset.id}/content?version=1`);
    expect(old.statusCode).toBe(200);
    expect(old.rawPayload.equals(v1)).toBe(true);
    expect(old.headers["content-disposition"]).toContain("(v1)");
    expect((await marketing.get(`/api/v1/library/assets/${asset.id}/content?version=3`)).statusCode).toBe(404);

    expect((await rep.post(`/api/v1/library/assets/${asset.id}/opened`)).statusCode).toBe(204);
    expect((await rep.get(`/api/v1/library/assets/${asset.id}`)).json()).toMatchObject({ openedVersion: 2, updatedSinceOpened: false });
  });

  it("hides stale competitive data sheets from partners, flags them for review and mails their owner", async () => {
    const day = (offset: number) => new Date(Date.parse(`${todayUtc()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const owner = await createUser(app, { role: "marketing", name: "Rita Reviewer" });
    const sheet = { type: "competitive_data_sheet", ownerId: owner.id };
    const stale = await publishedFileAsset(marketing, { ...sheet, title: "Staleness versus Rivalcorp", reviewBy: day(-1) });
    const fresh = await publishedFileAsset(marketing, { ...sheet, title: "Staleness versus Othercorp", reviewBy: day(1) });
    const oldBrochure = await publishedFileAsset(marketing, { title: "Staleness brochure", reviewBy: day(-3), ownerId: owner.id });
    const rep = (await signedIn(app, "sales_rep", (await createPartner(app)).id)).client;

    expect((await rep.get(`/api/v1/library/assets/${stale.id}`)).statusCode).toBe(404);
    expect((await rep.get(`/api/v1/library/assets/${stale.id}/content`)).statusCode).toBe(404);
    expect((await listedIds(rep, "q=staleness")).sort()).toEqual([fresh.id, oldBrochure.id].sort());
    // The brochure is past review too, but only competitive sheets are hidden.
    expect((await rep.get(`/api/v1/library/assets/${oldBrochure.id}`)).json()).toMatchObject({ needsReview: true });

    expect((await marketing.get(`/api/v1/library/assets/${stale.id}`)).json()).toMatchObject({ needsReview: true, hiddenFromPartners: true });
    expect((await marketing.get(`/api/v1/library/assets/${fresh.id}`)).json()).toMatchObject({ needsReview: false, hiddenFromPartners: false });
    expect((await marketing.get(`/api/v1/library/assets/${oldBrochure.id}`)).json()).toMatchObject({ needsReview: true, hiddenFromPartners: false });
    expect((await listedIds(marketing, "q=staleness&needsReview=true")).sort()).toEqual([stale.id, oldBrochure.id].sort());
    expect(await listedIds(marketing, "q=staleness&needsReview=false")).toEqual([fresh.id]);
    expect((await marketing.get("/api/v1/library/assets?needsReview=maybe")).statusCode).toBe(400);

    try {
      const off = await admin.patch("/api/v1/settings", { hideStaleCompetitive: false });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().hideStaleCompetitive).toBe(false);
      expect((await rep.get(`/api/v1/library/assets/${stale.id}`)).statusCode).toBe(200);
      expect(await listedIds(rep, "q=staleness")).toContain(stale.id);
      expect((await marketing.get(`/api/v1/library/assets/${stale.id}`)).json()).toMatchObject({ needsReview: true, hiddenFromPartners: false });
    } finally {
      expect((await admin.patch("/api/v1/settings", { hideStaleCompetitive: true })).statusCode).toBe(200);
    }
    expect((await rep.get(`/api/v1/library/assets/${stale.id}`)).statusCode).toBe(404);
    // Marketing cannot change the vendor setting.
    expect((await marketing.patch("/api/v1/settings", { hideStaleCompetitive: false })).statusCode).toBe(403);

    await libraryReviewReminderJob.run(app.ctx);
    const mail = await waitForMail(app, owner.email);
    expect(mail.subject).toBe("2 sales assets past the review-by date");
    expect(mail.text_body).toContain("Hello Rita Reviewer");
    expect(mail.text_body).toContain(
      `Staleness versus Rivalcorp [Competitive data sheet], review by ${day(-1)} (hidden from partners until reviewed)`,
    );
    expect(mail.text_body).toContain(`/library/assets/${stale.id}`);
    expect(mail.text_body).toContain("Staleness brochure [Brochure]");
    expect(mail.text_body).not.toContain("Othercorp");
  });
});
